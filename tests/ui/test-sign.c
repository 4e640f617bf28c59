/* test-sign.c — signing a finished application, inside the window
 *
 * Finishes an application, opens the signer sheet from the result page
 * and signs with certificates that tests/scripts/make-test-pki.py makes:
 * a wrong password, an expired certificate, a token's certificate for
 * another key and a wrong PIN each say what to do in the sheet and write
 * nothing; the applicant's PKCS#12 file and the applicant's key on a
 * SoftHSM2 token each sign both files, which pdfsig and
 * sb_packet_verify_signatures() then find signed by 张三.  The office
 * signs the opinion it issues from the reviewer's page with its own
 * PKCS#12 file, and is offered no signature for a draft.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-calendar.h"
#include "sb-case-group.h"
#include "sb-date.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "sb-packet-signatures.h"
#include "sb-pdf-review.h"
#include "sb-pdf-sign.h"
#include "sb-review.h"
#include "sb-reviewer-view.h"
#include "sb-signer-sheet.h"
#include "sb-token-list.h"
#include "test-pki.h"
#include "ui-test-util.h"

#define PIN "246810"
#define SOFTHSM_LIBRARY "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"
#define P11_KIT_CLIENT  "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so"

static SbApplication *application;
static char *pki_dir;      /* made by make-test-pki.py, NULL when it could not be */
static gboolean have_token;

typedef struct
{
  SbWindow *window;
  SbWizard *wizard;
  char     *json_path;
  char     *pdf_path;
  GBytes   *unsigned_json;
  GBytes   *unsigned_pdf;
} Finished;

static void
finished_clear (Finished *finished)
{
  gtk_window_destroy (GTK_WINDOW (finished->window));
  g_free (finished->json_path);
  g_free (finished->pdf_path);
  g_bytes_unref (finished->unsigned_json);
  g_bytes_unref (finished->unsigned_pdf);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static char *
pki_path (const char *name)
{
  return g_build_filename (pki_dir, name, NULL);
}

/* The 耕地进出平衡 application of the fixtures, finished into a folder
 * of its own; the result page shown. */
static void
finish_application (Finished *finished,
                    int       width)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *files = g_build_filename (drafts, "files", NULL);
  g_autofree char *fixture_files = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", NULL);
  g_autofree char *out = g_dir_make_tmp ("shenbao-sign-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  GPtrArray *rules = sb_form_definition_get_rules (definition);
  const char *name;

  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), json_node_get_object (json_parser_get_root (parser)));
  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);

      if (rule->severity == SB_SEVERITY_WARNING)
        sb_draft_set_justification (draft, rule->id, "已与义井镇政府沟通，按年度方案调整办理。");
    }
  g_assert_true (sb_draft_store_save (store, draft, &error));
  g_assert_no_error (error);
  /* The attachments, in the file store by their hashes. */
  g_assert_cmpint (g_mkdir_with_parents (files, 0700), ==, 0);
  listing = g_dir_open (fixture_files, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *source = g_build_filename (fixture_files, name, NULL);
      g_autoptr(GBytes) bytes = read_bytes (source);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_autofree char *target = g_build_filename (files, sha256, NULL);

      g_assert_true (g_file_set_contents (target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    }
  g_clear_pointer (&listing, g_dir_close);

  finished->window = ui_test_open_window (application, width);
  sb_window_open_draft (finished->window, draft);
  ui_test_wait_for (GTK_WIDGET (finished->window), 300);
  finished->wizard = sb_window_get_wizard (finished->window);
  g_assert_nonnull (finished->wizard);
  sb_wizard_show_review (finished->wizard);
  ui_test_wait_for (GTK_WIDGET (finished->window), 300);
  g_assert_true (sb_wizard_can_finish (finished->wizard));
  g_assert_true (sb_wizard_finish_into (finished->wizard, folder, &error));
  g_assert_no_error (error);
  ui_test_wait_for (GTK_WIDGET (finished->window), 300);

  listing = g_dir_open (out, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".sbpkt.json"))
      finished->json_path = g_build_filename (out, name, NULL);
    else if (g_str_has_suffix (name, ".pdf"))
      finished->pdf_path = g_build_filename (out, name, NULL);
  g_assert_nonnull (finished->json_path);
  g_assert_nonnull (finished->pdf_path);
  finished->unsigned_json = read_bytes (finished->json_path);
  finished->unsigned_pdf = read_bytes (finished->pdf_path);
}

static gboolean
files_unchanged (Finished *finished)
{
  g_autoptr(GBytes) json = read_bytes (finished->json_path);
  g_autoptr(GBytes) pdf = read_bytes (finished->pdf_path);

  return g_bytes_equal (json, finished->unsigned_json) && g_bytes_equal (pdf, finished->unsigned_pdf);
}

