/* test-signatures.c — who signed a packet, on the reviewer's 核验 page
 *
 * The certificates are made here (tests/scripts/make-test-pki.py), the
 * packets packed and signed by shenbao-tool as an applicant's would be:
 * a packet signed by 张三 and checked against the test CA (trusted),
 * against another CA (an unknown issuer), a stranger's signature, a
 * signature moved onto another packet (does not match: the packet does
 * not verify), an unsigned packet in an office that requires signatures
 * (treated as one that does not verify, and its approval asks first),
 * a signed PDF, and the trust folder from the preferences and from
 * $SHENBAO_TRUST_DIR, which wins.  The rows' texts are asserted;
 * screenshots go to the build folder.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sb-case-group.h"
#include "sb-preferences-page.h"
#include "sb-reviewer-view.h"
#include "sb-window.h"
#include "ui-test-util.h"

#define PASSWORD "246810"
#define CREDIT_CODE "91140300MA0K123459"
/* The preferences' trust row without a folder. */
#define NO_TRUST_FOLDER "None: no signature can be trusted. Choose the folder of certificate authority certificates " \
                        "(PEM files) that your office trusts."

static SbApplication *application;
static char *work_dir;
static char *trust_dir;        /* the test CA */
static char *other_trust_dir;  /* another CA only */

/* Auxiliary functions */

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
run (const char * const *argv,
     gboolean            with_password)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (with_password)
    env = g_environ_setenv (env, "SHENBAO_PIN", PASSWORD, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

static void
copy_into (const char *file,
           const char *folder)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *target = NULL;
  gsize length;

  /* Every CA certificate is ca.pem in its folder. */
  target = g_build_filename (folder, g_str_has_suffix (name, ".pem") ? "ca.pem" : name, NULL);
  g_assert_true (g_mkdir_with_parents (folder, 0700) == 0);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
}

static void
pack (const char *created,
      const char *name)
{
  g_autofree char *answers = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *files = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", NULL);
  g_autofree char *out = work_path (name);
  const char *argv[] = { g_getenv ("SHENBAO_TOOL"), "pack", "--form", "gengdi", "--date", "2024-03-15", "--files", files,
                         "--created", created, "--finalised", "2024-03-15T08:00:00Z", answers, "-o", out, NULL };

  run (argv, FALSE);
}

static void
sign (const char *key,
      const char *in,
      const char *out)
{
  g_autofree char *p12 = work_path (key);
  g_autofree char *in_path = work_path (in);
  g_autofree char *out_path = work_path (out);
  const char *argv[] = { g_getenv ("SHENBAO_TOOL"), "sign", "--pkcs12", p12, in_path, "-o", out_path, NULL };

  run (argv, TRUE);
}

/* Packet b with packet a's signature: as a forger would move one. */
static void
move_signature (const char *from,
                const char *onto,
                const char *out)
{
  g_autoptr(JsonParser) signed_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *from_path = work_path (from);
  g_autofree char *onto_path = work_path (onto);
  g_autofree char *out_path = work_path (out);
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_file (signed_parser, from_path, &error));
  g_assert_true (json_parser_load_from_file (parser, onto_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_member (root, "signatures",
                          json_node_copy (json_object_get_member (json_node_get_object (json_parser_get_root (signed_parser)),
                                                                  "signatures")));
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, out_path, &error));
  g_assert_no_error (error);
}

/* Packet a signed (by openssl, which does not refuse) with the
 * certificate that expired in 2021: it matches, but proves nothing. */
static void
sign_with_expired (const char *in,
                   const char *out)
{
  g_autofree char *in_path = work_path (in);
  g_autofree char *der_path = work_path ("expired.der");
  g_autofree char *certificate = work_path ("expired.pem");
  g_autofree char *key = work_path ("spare.key");
  g_autofree char *out_path = work_path (out);
  const char *argv[] = { "openssl", "cms", "-sign", "-binary", "-in", in_path, "-signer", certificate, "-inkey", key,
                         "-md", "sha256", "-outform", "DER", "-out", der_path, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *der = NULL;
  g_autofree char *base64 = NULL;
  JsonArray *signatures = json_array_new ();
  JsonObject *signature = json_object_new ();
  gsize length;

  /* The tool writes a packet as its canonical bytes: what is signed. */
  run (argv, FALSE);
  g_assert_true (g_file_get_contents (der_path, &der, &length, NULL));
  base64 = g_base64_encode ((const guchar *) der, length);
  json_object_set_string_member (signature, "type", "cms");
  json_object_set_string_member (signature, "cms", base64);
  json_array_add_object_element (signatures, signature);
  g_assert_true (json_parser_load_from_file (parser, in_path, &error));
  json_object_set_array_member (json_node_get_object (json_parser_get_root (parser)), "signatures", signatures);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, out_path, &error));
  g_assert_no_error (error);
}