static const char *
tr (const char *text)
{
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* The translation of @format up to its "%s" ("由 " of "Signed by %s"). */
static char *
before_placeholder (const char *format)
{
  const char *translated = tr (format);

  return g_strndup (translated, strstr (translated, "%s") - translated);
}

/* Runs the main loop until @sheet is idle (ten seconds at most). */
static void
wait_until_idle (SbSignerSheet *sheet)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_main_context_iteration (NULL, FALSE);
  while (sb_signer_sheet_get_busy (sheet) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_signer_sheet_get_busy (sheet));
  /* A frame or two, without waiting for the sheet to be mapped: once it
   * has signed, it is gone from the window. */
  for (gint64 end = g_get_monotonic_time () + 200 * 1000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
}

/* Presses the result page's Sign Digitally…; the sheet it shows, idle. */
static SbSignerSheet *
open_sheet (Finished *finished)
{
  GtkWidget *button = ui_test_find_button (GTK_WIDGET (finished->wizard), tr ("Sign _Digitally…"));
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *sheet = NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  gtk_widget_activate (button);
  while ((sheet = ui_test_find_widget (GTK_WIDGET (finished->wizard), SB_TYPE_SIGNER_SHEET)) == NULL &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sheet);
  g_assert_true (gtk_widget_get_ancestor (sheet, GTK_TYPE_WINDOW) == GTK_WIDGET (finished->window));
  wait_until_idle (SB_SIGNER_SHEET (sheet));
  g_assert_true (gtk_widget_get_mapped (sheet));
  /* The stack's crossfade over, for the screenshots. */
  ui_test_wait_for (sheet, 500);
  /* Finished, there is no step to go back or on to. */
  {
    GtkWidget *action_bar = ui_test_find_widget (GTK_WIDGET (finished->wizard), GTK_TYPE_ACTION_BAR);

    g_assert_nonnull (action_bar);
    g_assert_false (gtk_widget_get_visible (action_bar));
  }
  return SB_SIGNER_SHEET (sheet);
}

/* Types @secret and presses Sign; the sheet's message afterwards (NULL
 * once signed: the sheet is gone then). */
static const char *
sign_with (SbSignerSheet *sheet,
           const char    *secret)
{
  g_autoptr(SbSignerSheet) held = g_object_ref (sheet);
  GtkWidget *entry = ui_test_find_widget (GTK_WIDGET (sheet), GTK_TYPE_PASSWORD_ENTRY);
  GtkWidget *sign = ui_test_find_button (GTK_WIDGET (sheet), tr ("_Sign"));
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (entry);
  g_assert_nonnull (sign);
  gtk_editable_set_text (GTK_EDITABLE (entry), secret);
  gtk_widget_activate (sign);
  while (!sb_signer_sheet_get_busy (sheet) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_signer_sheet_get_busy (sheet));
  /* Signing: the PIN is out of the entry, and nothing can be pressed twice. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_sensitive (sign));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  g_signal_emit_by_name (entry, "activate");
  g_signal_emit_by_name (sign, "clicked");
  wait_until_idle (sheet);
  if (gtk_widget_get_parent (GTK_WIDGET (sheet)) == NULL)
    return NULL;
  return sb_signer_sheet_get_message (sheet);
}

/* The row of @widget's tree whose subtitle has @text in it, or NULL. */
static GtkWidget *
find_row_saying (GtkWidget  *widget,
                 const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
      strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_saying (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Both files signed once by 张三: the packet by Shenbao's own check, the
 * PDF by pdfsig, its unsigned bytes still its first. */
static void
assert_signed_by_applicant (Finished *finished)
{
  g_autoptr(GBytes) pdf = read_bytes (finished->pdf_path);
  g_autoptr(GFile) json = g_file_new_for_path (finished->json_path);
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GPtrArray) pdf_signatures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trust = pki_path ("trust");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *pdfsig[] = { "pdfsig", finished->pdf_path, NULL };

  packet = sb_packet_new_from_file (json, sb_form_registry_get_default (), sb_calendar_get_default (NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_packet_get_n_signatures (packet), ==, 1);
  signatures = sb_packet_verify_signatures (packet, trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 1);
  {
    SbSignature *signature = g_ptr_array_index (signatures, 0);

    g_assert_cmpint (signature->status, ==, SB_SIGNATURE_TRUSTED);
    g_assert_cmpstr (signature->name, ==, "张三");
  }

  g_assert_cmpuint (g_bytes_get_size (pdf), >, g_bytes_get_size (finished->unsigned_pdf));
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), g_bytes_get_data (finished->unsigned_pdf, NULL),
                         g_bytes_get_size (finished->unsigned_pdf)) == 0);
  pdf_signatures = sb_pdf_read_signatures (pdf, trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_signatures->len, ==, 1);

  g_assert_true (g_spawn_sync (NULL, (char **) pdfsig, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_test_message ("pdfsig: %s%s", out, err);
  g_assert_nonnull (strstr (out, "Signature is Valid"));
  g_assert_nonnull (strstr (out, "Total document signed"));
  g_assert_nonnull (strstr (out, "张三"));
  g_assert_null (strstr (out, "Signature #2"));
}

/* After signing: the sheet is gone, the result page says who signed and
 * offers no second signature. */
static void
assert_result_says_signed (Finished *finished)
{
  g_autofree char *code_words = before_placeholder ("unified social credit code %s");
  g_autofree char *code = g_strconcat (code_words, "91140300MA0K123459", NULL);
  g_autofree char *who = g_strjoin (tr (", "), "张三", "阳泉市城区启明科技培训中心", code, NULL);
  GtkWidget *row = find_row_saying (GTK_WIDGET (finished->wizard), who);
  g_autofree char *signed_by = before_placeholder ("Signed by %s");

  g_assert_null (ui_test_find_widget (GTK_WIDGET (finished->wizard), SB_TYPE_SIGNER_SHEET));
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), g_strstrip (signed_by)));
  g_assert_false (gtk_widget_get_visible (ui_test_find_button (GTK_WIDGET (finished->wizard), tr ("Sign _Digitally…"))));
}

static void
test_sign_with_pkcs12 (void)
{
  Finished finished = { 0 };
  SbSignerSheet *sheet;
  g_autofree char *applicant = NULL;
  g_autofree char *expired = NULL;
  g_autoptr(GFile) applicant_file = NULL;
  g_autoptr(GFile) expired_file = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  const char *message;

  if (pki_dir == NULL)
    {
      g_test_skip ("make-test-pki.py could not make the test certificates");
      return;
    }
  applicant = pki_path ("applicant.p12");
  expired = pki_path ("expired.p12");
  applicant_file = g_file_new_for_path (applicant);
  expired_file = g_file_new_for_path (expired);
  g_settings_reset (settings, "signing-certificate");

  finish_application (&finished, 1000);
  /* The result page, scrolled down to its files and the signature row. */
  {
    GtkWidget *row = find_row_saying (GTK_WIDGET (finished.wizard), tr ("Not signed. Sign both files with your certificate (a UKey or a PKCS#12 file) to show the office who made them."));
    GtkWidget *scrolled;
    graphene_point_t point;

    g_assert_nonnull (row);
    scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
    g_assert_nonnull (scrolled);
    ui_test_wait_for (GTK_WIDGET (finished.window), 500);
    g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                             &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), point.y - 300);
    ui_test_wait_for (GTK_WIDGET (finished.window), 300);
    ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-result.png");
  }
  sheet = open_sheet (&finished);
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-sheet.png");

  sb_signer_sheet_choose_pkcs12 (sheet, applicant_file);

  /* A wrong password: said in the sheet, the file still chosen, nothing written. */
  message = sign_with (sheet, "123456");
  g_assert_nonnull (message);
  g_test_message ("wrong password: %s", message);
  g_assert_nonnull (strstr (message, tr ("The password is not right. Type it again.")));
  /* As the people it is for read it. */
  if (g_str_has_prefix (g_getenv ("LANGUAGE"), "zh"))
    g_assert_nonnull (strstr (message, "密码不正确，请重新输入"));
  g_assert_true (files_unchanged (&finished));
  g_assert_true (ui_test_find_widget (GTK_WIDGET (finished.wizard), SB_TYPE_SIGNER_SHEET) == GTK_WIDGET (sheet));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-wrong-password.png");

  /* An expired certificate: said, with its dates, nothing written. */
  sb_signer_sheet_choose_pkcs12 (sheet, expired_file);
  message = sign_with (sheet, PIN);
  g_assert_nonnull (message);
  g_test_message ("expired: %s", message);
  g_assert_nonnull (strstr (message, "2021"));
  g_assert_nonnull (strstr (message, before_placeholder (
    "This certificate cannot sign today (%s). Choose another certificate, or ask the authority that issued it for a new one.")));
  g_assert_true (files_unchanged (&finished));

  /* The packet file changed after it was saved (another program signed
   * it): signing the saved one over it would lose that, so nothing is. */
  sb_signer_sheet_choose_pkcs12 (sheet, applicant_file);
  {
    g_autofree char *saved = g_strndup (g_bytes_get_data (finished.unsigned_json, NULL),
                                        g_bytes_get_size (finished.unsigned_json));
    g_autofree char *changed = g_strconcat (saved, "\n", NULL);

    g_assert_true (g_file_set_contents (finished.json_path, changed, -1, NULL));
    message = sign_with (sheet, PIN);
    g_assert_nonnull (message);
    g_test_message ("changed packet: %s", message);
    g_assert_nonnull (strstr (message, finished.json_path));
    g_assert_nonnull (strstr (message, "shenbao-tool sign"));
    g_assert_true (g_file_set_contents (finished.json_path, g_bytes_get_data (finished.unsigned_json, NULL),
                                        g_bytes_get_size (finished.unsigned_json), NULL));
    g_assert_true (files_unchanged (&finished));
  }

  /* The applicant's own file and password: both files signed. */
  sb_signer_sheet_choose_pkcs12 (sheet, applicant_file);
  message = sign_with (sheet, PIN);
  g_assert_null (message);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  assert_result_says_signed (&finished);
  assert_signed_by_applicant (&finished);
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-signed.png");

  /* The file is remembered for next time, never the password. */
  {
    g_autofree char *remembered = g_settings_get_string (settings, "signing-certificate");

    g_assert_cmpstr (remembered, ==, applicant);
  }
  finished_clear (&finished);
}

static void
test_sign_with_token (void)
{
  Finished finished = { 0 };
  SbSignerSheet *sheet;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  const char *applicant_uri = NULL, *mismatch_uri = NULL;
  const char *message;

  if (!have_token)
    {
      g_test_skip ("no SoftHSM2 token could be made");
      return;
    }
  certificates = sb_token_list_certificates (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < certificates->len; i++)
    {
      SbTokenCertificate *certificate = g_ptr_array_index (certificates, i);

      if (g_str_equal (certificate->label, "applicant"))
        applicant_uri = certificate->uri;
      else if (g_str_equal (certificate->label, "mismatch"))
        mismatch_uri = certificate->uri;
    }
  g_assert_nonnull (applicant_uri);
  g_assert_nonnull (mismatch_uri);
  g_settings_reset (settings, "signing-certificate");

  finish_application (&finished, 360);
  sheet = open_sheet (&finished);
  /* Both of the token's certificates are rows of the sheet. */
  g_assert_nonnull (find_row_saying (GTK_WIDGET (sheet), "Applicant"));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-sheet-narrow.png");

  /* The certificate beside another key: said, nothing written. */
  g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, mismatch_uri));
  message = sign_with (sheet, PIN);
  g_assert_nonnull (message);
  g_test_message ("another key: %s", message);
  g_assert_nonnull (strstr (message, tr ("This certificate belongs to another key than the one beside it, so it cannot "
                                         "sign. Choose another certificate.")));
  g_assert_true (files_unchanged (&finished));

  /* A wrong PIN: said, with the warning that the token locks itself. */
  g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, applicant_uri));
  message = sign_with (sheet, "000000");
  g_assert_nonnull (message);
  g_test_message ("wrong PIN: %s", message);
  g_assert_nonnull (strstr (message, tr ("The PIN is not right. Type it again: after a few wrong PINs the token locks "
                                         "itself.")));
  g_assert_true (files_unchanged (&finished));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-wrong-pin-narrow.png");

  message = sign_with (sheet, PIN);
  g_assert_null (message);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  assert_result_says_signed (&finished);
  assert_signed_by_applicant (&finished);
  {
    g_autofree char *remembered = g_settings_get_string (settings, "signing-certificate");

    g_assert_cmpstr (remembered, ==, applicant_uri);
  }
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-signed-narrow.png");
  finished_clear (&finished);

  /* The next sheet chooses the token's certificate again, once listed. */
  {
    g_autoptr(SbSignerSheet) next = g_object_ref_sink (sb_signer_sheet_new ());
    g_autofree char *chosen = NULL;

    wait_until_idle (next);
    g_object_get (next, "certificate", &chosen, NULL);
    g_assert_cmpstr (chosen, ==, applicant_uri);
  }

  /* The token pulled out after it was listed (its folder gone, as a
   * UKey's slot empties): said as such, nothing written; then plugged in
   * again. */
  {
    Finished second = { 0 };
    g_autofree char *tokens = pki_path ("tokens");
    g_autofree char *away = pki_path ("tokens-pulled-out");

    finish_application (&second, 1000);
    sheet = open_sheet (&second);
    g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, applicant_uri));
    g_assert_cmpint (g_rename (tokens, away), ==, 0);
    message = sign_with (sheet, PIN);
    g_assert_cmpint (g_rename (away, tokens), ==, 0);
    g_assert_nonnull (message);
    g_test_message ("token pulled out: %s", message);
    g_assert_nonnull (strstr (message, tr ("The token is not plugged in (or was pulled out). Plug it in, press Look "
                                           "for Tokens Again, and choose its certificate.")));
    g_assert_true (files_unchanged (&second));

    /* Plugged in again (its folder back): Look for Tokens Again finds
     * it, as the modules are loaded again, and it signs. */
    sb_signer_sheet_reload_tokens (sheet);
    wait_until_idle (sheet);
    g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, applicant_uri));
    message = sign_with (sheet, PIN);
    g_test_message ("plugged in again: %s", message != NULL ? message : "signed");
    g_assert_null (message);
    assert_result_says_signed (&second);
    finished_clear (&second);
  }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_reviewer_view_save_document_finish (SB_REVIEWER_VIEW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The button under @widget whose action is @action_name, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses @sign; the signer sheet it shows in @window, idle. */
static GtkWidget *
press_sign (SbWindow  *window,
            GtkWidget *sign)
{
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *sheet;

  gtk_widget_activate (sign);
  while ((sheet = ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_SIGNER_SHEET)) == NULL &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sheet);
  wait_until_idle (SB_SIGNER_SHEET (sheet));
  return sheet;
}