static void
make_packets (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "scripts", "make-test-pki.py", NULL);
  g_autofree char *ca = work_path ("ca.pem");
  g_autofree char *other_ca = work_path ("other-ca.pem");
  g_autofree char *json = work_path ("a.json");
  g_autofree char *pdf = work_path ("a.pdf");
  const char *make_pki[] = { "python3", script, work_dir, NULL };
  const char *render[] = { g_getenv ("SHENBAO_TOOL"), "render", json, "-o", pdf, NULL };

  run (make_pki, FALSE);
  trust_dir = work_path ("trusted");
  other_trust_dir = work_path ("other-trust");
  copy_into (ca, trust_dir);
  {
    g_autofree char *crl = work_path ("ca.crl");

    /* The CA's revocation list, as an office keeps it beside the CA. */
    copy_into (crl, trust_dir);
  }
  copy_into (other_ca, other_trust_dir);

  pack ("2024-03-14T08:00:00Z", "a.json");
  pack ("2024-03-14T09:30:00Z", "b.json");
  sign ("applicant.p12", "a.json", "a-signed.json");
  sign ("stranger.p12", "a.json", "stranger.json");
  move_signature ("a-signed.json", "b.json", "moved.json");
  sign_with_expired ("a.json", "expired.json");
  sign ("revoked.p12", "a.json", "revoked.json");
  run (render, FALSE);
  sign ("applicant.p12", "a.pdf", "a-signed.pdf");
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *found)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, found);
}

/* The rows titled @title (each signature has its own). */
static GPtrArray *
find_rows (SbReviewerView *view,
           const char     *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *found = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (view), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      g_ptr_array_add (found, g_ptr_array_index (rows, i));
  return found;
}

static GtkWidget *
find_row (SbReviewerView *view,
          const char     *title)
{
  g_autoptr(GPtrArray) rows = find_rows (view, title);

  return rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
}

static void
assert_subtitle_has (GtkWidget  *row,
                     const char *needle)
{
  const char *subtitle;

  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  if (subtitle == NULL || strstr (subtitle, needle) == NULL)
    g_error ("the row “%s” does not say “%s”: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), needle,
             subtitle);
}

static void
collect_groups (GtkWidget *widget,
                GPtrArray *found)
{
  if (ADW_IS_PREFERENCES_GROUP (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_groups (child, found);
}

/* Whether a group of @view is titled @title. */
static gboolean
has_group (SbReviewerView *view,
           const char     *title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_groups (GTK_WIDGET (view), groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return TRUE;
  return FALSE;
}

/* The bar over every page, when shown; its text. */
static const char *
unverified_bar_text (SbReviewerView *view)
{
  GtkWidget *bar = ui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_INFO_BAR);

  /* The save bar comes first; the packet's bar is the next one. */
  for (; bar != NULL; bar = gtk_widget_get_next_sibling (bar))
    if (GTK_IS_INFO_BAR (bar) && gtk_info_bar_get_message_type (GTK_INFO_BAR (bar)) == GTK_MESSAGE_ERROR)
      {
        GtkWidget *label = ui_test_find_widget (bar, GTK_TYPE_LABEL);

        return gtk_widget_get_visible (bar) && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar))
          ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
      }
  return NULL;
}

static void
wait_for_signatures (SbReviewerView *view)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (sb_reviewer_view_is_checking_signatures (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_reviewer_view_is_checking_signatures (view));
  ui_test_wait_for (GTK_WIDGET (view), 200);
}

/* The verification page scrolled to @row, drawn, saved as @name. */
static void
screenshot_at (SbWindow   *window,
               GtkWidget  *row,
               const char *name)
{
  GtkWidget *page = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *scroller = ui_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  graphene_point_t point;

  ui_test_wait_for (GTK_WIDGET (window), 800);
  g_assert_true (gtk_widget_compute_point (group, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  ui_test_save_screenshot (GTK_WIDGET (window), name);
}

/* @name opened in @window, its signatures checked. */
static SbReviewerView *
open_packet (SbWindow   *window,
             const char *name)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbReviewerView *view;

  g_assert_true (sb_window_open_file (window, file));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  wait_for_signatures (view);
  return view;
}

/* The case @window registered for the packet under review (ten seconds
 * at most). */
static const SbCase *
wait_for_case (SbWindow *window)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  SbCaseGroup *group = NULL;

  while ((group = SB_CASE_GROUP (ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_CASE_GROUP))) == NULL &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (group);
  g_assert_nonnull (sb_case_group_get_case (group));
  return sb_case_group_get_case (group);
}