/* The finished application's packet opened as the office opens it: its
 * reviewer view. */
static SbReviewerView *
open_for_review (Finished *finished)
{
  g_autoptr(GFile) json = g_file_new_for_path (finished->json_path);
  SbReviewerView *view;

  g_assert_true (sb_window_open_file (finished->window, json));
  view = sb_window_get_reviewer_view (finished->window);
  g_assert_nonnull (view);
  ui_test_wait_for (GTK_WIDGET (finished->window), 300);
  return view;
}

/* The office opens the finished application as a reviewer, decides and
 * saves its opinion: Sign Digitally… beside it (and not beside a draft
 * notice) signs that PDF with the office's certificate, over itself. */
static void
test_office_signs_opinion (void)
{
  Finished finished = { 0 };
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) opinion = NULL;
  g_autoptr(GFile) office_file = NULL;
  g_autoptr(GBytes) unsigned_opinion = NULL;
  g_autoptr(GBytes) signed_opinion = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *opinion_path = NULL;
  g_autofree char *office = NULL;
  g_autofree char *trust = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  SbReviewerView *view;
  SbReview *review;
  SbDecision *decision;
  GtkWidget *sign, *sheet = NULL, *stack;
  const char *page;
  const char *message;
  int status = 0;
  gint64 give_up;

  if (pki_dir == NULL)
    {
      g_test_skip ("make-test-pki.py could not make the test certificates");
      return;
    }
  office = pki_path ("office.p12");
  office_file = g_file_new_for_path (office);
  trust = pki_path ("trust");

  finish_application (&finished, 1000);
  view = open_for_review (&finished);
  review = sb_reviewer_view_get_review (view);
  folder = g_path_get_dirname (finished.json_path);

  /* A draft notice is no document the office issues: nothing to sign. */
  draft_path = g_build_filename (folder, "draft-notice.pdf", NULL);
  draft = g_file_new_for_path (draft_path);
  g_assert_true (sb_reviewer_view_save_document (view, SB_REVIEW_DOCUMENT_NOTICE, draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (view), "draft-notice.pdf"));
  g_assert_null (find_action_button (GTK_WIDGET (view), "win.sign-document"));

  /* Nor an opinion that decides nothing yet. */
  opinion_path = g_build_filename (folder, "审核意见.pdf", NULL);
  opinion = g_file_new_for_path (opinion_path);
  g_assert_true (sb_reviewer_view_save_document (view, SB_REVIEW_DOCUMENT_OPINION, opinion, &error));
  g_assert_no_error (error);
  g_assert_null (find_action_button (GTK_WIDGET (view), "win.sign-document"));

  /* Decided, the opinion saved again is; as the window saves it, in a
   * worker, the page showing it once written. */
  decision = g_ptr_array_index (sb_form_definition_get_decisions (sb_review_get_definition (review)), 0);
  g_assert_true (sb_review_set_decision (review, decision->id, sb_date_today (), &error));
  g_assert_no_error (error);
  {
    gboolean saved = FALSE;

    sb_reviewer_view_save_document_async (view, SB_REVIEW_DOCUMENT_OPINION, FALSE, NULL, opinion, on_saved, &saved);
    g_assert_false (saved);
    give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (!saved && g_get_monotonic_time () < give_up)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (saved);
  }
  unsigned_opinion = read_bytes (opinion_path);
  sign = find_action_button (GTK_WIDGET (view), "win.sign-document");
  g_assert_nonnull (sign);
  g_assert_nonnull (gtk_widget_get_ancestor (ui_test_find_label (sign, tr ("Sign Digitally…")), GTK_TYPE_BUTTON));
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (sign)), NULL), ==,
                   opinion_path);

  /* On the 审核 page, where the saved document is. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK)),
                                         "review");
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_true (gtk_widget_get_mapped (sign));
  stack = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  page = gtk_stack_get_visible_child_name (GTK_STACK (stack));
  g_assert_nonnull (page);
  page = g_intern_string (page);
  sheet = press_sign (finished.window, sign);
  ui_test_wait_for (sheet, 500);
  g_assert_true (gtk_widget_get_mapped (sheet));
  /* It speaks to the office, and names the one file it signs. */
  g_assert_nonnull (ui_test_find_label (sheet, tr ("The office’s digital signature shows who issued this document. The "
                                                   "PDF keeps its name and gains the signature; what it says does not "
                                                   "change.")));
  g_assert_null (ui_test_find_label (sheet, tr ("Your digital signature shows the office who made the application. "
                                                "The PDF and the packet file keep their names and gain your "
                                                "signature; what they say does not change.")));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-office-sheet.png");

  /* Back from the sheet: the review again, nothing written. */
  gtk_widget_activate_action (GTK_WIDGET (finished.window), "win.back", NULL);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (finished.window), SB_TYPE_SIGNER_SHEET));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, page);
  signed_opinion = read_bytes (opinion_path);
  g_assert_true (g_bytes_equal (signed_opinion, unsigned_opinion));
  g_clear_pointer (&signed_opinion, g_bytes_unref);

  sheet = press_sign (finished.window, sign);
  sb_signer_sheet_choose_pkcs12 (SB_SIGNER_SHEET (sheet), office_file);

  /* A wrong password: said, nothing written. */
  message = sign_with (SB_SIGNER_SHEET (sheet), "654321");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, tr ("The password is not right. Type it again.")));
  signed_opinion = read_bytes (opinion_path);
  g_assert_true (g_bytes_equal (signed_opinion, unsigned_opinion));
  g_clear_pointer (&signed_opinion, g_bytes_unref);

  /* The office's password: signed, and back on the review. */
  message = sign_with (SB_SIGNER_SHEET (sheet), PIN);
  g_assert_null (message);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (finished.window), SB_TYPE_SIGNER_SHEET));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, page);
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-office-signed.png");

  signed_opinion = read_bytes (opinion_path);
  g_assert_cmpuint (g_bytes_get_size (signed_opinion), >, g_bytes_get_size (unsigned_opinion));
  g_assert_true (memcmp (g_bytes_get_data (signed_opinion, NULL), g_bytes_get_data (unsigned_opinion, NULL),
                         g_bytes_get_size (unsigned_opinion)) == 0);
  signatures = sb_pdf_read_signatures (signed_opinion, trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 1);
  {
    SbPdfSignature *signature = g_ptr_array_index (signatures, 0);

    g_assert_true (signature->covers_to_end);
    g_assert_cmpint (signature->signature->status, ==, SB_SIGNATURE_TRUSTED);
    g_assert_cmpstr (signature->signature->name, ==, "阳泉市教育局审批科");
  }
  {
    const char *pdfsig[] = { "pdfsig", opinion_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) pdfsig, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                                 &error));
    g_assert_no_error (error);
    g_test_message ("pdfsig: %s%s", out, err);
    g_assert_nonnull (strstr (out, "Signature is Valid"));
    g_assert_nonnull (strstr (out, "阳泉市教育局审批科"));
  }
  /* The applicant's files are not touched by the office's signature. */
  g_assert_true (files_unchanged (&finished));
  finished_clear (&finished);
}

/* Runs the main loop until the wizard's bar about the review's issuer
 * says something else than that it is checking (ten seconds at most). */
static char *
wait_for_issuer (SbWizard       *wizard,
                 GtkMessageType *type)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  const char *checking = tr ("Checking who issued this review…");
  char *text = NULL;

  while (g_get_monotonic_time () < give_up)
    {
      g_free (text);
      text = sb_wizard_dup_review_issuer (wizard, type);
      if (text != NULL && !g_str_has_prefix (text, checking))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_nonnull (text);
  g_test_message ("issuer: %s", text);
  return text;
}

/* The reviewer saves the review file; once the review decides, Sign
 * Digitally… beside it signs it with the office's certificate, over
 * itself, what it says unchanged.  The applicant opening it is told who
 * issued it; one whose note was changed after signing is shown with its
 * corrections under a warning that the signature does not match. */
static void
test_office_signs_review_file (void)
{
  Finished finished = { 0 };
  g_autoptr(GFile) review_file = NULL;
  g_autoptr(GFile) tampered_file = NULL;
  g_autoptr(GFile) unsigned_file = NULL;
  g_autoptr(GFile) office_file = NULL;
  g_autoptr(GBytes) unsigned_review = NULL;
  g_autoptr(GBytes) signed_review = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbReview) reread = NULL;
  g_autoptr(GBytes) said = NULL;
  g_autoptr(GString) tampered = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *review_path = NULL;
  g_autofree char *tampered_path = NULL;
  g_autofree char *unsigned_path = NULL;
  g_autofree char *office = NULL;
  g_autofree char *trust = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *trusted = NULL;
  g_autofree char *shown = NULL;
  SbReviewerView *view;
  SbReview *review;
  SbFormDefinition *definition;
  SbDecision *decision;
  SbWizard *wizard;
  GtkWidget *sign, *sheet;
  GtkMessageType type = GTK_MESSAGE_OTHER;
  const char *message;

  if (pki_dir == NULL)
    {
      g_test_skip ("make-test-pki.py could not make the test certificates");
      return;
    }
  office = pki_path ("office.p12");
  office_file = g_file_new_for_path (office);
  trust = pki_path ("trust");

  finish_application (&finished, 1000);
  view = open_for_review (&finished);
  review = sb_reviewer_view_get_review (view);
  definition = sb_review_get_definition (review);
  folder = g_path_get_dirname (finished.json_path);
  review_path = g_build_filename (folder, "review.sbreview.json", NULL);
  review_file = g_file_new_for_path (review_path);
  g_assert_true (sb_review_add_note (review, "applicant_name", -1, NULL, "补正：名称与营业执照不一致。", &error));
  g_assert_no_error (error);

  /* A review that decides nothing is not yet one the office issues. */
  g_assert_true (sb_reviewer_view_save_review (view, review_file, &error));
  g_assert_no_error (error);
  sb_reviewer_view_show_review_file (view, review_file);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (view), "review.sbreview.json"));
  g_assert_null (find_action_button (GTK_WIDGET (view), "win.sign-review"));

  decision = g_ptr_array_index (sb_form_definition_get_decisions (definition), 0);
  g_assert_true (sb_review_set_decision (review, decision->id, sb_date_today (), &error));
  g_assert_no_error (error);
  g_assert_true (sb_reviewer_view_save_review (view, review_file, &error));
  g_assert_no_error (error);
  sb_reviewer_view_show_review_file (view, review_file);
  unsigned_review = read_bytes (review_path);
  sign = find_action_button (GTK_WIDGET (view), "win.sign-review");
  g_assert_nonnull (sign);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (sign)), NULL), ==,
                   review_path);
  /* A JSON file: neither printed nor opened as a PDF. */
  g_assert_null (find_action_button (GTK_WIDGET (view), "document.print"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK)),
                                         "review");
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_true (gtk_widget_get_mapped (sign));
  /* Scrolled to, for the screenshot: the saved file is at the page's end. */
  gtk_widget_grab_focus (sign);
  ui_test_wait_for (GTK_WIDGET (finished.window), 1000);
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-review-file-saved.png");
  sheet = press_sign (finished.window, sign);
  g_assert_nonnull (ui_test_find_label (sheet, tr ("The office’s digital signature shows the applicant who issued "
                                                   "this review file. The file keeps its name and gains the "
                                                   "signature; what it says does not change. Changes made to the "
                                                   "review after it was saved are not in the file: save it again "
                                                   "first.")));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-review-file-sheet.png");
  sb_signer_sheet_choose_pkcs12 (SB_SIGNER_SHEET (sheet), office_file);
  message = sign_with (SB_SIGNER_SHEET (sheet), PIN);
  g_assert_null (message);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (finished.window), SB_TYPE_SIGNER_SHEET));

  /* Signed over itself, saying what it said. */
  signed_review = read_bytes (review_path);
  reread = sb_review_new_from_bytes (definition, signed_review, &error);
  g_assert_no_error (error);
  said = sb_review_to_bytes (reread);
  g_assert_true (g_bytes_equal (said, unsigned_review));
  signatures = sb_review_verify_signatures (reread, trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 1);
  g_assert_cmpint (((SbSignature *) g_ptr_array_index (signatures, 0))->status, ==, SB_SIGNATURE_TRUSTED);
  g_assert_cmpstr (((SbSignature *) g_ptr_array_index (signatures, 0))->name, ==, "阳泉市教育局审批科");
  g_assert_true (files_unchanged (&finished));

  /* The applicant's side, trusting the office's CA. */
  g_settings_set_string (settings, "trust-folder", trust);
  gtk_widget_activate_action (GTK_WIDGET (finished.window), "win.back", NULL);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_true (sb_window_open_file (finished.window, review_file));
  wizard = sb_window_get_wizard (finished.window);
  g_assert_nonnull (wizard);
  issuer = wait_for_issuer (wizard, &type);
  trusted = before_placeholder ("Issued by %s (trusted)");
  g_assert_true (g_str_has_prefix (issuer, trusted));
  g_assert_true (g_str_has_prefix (issuer + strlen (trusted), "阳泉市教育局审批科"));
  g_assert_cmpint (type, ==, GTK_MESSAGE_INFO);
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-review-issuer-trusted.png");
  g_clear_pointer (&issuer, g_free);

  /* One note changed after signing: the corrections shown, under a
   * warning that says so. */
  tampered = g_string_new_len (g_bytes_get_data (signed_review, NULL), g_bytes_get_size (signed_review));
  g_assert_cmpuint (g_string_replace (tampered, "名称与营业执照不一致", "名称无需补正", 0), ==, 1);
  tampered_path = g_build_filename (folder, "tampered.sbreview.json", NULL);
  g_assert_true (g_file_set_contents (tampered_path, tampered->str, tampered->len, NULL));
  tampered_file = g_file_new_for_path (tampered_path);
  g_assert_true (sb_window_open_file (finished.window, tampered_file));
  wizard = sb_window_get_wizard (finished.window);
  issuer = wait_for_issuer (wizard, &type);
  g_assert_true (g_str_has_prefix (issuer, tr ("The signature does not match: this review was changed after it was "
                                              "signed")));
  g_assert_cmpint (type, ==, GTK_MESSAGE_ERROR);
  shown = g_strdup_printf ("审核意见：%s", "补正：名称无需补正。");
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (wizard), shown));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-review-issuer-mismatch.png");
  g_clear_pointer (&issuer, g_free);

  /* Unsigned: said, as a warning. */
  unsigned_path = g_build_filename (folder, "unsigned.sbreview.json", NULL);
  g_assert_true (g_file_set_contents (unsigned_path, g_bytes_get_data (unsigned_review, NULL),
                                      g_bytes_get_size (unsigned_review), NULL));
  unsigned_file = g_file_new_for_path (unsigned_path);
  g_assert_true (sb_window_open_file (finished.window, unsigned_file));
  wizard = sb_window_get_wizard (finished.window);
  issuer = wait_for_issuer (wizard, &type);
  g_assert_true (g_str_has_prefix (issuer, tr ("This review file is unsigned")));
  g_assert_cmpint (type, ==, GTK_MESSAGE_WARNING);

  g_settings_reset (settings, "trust-folder");
  finished_clear (&finished);
}