static void
use_trust_dir (const char *dir)
{
  if (dir != NULL)
    g_setenv ("SHENBAO_TRUST_DIR", dir, TRUE);
  else
    g_unsetenv ("SHENBAO_TRUST_DIR");
}

static char *
trusted_title (const char *name)
{
  return g_strdup_printf (_("Signed by %s (trusted)"), name);
}

static void
reset_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_settings_reset (settings, "trust-folder");
  g_settings_reset (settings, "require-signatures");
}

/* Tests */

static void
test_trusted (void)
{
  SbWindow *window = ui_test_open_window (application, 1000);
  g_autofree char *title = trusted_title ("张三");
  SbReviewerView *view;
  GtkWidget *row;

  reset_preferences ();
  use_trust_dir (trust_dir);
  view = open_packet (window, "a-signed.json");
  row = find_row (view, title);
  assert_subtitle_has (row, "阳泉市城区启明科技培训中心");
  assert_subtitle_has (row, CREDIT_CODE);
  assert_subtitle_has (row, "Shenbao Test CA");
  /* The signing time is today's, on the reviewer's clock. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    assert_subtitle_has (row, today);
  }
  g_assert_true (gtk_widget_has_css_class (ui_test_find_widget (row, GTK_TYPE_IMAGE), "success"));
  g_assert_null (find_row (view, _("Unsigned")));
  g_assert_null (unverified_bar_text (view));
  g_assert_true (has_group (view, _("The Packet Verifies")));
  g_assert_true (wait_for_case (window)->verified);
  screenshot_at (window, row, "screenshot-signatures-trusted.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  screenshot_at (window, row, "screenshot-signatures-narrow.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Signed, but by a certificate no CA of the trust folder issued: said,
 * and still accepted. */
static void
test_unknown_issuer (void)
{
  SbWindow *window = ui_test_open_window (application, 1000);
  SbReviewerView *view;
  GtkWidget *row;

  reset_preferences ();
  use_trust_dir (other_trust_dir);
  view = open_packet (window, "a-signed.json");
  row = find_row (view, _("Signed by an unknown issuer"));
  assert_subtitle_has (row, "张三");
  assert_subtitle_has (row, "Shenbao Test CA");
  g_assert_null (unverified_bar_text (view));

  use_trust_dir (trust_dir);
  view = open_packet (window, "stranger.json");
  row = find_row (view, _("Signed by an unknown issuer"));
  assert_subtitle_has (row, "李四");
  assert_subtitle_has (row, "Somebody Else CA");
  g_assert_null (unverified_bar_text (view));
  screenshot_at (window, row, "screenshot-signatures-unknown.png");

  /* No trust folder at all: nothing can be trusted, and the page says so. */
  use_trust_dir (NULL);
  view = open_packet (window, "a-signed.json");
  g_assert_nonnull (find_row (view, _("Signed by an unknown issuer")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another packet's signature: its hash is its own, but the signature
 * does not match it; the packet does not verify, on every page. */
static void
test_mismatch (void)
{
  SbWindow *window = ui_test_open_window (application, 1000);
  SbReviewerView *view;
  const char *bar;

  reset_preferences ();
  use_trust_dir (trust_dir);
  view = open_packet (window, "moved.json");
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  g_assert_nonnull (find_row (view, _("The signature does not match the content")));
  g_assert_true (gtk_widget_has_css_class (find_row (view, _("The signature does not match the content")), "error"));
  /* Its own checks pass, and the heading over them says what is wrong. */
  g_assert_true (has_group (view, _("The Packet Does Not Verify")));
  g_assert_false (has_group (view, _("The Packet Verifies")));
  bar = unverified_bar_text (view);
  g_assert_nonnull (bar);
  {
    const char *format = _("The packet’s signature: %s");
    g_autofree char *prefix = g_strndup (format, strstr (format, "%s") - format);

    g_assert_nonnull (strstr (bar, prefix));
    g_assert_nonnull (strstr (bar, "张三"));
  }
  screenshot_at (window, find_row (view, _("The signature does not match the content")),
                 "screenshot-signatures-mismatch.png");
  /* Its hash is right, but it is registered as a packet that does not
   * verify, for its signature: the register waited for it. */
  {
    const SbCase *a_case = wait_for_case (window);

    g_assert_false (a_case->verified);
    g_assert_nonnull (a_case->problem);
    g_test_message ("registered: %s", a_case->problem);
    g_assert_nonnull (strstr (a_case->problem, "张三"));
  }

  /* A certificate that had expired when it signed: it fails too, and
   * says when it was valid. */
  view = open_packet (window, "expired.json");
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  assert_subtitle_has (find_row (view, _("The certificate was not valid then")), "赵六");
  assert_subtitle_has (find_row (view, _("The certificate was not valid then")), "2021-01-01");
  g_assert_true (gtk_widget_has_css_class (find_row (view, _("The certificate was not valid then")), "error"));
  g_assert_nonnull (unverified_bar_text (view));
  g_assert_nonnull (strstr (unverified_bar_text (view), "赵六"));

  /* A certificate the CA's revocation list revokes: it fails, and says
   * why a revocation after the signing time cannot be shown either. */
  view = open_packet (window, "revoked.json");
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  assert_subtitle_has (find_row (view, _("The certificate is revoked")), "孙七");
  g_assert_true (gtk_widget_has_css_class (find_row (view, _("The certificate is revoked")), "error"));
  g_assert_nonnull (unverified_bar_text (view));
  g_assert_nonnull (strstr (unverified_bar_text (view), "孙七"));
  screenshot_at (window, find_row (view, _("The certificate is revoked")), "screenshot-signatures-revoked.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_drop_down (GtkWidget *widget)
{
  return GTK_IS_DROP_DOWN (widget);
}

static void
collect (GtkWidget  *widget,
         gboolean  (*test) (GtkWidget *widget),
         GPtrArray  *found)
{
  if (test (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, test, found);
}

static GtkWidget *
find_combo_row (SbReviewerView *view,
                const char     *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (view), rows);
  for (guint i = 0; i < rows->len; i++)
    if (ADW_IS_COMBO_ROW (g_ptr_array_index (rows, i)) &&
        g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
is_info_bar (GtkWidget *widget)
{
  return GTK_IS_INFO_BAR (widget);
}

/* The info bar shown whose text has @needle, or NULL. */
static GtkWidget *
find_info_bar (SbReviewerView *view,
               const char     *needle)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  collect (GTK_WIDGET (view), is_info_bar, bars);
  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *bar = g_ptr_array_index (bars, i);
      GtkWidget *label = ui_test_find_widget (bar, GTK_TYPE_LABEL);

      if (gtk_widget_get_visible (bar) && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)) && label != NULL &&
          strstr (gtk_label_get_text (GTK_LABEL (label)), needle) != NULL)
        return bar;
    }
  return NULL;
}

static guint
decision_position (SbPacket   *packet,
                   const char *id)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (packet));

  for (guint i = 0; i < decisions->len; i++)
    if (g_str_equal (((SbDecision *) g_ptr_array_index (decisions, i))->id, id))
      return i + 1;  /* after 尚未决定 */
  g_assert_not_reached ();
}

/* Every checklist item OK, then 审核通过: recorded at once, or held for
 * a confirmation that names what failed.  Whether it was recorded. */
static gboolean
approve (SbReviewerView *view)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  SbPacket *packet = sb_reviewer_view_get_packet (view);

  collect (GTK_WIDGET (view), is_drop_down, dropdowns);
  g_assert_cmpuint (dropdowns->len, >, 0);
  for (guint i = 0; i < dropdowns->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, i), SB_CHECK_OK);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo_row (view, _("Decision"))), decision_position (packet, "approve"));
  return g_strcmp0 (sb_review_get_decision (sb_reviewer_view_get_review (view)), "approve") == 0;
}

/* The office requires signed packets: an unsigned one is marked as not
 * verifying, and its approval asks first; a trusted signature meets the
 * requirement; a change of the preferences applies to the packet open. */
static void
test_required (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  SbWindow *window = ui_test_open_window (application, 1000);
  g_autofree char *title = trusted_title ("张三");
  SbReviewerView *view;
  GtkWidget *group;
  const char *bar;

  reset_preferences ();
  use_trust_dir (NULL);
  g_settings_set_string (settings, "trust-folder", trust_dir);
  g_settings_set_boolean (settings, "require-signatures", TRUE);

  view = open_packet (window, "a.json");
  g_assert_nonnull (find_row (view, _("Unsigned")));
  g_assert_true (gtk_widget_has_css_class (find_row (view, _("Unsigned")), "error"));
  g_assert_nonnull (find_row (view, _("A Trusted Signature Is Required")));
  group = gtk_widget_get_ancestor (find_row (view, _("Unsigned")), ADW_TYPE_PREFERENCES_GROUP);
  {
    g_autofree char *expected = g_strdup_printf (_("Checked against the certificate authorities in %s (the trust folder "
                                                   "in the preferences)."), trust_dir);

    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), expected));
  }
  bar = unverified_bar_text (view);
  g_assert_nonnull (bar);
  g_assert_nonnull (strstr (bar, _("This office requires signed packets, and this one is unsigned.")));
  screenshot_at (window, find_row (view, _("Unsigned")), "screenshot-signatures-required.png");
  /* Approval waits for a confirmation that names it; nothing recorded. */
  g_assert_false (approve (view));
  g_assert_nonnull (find_info_bar (view, _("Approve a Packet That Does Not Verify?")));
  g_assert_nonnull (find_info_bar (view, _("This office requires signed packets, and this one is unsigned.")));

  /* The office stops requiring them: the same packet is accepted. */
  g_settings_set_boolean (settings, "require-signatures", FALSE);
  wait_for_signatures (view);
  g_assert_null (find_row (view, _("A Trusted Signature Is Required")));
  g_assert_false (gtk_widget_has_css_class (find_row (view, _("Unsigned")), "error"));
  g_assert_null (unverified_bar_text (view));
  g_settings_set_boolean (settings, "require-signatures", TRUE);
  wait_for_signatures (view);
  g_assert_nonnull (unverified_bar_text (view));

  /* A trusted signature meets the requirement. */
  view = open_packet (window, "a-signed.json");
  g_assert_nonnull (find_row (view, title));
  g_assert_null (find_row (view, _("A Trusted Signature Is Required")));
  g_assert_null (unverified_bar_text (view));
  g_assert_true (approve (view));

  /* $SHENBAO_TRUST_DIR wins over the preference: signed by an unknown
   * issuer then, which does not meet it. */
  use_trust_dir (other_trust_dir);
  view = open_packet (window, "a-signed.json");
  g_assert_nonnull (find_row (view, _("Signed by an unknown issuer")));
  g_assert_nonnull (find_row (view, _("A Trusted Signature Is Required")));
  group = gtk_widget_get_ancestor (find_row (view, _("Signed by an unknown issuer")), ADW_TYPE_PREFERENCES_GROUP);
  {
    g_autofree char *expected = g_strdup_printf (_("Checked against the certificate authorities in %s (set by "
                                                   "SHENBAO_TRUST_DIR)."), other_trust_dir);

    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), expected));
  }
  g_assert_nonnull (unverified_bar_text (view));

  use_trust_dir (NULL);
  reset_preferences ();
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A signed PDF: its own signature beside the embedded packet's. */
static void
test_pdf (void)
{
  SbWindow *window = ui_test_open_window (application, 1000);
  g_autofree char *title = trusted_title ("张三");
  SbReviewerView *view;

  reset_preferences ();
  use_trust_dir (trust_dir);
  view = open_packet (window, "a-signed.pdf");
  assert_subtitle_has (find_row (view, title), _("On the PDF"));
  assert_subtitle_has (find_row (view, _("Unsigned")), _("On the packet embedded in the PDF"));
  g_assert_null (unverified_bar_text (view));
  screenshot_at (window, find_row (view, _("Unsigned")), "screenshot-signatures-pdf.png");

  /* An office that requires signatures: the PDF's trusted one meets it,
   * and the unsigned packet inside is no failure then. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

    GtkWidget *group;

    g_settings_set_boolean (settings, "require-signatures", TRUE);
    wait_for_signatures (view);
    group = gtk_widget_get_ancestor (find_row (view, _("Unsigned")), ADW_TYPE_PREFERENCES_GROUP);
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                              _("This office requires signed packets: one without a trusted signature does not verify.")));
    g_assert_null (find_row (view, _("A Trusted Signature Is Required")));
    g_assert_false (gtk_widget_has_css_class (find_row (view, _("Unsigned")), "error"));
    g_assert_null (unverified_bar_text (view));
    reset_preferences ();
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page titled @title's row in @page. */
static GtkWidget *
find_page_row (GtkWidget  *page,
               const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (page, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
is_stack (GtkWidget *widget)
{
  return GTK_IS_STACK (widget);
}

/* The window's own stack: the one with the preferences. */
static GtkWidget *
window_stack (SbWindow *window)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect (GTK_WIDGET (window), is_stack, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "preferences") != NULL)
      return g_ptr_array_index (stacks, i);
  g_assert_not_reached ();
}

/* Preferences from the main menu, in the window: the trust folder chosen
 * there is used, $SHENBAO_TRUST_DIR wins over it and the page says so;
 * the switch is the require-signatures key; Back returns to the review
 * left open, which checked its signatures again. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  SbWindow *window = ui_test_open_window (application, 1000);
  g_autofree char *title = trusted_title ("张三");
  g_autoptr(GFile) folder = g_file_new_for_path (trust_dir);
  SbReviewerView *view;
  GtkWidget *stack, *page, *trust_row, *require_row, *toggle;

  reset_preferences ();
  use_trust_dir (NULL);
  view = open_packet (window, "a-signed.json");
  g_assert_nonnull (find_row (view, _("Signed by an unknown issuer")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 800);
  stack = window_stack (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "preferences");
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_true (SB_IS_PREFERENCES_PAGE (page));
  trust_row = find_page_row (page, _("Trust Folder"));
  require_row = find_page_row (page, _("Require Signed Packets"));
  g_assert_nonnull (trust_row);
  g_assert_nonnull (require_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (trust_row)), ==, _(NO_TRUST_FOLDER));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-preferences-none.png");

  /* What the folder chooser's Choose does. */
  sb_preferences_page_set_trust_folder (SB_PREFERENCES_PAGE (page), folder);
  {
    g_autofree char *stored = g_settings_get_string (settings, "trust-folder");

    g_assert_cmpstr (stored, ==, trust_dir);
  }
  assert_subtitle_has (trust_row, trust_dir);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (trust_row)), "SHENBAO_TRUST_DIR"));

  /* The switch is the key, both ways. */
  toggle = ui_test_find_widget (require_row, GTK_TYPE_SWITCH);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "require-signatures"));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-preferences.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-preferences-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);

  /* Back to the review, which checked again with the chosen folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "review");
  g_assert_true (sb_window_get_reviewer_view (window) == view);
  wait_for_signatures (view);
  g_assert_nonnull (find_row (view, title));
  g_assert_null (unverified_bar_text (view));

  /* $SHENBAO_TRUST_DIR wins, and the page names both. */
  use_trust_dir (other_trust_dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  assert_subtitle_has (trust_row, other_trust_dir);
  assert_subtitle_has (trust_row, "SHENBAO_TRUST_DIR");
  assert_subtitle_has (trust_row, trust_dir);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-preferences-environment.png");

  /* Cleared: no folder chosen. */
  use_trust_dir (NULL);
  sb_preferences_page_set_trust_folder (SB_PREFERENCES_PAGE (page), NULL);
  {
    g_autofree char *stored = g_settings_get_string (settings, "trust-folder");

    g_assert_cmpstr (stored, ==, "");
  }
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (trust_row)), ==, _(NO_TRUST_FOLDER));

  reset_preferences ();
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int result;

  work_dir = g_dir_make_tmp ("shenbao-signatures-XXXXXX", NULL);
  {
    g_autofree char *cache = g_build_filename (work_dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;
  if (g_find_program_in_path ("openssl") == NULL || g_find_program_in_path ("certtool") == NULL)
    {
      printf ("1..0 # SKIP openssl and certtool make the test certificates (.ci/install-deps.sh installs them)\n");
      return 0;
    }
  make_packets ();

  g_test_add_func ("/ui/signatures/trusted", test_trusted);
  g_test_add_func ("/ui/signatures/unknown-issuer", test_unknown_issuer);
  g_test_add_func ("/ui/signatures/mismatch", test_mismatch);
  g_test_add_func ("/ui/signatures/required", test_required);
  g_test_add_func ("/ui/signatures/pdf", test_pdf);
  g_test_add_func ("/ui/signatures/preferences", test_preferences);

  result = g_test_run ();
  g_free (trust_dir);
  g_free (other_trust_dir);
  g_free (work_dir);
  return result;
}