/* The test PKI, and the token where SoftHSM2 can make one. */
static void
make_pki (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "scripts", "make-test-pki.py",
                                              NULL);
  g_autofree char *why_not = NULL;
  gboolean missing = FALSE;

  pki_dir = test_pki_make (script, TRUE, &missing, &why_not);
  if (pki_dir != NULL)
    {
      g_autofree char *conf = g_build_filename (pki_dir, "softhsm2.conf", NULL);

      /* Before GnuTLS loads the modules: SoftHSM2 reads it once. */
      g_setenv ("SOFTHSM2_CONF", conf, TRUE);
      have_token = TRUE;
      return;
    }
  g_clear_pointer (&why_not, g_free);
  pki_dir = test_pki_make (script, FALSE, &missing, &why_not);
  if (pki_dir == NULL)
    g_test_message ("make-test-pki.py: %s", why_not);
}

/* The office records a one-time notice on the case of the packet it
 * opened and signs the notice's PDF with Sign Digitally… beside it: the
 * register then keeps the signed PDF (the one issued before it), for the
 * office's other machines. */
static void
test_office_signs_notice (void)
{
  Finished finished = { 0 };
  g_autoptr(GFile) office_file = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GBytes) issued = NULL;
  g_autoptr(GBytes) signed_notice = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(SbRegister) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office = NULL;
  g_autofree char *trust = NULL;
  g_autofree char *url = sb_register_default_url ();
  SbReviewerView *view;
  SbCaseGroup *group = NULL;
  SbNotice *notice;
  GtkWidget *sign, *sheet;
  gint64 give_up;

  if (pki_dir == NULL)
    {
      g_test_skip ("make-test-pki.py could not make the test certificates");
      return;
    }
  office = pki_path ("office.p12");
  office_file = g_file_new_for_path (office);
  trust = pki_path ("trust");

  finish_application (&finished, 1000);
  view = open_for_review (&finished);
  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((group = SB_CASE_GROUP (ui_test_find_widget (GTK_WIDGET (finished.window), SB_TYPE_CASE_GROUP))) == NULL &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (group);

  g_assert_true (sb_review_add_note (sb_reviewer_view_get_review (view), NULL,
                                     -1, NULL, "请补交场所消防验收意见书", &error));
  g_assert_no_error (error);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), tr ("Notice number"))),
                         "城科告〔2026〕21号");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group),
                                                               tr ("Working days to correct (补正期限)"))), "5");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), tr ("Office"))),
                         "阳泉市城区科学技术局");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group),
                                                               tr ("Office’s contact (telephone, address)"))),
                         "0353-2021234");
  sb_case_group_record (group, "notice", "材料不齐全");
  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((sb_case_group_is_busy (group) || (pdf = sb_case_group_dup_notice_pdf (group)) == NULL) &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (pdf);
  issued = read_bytes (g_file_peek_path (pdf));

  reader = sb_register_open (url, NULL, NULL, &error);
  g_assert_no_error (error);
  notices = sb_register_get_notices (reader, sb_case_group_get_case (group)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  notice = g_ptr_array_index (notices, 0);
  stored = sb_register_get_notice_document (reader, notice->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, issued));
  g_clear_pointer (&stored, g_bytes_unref);

  /* Signed with the office's certificate, from beside the notice. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_test_find_widget (GTK_WIDGET (finished.window),
                                                                              ADW_TYPE_VIEW_STACK)), "review");
  ui_test_wait_for (GTK_WIDGET (finished.window), 300);
  sign = find_action_button (GTK_WIDGET (group), "win.sign-document");
  g_assert_nonnull (sign);
  g_assert_true (gtk_widget_get_mapped (sign));
  sheet = press_sign (finished.window, sign);
  sb_signer_sheet_choose_pkcs12 (SB_SIGNER_SHEET (sheet), office_file);
  g_assert_null (sign_with (SB_SIGNER_SHEET (sheet), PIN));
  signed_notice = read_bytes (g_file_peek_path (pdf));
  g_assert_cmpuint (g_bytes_get_size (signed_notice), >, g_bytes_get_size (issued));

  /* The register has it. */
  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < give_up)
    {
      stored = sb_register_get_notice_document (reader, notice->id, &error);
      g_assert_no_error (error);
      if (stored != NULL && g_bytes_equal (stored, signed_notice))
        break;
      g_clear_pointer (&stored, g_bytes_unref);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (stored);
  signatures = sb_pdf_read_signatures (stored, trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 1);
  g_assert_cmpint (((SbPdfSignature *) g_ptr_array_index (signatures, 0))->signature->status, ==,
                   SB_SIGNATURE_TRUSTED);
  g_assert_cmpstr (((SbPdfSignature *) g_ptr_array_index (signatures, 0))->signature->name, ==, "阳泉市教育局审批科");
  finished_clear (&finished);
}

static void
own_process_group (gpointer data)
{
  setpgid (0, 0);
}

/* The tokens of the test's SoftHSM2 configuration @conf, served by
 * `p11-kit server` on the socket @socket, as a token on another machine
 * or behind a USB bus the test can cut: its process id, which is also
 * its process group's (the server forks a process for each client, and
 * a signal to the group reaches them all). */
static GPid
start_token_server (const char *conf,
                    const char *socket)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SOFTHSM2_CONF", conf, TRUE);
  const char *argv[] = { "p11-kit", "server", "--foreground", "--name", socket, "--provider", SOFTHSM_LIBRARY,
                         "pkcs11:token=Applicant", NULL };
  g_autoptr(GError) error = NULL;
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPid pid = 0;

  g_unlink (socket);
  /* Its output nowhere: a server left behind by a failed child must not
   * hold the child's output open (its parent would wait for it). */
  g_assert_true (g_spawn_async (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, own_process_group, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  while (!g_file_test (socket, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < give_up)
    g_usleep (20000);
  g_assert_true (g_file_test (socket, G_FILE_TEST_EXISTS));
  return pid;
}

static void
stop_token_server (GPid pid)
{
  kill (-pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

/* The applicant's token is reached through p11-kit's client module and a
 * token server (SHENBAO_PKCS11_MODULES names the client module, as an
 * office names a vendor's module p11-kit does not know), in a process of
 * its own where SoftHSM2 itself has no tokens.  The child pulls the
 * token out after Sign was pressed: the server stops answering, then
 * goes.  Said as a token pulled out, nothing written; served again, Look
 * for Tokens Again finds it and it signs. */
static void
test_token_pulled_out_while_signing (void)
{
  g_autofree char *conf = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *empty_conf = NULL;
  g_autofree char *empty_tokens = NULL;
  g_autofree char *pid_text = NULL;
  g_autofree char *saved_conf = g_strdup (g_getenv ("SOFTHSM2_CONF"));
  GPid server;

  if (!have_token)
    {
      g_test_skip ("no SoftHSM2 token could be made");
      return;
    }
  if (g_find_program_in_path ("p11-kit") == NULL || !g_file_test (P11_KIT_CLIENT, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("p11-kit's server or client module is not installed");
      return;
    }
  conf = pki_path ("softhsm2.conf");
  socket = pki_path ("token.socket");
  empty_tokens = pki_path ("no-tokens");
  empty_conf = pki_path ("no-tokens.conf");
  g_assert_cmpint (g_mkdir_with_parents (empty_tokens, 0700), ==, 0);
  {
    g_autofree char *text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n", empty_tokens);

    g_assert_true (g_file_set_contents (empty_conf, text, -1, NULL));
  }
  server = start_token_server (conf, socket);
  pid_text = g_strdup_printf ("%d", server);
  {
    g_autofree char *address = g_strdup_printf ("unix:path=%s", socket);

    g_setenv ("SHENBAO_UI_TEST_PKI_DIR", pki_dir, TRUE);
    g_setenv ("SHENBAO_UI_TEST_TOKEN_SERVER", pid_text, TRUE);
    g_setenv ("SOFTHSM2_CONF", empty_conf, TRUE);
    g_setenv ("P11_KIT_SERVER_ADDRESS", address, TRUE);
    g_setenv ("SHENBAO_PKCS11_MODULES", P11_KIT_CLIENT, TRUE);
  }
  g_test_trap_subprocess ("/ui/sign/token-pulled-out-while-signing/child", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("SOFTHSM2_CONF", saved_conf, TRUE);
  g_unsetenv ("P11_KIT_SERVER_ADDRESS");
  g_unsetenv ("SHENBAO_PKCS11_MODULES");
  g_unsetenv ("SHENBAO_UI_TEST_TOKEN_SERVER");
  /* The child killed the first server, unless it failed first; the
   * second is the child's. */
  stop_token_server (server);
  {
    g_autofree char *pid_file = pki_path ("token-server-again.pid");
    g_autofree char *text = NULL;

    if (g_file_get_contents (pid_file, &text, NULL, NULL) && atoi (text) > 0)
      kill (-atoi (text), SIGKILL);
  }
  g_test_trap_assert_passed ();
}

static void
test_token_pulled_out_while_signing_child (void)
{
  Finished finished = { 0 };
  SbSignerSheet *sheet;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *socket = NULL;
  const char *applicant_uri = NULL;
  const char *message;
  GtkWidget *entry, *sign;
  GPid server, again;
  gint64 give_up;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /ui/sign/token-pulled-out-while-signing, in a process of its own");
      return;
    }
  conf = pki_path ("softhsm2.conf");
  socket = pki_path ("token.socket");
  server = (GPid) g_ascii_strtoll (g_getenv ("SHENBAO_UI_TEST_TOKEN_SERVER"), NULL, 10);
  g_assert_cmpint (server, >, 0);

  /* The token is there through the client module only. */
  certificates = sb_token_list_certificates (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < certificates->len; i++)
    {
      SbTokenCertificate *certificate = g_ptr_array_index (certificates, i);

      if (g_str_equal (certificate->label, "applicant"))
        {
          g_assert_null (applicant_uri);
          applicant_uri = certificate->uri;
        }
    }
  g_assert_nonnull (applicant_uri);

  finish_application (&finished, 1000);
  sheet = open_sheet (&finished);
  g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, applicant_uri));

  /* Sign pressed while the token no longer answers; then it is gone. */
  g_assert_cmpint (kill (-server, SIGSTOP), ==, 0);
  entry = ui_test_find_widget (GTK_WIDGET (sheet), GTK_TYPE_PASSWORD_ENTRY);
  sign = ui_test_find_button (GTK_WIDGET (sheet), tr ("_Sign"));
  gtk_editable_set_text (GTK_EDITABLE (entry), PIN);
  gtk_widget_activate (sign);
  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!sb_signer_sheet_get_busy (sheet) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_signer_sheet_get_busy (sheet));
  for (gint64 end = g_get_monotonic_time () + 500 * 1000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  /* Still waiting for the token: the sheet neither signed nor gave up. */
  g_assert_true (sb_signer_sheet_get_busy (sheet));
  g_assert_cmpint (kill (-server, SIGKILL), ==, 0);
  wait_until_idle (sheet);
  g_assert_nonnull (gtk_widget_get_parent (GTK_WIDGET (sheet)));
  message = sb_signer_sheet_get_message (sheet);
  g_assert_nonnull (message);
  g_test_message ("token pulled out while signing: %s", message);
  g_assert_true (strstr (message, tr ("The token is not plugged in (or was pulled out). Plug it in, press Look for "
                                      "Tokens Again, and choose its certificate.")) != NULL ||
                 strstr (message, tr ("The token stopped answering while signing: was it removed? Plug it in again "
                                      "and press Sign.")) != NULL);
  g_assert_true (files_unchanged (&finished));
  ui_test_save_screenshot (GTK_WIDGET (finished.window), "screenshot-sign-token-pulled-out.png");

  /* Plugged in again: found again, and it signs. */
  again = start_token_server (conf, socket);
  {
    g_autofree char *pid_file = pki_path ("token-server-again.pid");
    g_autofree char *text = g_strdup_printf ("%d", again);

    /* For the parent, which stops it whatever happens here. */
    g_assert_true (g_file_set_contents (pid_file, text, -1, NULL));
  }
  sb_signer_sheet_reload_tokens (sheet);
  wait_until_idle (sheet);
  g_assert_true (sb_signer_sheet_choose_token_certificate (sheet, applicant_uri));
  message = sign_with (sheet, PIN);
  g_test_message ("plugged in again: %s", message != NULL ? message : "signed");
  g_assert_null (message);
  assert_result_says_signed (&finished);
  assert_signed_by_applicant (&finished);
  stop_token_server (again);
  finished_clear (&finished);
}

int
main (int   argc,
      char *argv[])
{
  gboolean child = FALSE;
  int result;

  /* A test case run again in a process of its own uses its parent's PKI
   * and token server (the environment says where). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      child = TRUE;
  if (child)
    {
      pki_dir = g_strdup (g_getenv ("SHENBAO_UI_TEST_PKI_DIR"));
      have_token = pki_dir != NULL;
    }
  else
    make_pki ();
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add_func ("/ui/sign/pkcs12", test_sign_with_pkcs12);
  g_test_add_func ("/ui/sign/token", test_sign_with_token);
  g_test_add_func ("/ui/sign/office-opinion", test_office_signs_opinion);
  g_test_add_func ("/ui/sign/office-review-file", test_office_signs_review_file);
  g_test_add_func ("/ui/sign/office-notice", test_office_signs_notice);
  g_test_add_func ("/ui/sign/token-pulled-out-while-signing", test_token_pulled_out_while_signing);
  g_test_add_func ("/ui/sign/token-pulled-out-while-signing/child", test_token_pulled_out_while_signing_child);
  result = g_test_run ();
  g_object_unref (application);
  if (pki_dir != NULL && !child)
    test_pki_remove (pki_dir);
  return result;
}
