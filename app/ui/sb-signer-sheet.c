/* sb-signer-sheet.c — signing files with a certificate, inside the window
 *
 * The files are signed over themselves, not beside them: the person
 * hands in the files the result page names, and a signed copy beside
 * each would leave two look-alike files of which the unsigned one is
 * as likely to be handed in.  Nothing is lost by it: a signed PDF begins
 * with every byte of the unsigned one (the signature is an incremental
 * update), and a signed packet is the same packet, its integrity hash
 * unchanged, with one more entry in its signature block.  Every file is
 * signed in memory before the first is written, so a wrong PIN or an
 * expired certificate changes nothing; a file that cannot be written
 * puts back the ones written before it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-signer-sheet"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-packet-signatures.h"
#include "sb-pdf-sign.h"
#include "sb-review.h"
#include "sb-signature.h"
#include "sb-signer-sheet.h"
#include "sb-signer.h"
#include "sb-token-list.h"

/* The certificate property's value for the PKCS#12 file's row. */
#define CHOICE_PKCS12 "pkcs12"

typedef struct
{
  char             *path;
  SbPacket         *packet;   /* NULL for a PDF or a review file */
  SbFormDefinition *review;   /* a review file's definition; NULL for a packet or a PDF */
} Document;

/* What the worker needs, copied from the sheet when Sign is pressed. */
typedef struct
{
  char      *pkcs11_uri;   /* or… */
  char      *pkcs12_path;
  char      *secret;       /* wiped as soon as the key is open */
  GPtrArray *documents;    /* Document*, shared with the sheet */
  GApplication *held;      /* kept running until the files are written, or NULL */
  char      *signer_name;  /* who signed, as a reviewer will read it; set by the worker */
} SignJob;

struct _SbSignerSheet
{
  AdwBin        parent_instance;

  GtkWidget    *content;
  GtkWidget    *description_label;
  GtkWidget    *certificate_list;
  GtkWidget    *tokens_row;
  GtkWidget    *tokens_spinner;
  GtkWidget    *file_row;
  GtkWidget    *file_check;
  GtkWidget    *choose_button;
  GtkWidget    *reload_button;
  GtkWidget    *secret_entry;
  GtkWidget    *message_label;
  GtkWidget    *spinner;
  GtkWidget    *cancel_button;
  GtkWidget    *sign_button;

  GPtrArray    *documents;     /* Document* */
  GPtrArray    *token_rows;    /* the rows made for the tokens' certificates */
  GPtrArray    *token_uris;    /* their URIs, in the same order */
  char         *certificate;   /* a token certificate's URI, CHOICE_PKCS12 or NULL */
  char         *pkcs12_path;
  char         *remembered;    /* the last choice, chosen again once the tokens are listed */
  gboolean      signing;
  gboolean      listing;
};

enum
{
  PROP_0,
  PROP_CERTIFICATE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbSignerSheet, sb_signer_sheet, ADW_TYPE_BIN)

/* Auxiliary functions */

static void
document_free (Document *document)
{
  g_free (document->path);
  g_clear_object (&document->packet);
  g_clear_object (&document->review);
  g_free (document);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
}

static void
sign_job_free (SignJob *job)
{
  g_free (job->pkcs11_uri);
  g_free (job->pkcs12_path);
  wipe (job->secret);
  g_free (job->secret);
  g_ptr_array_unref (job->documents);
  g_free (job->signer_name);
  if (job->held != NULL)
    {
      g_application_release (job->held);
      g_object_unref (job->held);
    }
  g_free (job);
}

static void
show_message (SbSignerSheet *self,
              const char    *text)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->message_label, text != NULL);
  /* Said by a screen reader as it appears. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_controls (SbSignerSheet *self)
{
  gboolean idle = !self->signing;

  gtk_widget_set_sensitive (self->sign_button, idle);
  gtk_widget_set_sensitive (self->cancel_button, idle);
  gtk_widget_set_sensitive (self->certificate_list, idle);
  /* Not insensitive: GTK 4.8 warns when the focused entry becomes so. */
  gtk_editable_set_editable (GTK_EDITABLE (self->secret_entry), idle);
  gtk_widget_set_sensitive (self->reload_button, idle && !self->listing);
  gtk_widget_set_visible (self->spinner, self->signing);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->signing);
}

static void
set_signing (SbSignerSheet *self,
             gboolean       signing)
{
  self->signing = signing;
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_certificate (SbSignerSheet *self,
                 const char    *certificate)
{
  if (g_strcmp0 (self->certificate, certificate) == 0)
    return;
  g_free (self->certificate);
  self->certificate = g_strdup (certificate);
  /* What went wrong was about the certificate chosen before. */
  show_message (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
}

static void
set_pkcs12_path (SbSignerSheet *self,
                 const char    *path)
{
  g_free (self->pkcs12_path);
  self->pkcs12_path = g_strdup (path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), path != NULL ? path : _("No file chosen"));
}

/* What to do about a failure, in the person's words: the choice stays,
 * the PIN is typed again. */
static char *
describe_failure (SbSignerSheet *self,
                  const GError  *error,
                  gboolean       token)
{
  g_autofree char *what = NULL;

  if (error->domain == SB_SIGNER_ERROR)
    switch ((SbSignerError) error->code)
      {
      case SB_SIGNER_ERROR_PASSWORD:
        what = g_strdup (token ? _("The PIN is not right. Type it again: after a few wrong PINs the token locks itself.")
                               : _("The password is not right. Type it again."));
        break;
      case SB_SIGNER_ERROR_NOT_VALID:
        /* Translators: the reason, as "the certificate (…) is not valid today: it is valid from … until …" */
        what = g_strdup_printf (_("This certificate cannot sign today (%s). Choose another certificate, or ask the "
                                  "authority that issued it for a new one."), error->message);
        break;
      case SB_SIGNER_ERROR_KEY_MISMATCH:
        what = g_strdup (_("This certificate belongs to another key than the one beside it, so it cannot sign. "
                           "Choose another certificate."));
        break;
      case SB_SIGNER_ERROR_TOKEN:
        what = g_strdup (_("The token stopped answering while signing: was it removed? Plug it in again and press "
                           "Sign."));
        break;
      case SB_SIGNER_ERROR_NO_TOKEN:
        what = g_strdup (_("The token is not plugged in (or was pulled out). Plug it in, press Look for Tokens "
                           "Again, and choose its certificate."));
        break;
      case SB_SIGNER_ERROR_UNREADABLE:
        what = g_strdup_printf (_("The certificate could not be read (%s). Choose another file or token."),
                                error->message);
        break;
      case SB_SIGNER_ERROR_FAILED:
      default:
        break;
      }
  if (what == NULL)
    what = g_strdup_printf (_("The files could not be signed: %s."), error->message);
  /* Translators: what went wrong and what to do, then that no file changed */
  return g_strdup_printf (_("%s Nothing was written."), what);
}

/* The signed bytes of every document, or NULL and nothing to write. */
static GPtrArray *
sign_all (SignJob   *job,
          SbSigner  *signer,
          GPtrArray *originals,
          GError   **error)
{
  g_autoptr(GPtrArray) signed_files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < job->documents->len; i++)
    {
      Document *document = g_ptr_array_index (job->documents, i);
      g_autofree char *contents = NULL;
      gsize length = 0;
      GBytes *signed_bytes;

      if (!g_file_get_contents (document->path, &contents, &length, error))
        return NULL;
      g_ptr_array_add (originals, g_bytes_new_take (g_steal_pointer (&contents), length));
      /* The packet signed is the one in memory: written over a file that
       * changed since (signed or edited elsewhere), it would lose that. */
      if (document->packet != NULL)
        {
          g_autoptr(GBytes) saved = sb_packet_to_bytes (document->packet);

          if (!g_bytes_equal (saved, g_ptr_array_index (originals, i)))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("%s was changed after it was saved here (signed or edited elsewhere), and signing "
                             "it here would undo that; sign that file with “shenbao-tool sign” instead"),
                           document->path);
              return NULL;
            }
        }
      if (document->review != NULL)
        {
          /* The review file as it is on disk: what the office hands out. */
          g_autoptr(SbReview) review = sb_review_new_from_bytes (document->review, g_ptr_array_index (originals, i),
                                                                 error);

          signed_bytes = review != NULL ? sb_review_sign (review, signer, error) : NULL;
        }
      else
        signed_bytes = document->packet != NULL ? sb_packet_sign (document->packet, signer, error)
                                                : sb_pdf_sign (g_ptr_array_index (originals, i), signer, error);
      if (signed_bytes == NULL)
        return NULL;
      g_ptr_array_add (signed_files, signed_bytes);
    }
  return g_steal_pointer (&signed_files);
}

/* Who signed, as the office will read it: the name, organisation and
 * 统一社会信用代码 read back from the signed PDF or review file, or else
 * the certificate's subject. */
static char *
describe_signer (SignJob   *job,
                 SbSigner  *signer,
                 GPtrArray *signed_files)
{
  for (guint i = 0; i < job->documents->len; i++)
    {
      Document *document = g_ptr_array_index (job->documents, i);
      g_autoptr(GPtrArray) signatures = NULL;

      if (document->review != NULL)
        {
          g_autoptr(SbReview) review = sb_review_new_from_bytes (document->review,
                                                                 g_ptr_array_index (signed_files, i), NULL);
          g_autoptr(GPtrArray) found = review != NULL ? sb_review_verify_signatures (review, NULL, NULL) : NULL;

          if (found != NULL && found->len > 0)
            return sb_signature_describe_signer (g_ptr_array_index (found, found->len - 1));
          continue;
        }
      if (document->packet != NULL)
        continue;
      signatures = sb_pdf_read_signatures (g_ptr_array_index (signed_files, i), NULL, NULL);
      if (signatures != NULL && signatures->len > 0)
        {
          SbPdfSignature *last = g_ptr_array_index (signatures, signatures->len - 1);

          return sb_signature_describe_signer (last->signature);
        }
    }
  return g_strdup (sb_signer_get_subject (signer));
}

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignJob *job = task_data;
  g_autoptr(SbSigner) signer = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) signed_files = NULL;
  GError *error = NULL;

  /* A token pulled out and plugged in again since it was listed is
   * found again: pressing Sign again is all it takes. */
  if (job->pkcs11_uri != NULL)
    sb_token_list_rescan ();
  signer = job->pkcs11_uri != NULL ? sb_signer_new_from_pkcs11 (job->pkcs11_uri, job->secret, &error)
                                   : sb_signer_new_from_pkcs12 (job->pkcs12_path, job->secret, &error);
  /* The token keeps its own copy for a late login; this one goes now. */
  wipe (job->secret);
  if (signer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  signed_files = sign_all (job, signer, originals, &error);
  if (signed_files == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < signed_files->len; i++)
    {
      Document *document = g_ptr_array_index (job->documents, i);

      if (write_bytes (document->path, g_ptr_array_index (signed_files, i), &error))
        continue;
      /* All or none: the files written already are put back as they were. */
      for (guint j = 0; j < i; j++)
        {
          Document *written = g_ptr_array_index (job->documents, j);
          g_autoptr(GError) restore_error = NULL;

          if (!write_bytes (written->path, g_ptr_array_index (originals, j), &restore_error))
            g_warning ("%s could not be put back unsigned: %s", written->path, restore_error->message);
        }
      g_prefix_error (&error, "%s: ", document->path);
      g_task_return_error (task, error);
      return;
    }
  job->signer_name = describe_signer (job, signer, signed_files);
  g_task_return_pointer (task, g_steal_pointer (&signer), g_object_unref);
}

static GtkWidget *
make_token_row (SbTokenCertificate *certificate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (certificate->not_after);
  g_autofree char *day = until != NULL ? g_date_time_format (until, "%Y-%m-%d") : g_strdup ("?");
  g_autofree char *subtitle = NULL;

  g_autoptr(GString) who = g_string_new (certificate->name);

  if (*certificate->organisation != '\0')
    {
      if (who->len > 0)
        g_string_append (who, _(", "));
      g_string_append (who, certificate->organisation);
    }
  if (who->len == 0)
    g_string_append (who, certificate->subject);
  /* Translators: a token's name, the certificate's label on it, its issuer and its last day */
  subtitle = g_strdup_printf (_("On the token “%s” as “%s”, issued by %s, valid until %s"), certificate->token_label,
                              certificate->label, certificate->issuer, day);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), who->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "signer.certificate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", certificate->uri);
  /* Named by its row: who the certificate names, said once. */
  sb_accessible_set_label (check, who->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static void
on_tokens_listed (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (source_object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certificates = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean remembered_listed = FALSE;

  self->listing = FALSE;
  gtk_spinner_set_spinning (GTK_SPINNER (self->tokens_spinner), FALSE);
  gtk_widget_set_visible (self->tokens_spinner, FALSE);
  for (guint i = 0; i < self->token_rows->len; i++)
    gtk_list_box_remove (GTK_LIST_BOX (self->certificate_list), g_ptr_array_index (self->token_rows, i));
  g_ptr_array_set_size (self->token_rows, 0);
  g_ptr_array_set_size (self->token_uris, 0);

  if (certificates == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tokens_row), _("The tokens could not be listed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tokens_row), error->message);
    }
  else if (certificates->len == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tokens_row), _("No certificate on a token"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tokens_row),
                                   _("Plug in your UKey and look for tokens again. Its maker’s PKCS#11 module "
                                     "must be installed on this computer."));
    }
  gtk_widget_set_visible (self->tokens_row, certificates == NULL || certificates->len == 0);

  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    {
      SbTokenCertificate *certificate = g_ptr_array_index (certificates, i);
      GtkWidget *row = make_token_row (certificate);

      gtk_list_box_insert (GTK_LIST_BOX (self->certificate_list), row, (int) i + 1);
      g_ptr_array_add (self->token_rows, row);
      g_ptr_array_add (self->token_uris, g_strdup (certificate->uri));
      if (g_strcmp0 (self->remembered, certificate->uri) == 0)
        remembered_listed = TRUE;
    }

  /* The last certificate used, else the first on a token. */
  if (remembered_listed && self->certificate == NULL)
    set_certificate (self, self->remembered);
  else if (self->certificate == NULL && certificates != NULL && certificates->len > 0)
    set_certificate (self, ((SbTokenCertificate *) g_ptr_array_index (certificates, 0))->uri);

  update_controls (self);
  sb_accessible_name_controls (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
list_tokens_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *certificates;

  /* The modules read their slots again: a token plugged in since, or
   * plugged in again after it was pulled out, is found. */
  sb_token_list_rescan ();
  certificates = sb_token_list_certificates (&error);

  if (certificates != NULL)
    g_task_return_pointer (task, certificates, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/* Callbacks */

static void
on_reload_clicked (SbSignerSheet *self)
{
  sb_signer_sheet_reload_tokens (self);
}

static void
on_pkcs12_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbSignerSheet   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_signer_sheet_choose_pkcs12 (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_choose_clicked (SbSignerSheet *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) certificates = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) everything = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Certificate File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (certificates, _("Certificates with their keys (PKCS#12: .p12, .pfx)"));
  gtk_file_filter_add_pattern (certificates, "*.[pP]12");
  gtk_file_filter_add_pattern (certificates, "*.[pP][fF][xX]");
  gtk_file_filter_add_mime_type (certificates, "application/x-pkcs12");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), certificates);
  gtk_file_filter_set_name (everything, _("All files"));
  gtk_file_filter_add_pattern (everything, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);
  if (self->pkcs12_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->pkcs12_path);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_pkcs12_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_clicked (SbSignerSheet *self)
{
  if (self->signing)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), "");
  show_message (self, NULL);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
on_signed (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (source_object);
  SignJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSigner) signer = g_task_propagate_pointer (G_TASK (result), &error);

  set_signing (self, FALSE);
  if (signer == NULL)
    {
      g_autofree char *text = describe_failure (self, error, job->pkcs11_uri != NULL);

      show_message (self, text);
      gtk_widget_grab_focus (self->secret_entry);
      return;
    }

  show_message (self, NULL);
  /* The choice, never the PIN, for the next time. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

    g_settings_set_string (settings, "signing-certificate",
                           job->pkcs11_uri != NULL ? job->pkcs11_uri : job->pkcs12_path);
  }
  g_signal_emit (self, signals[SIGNED], 0, job->signer_name);
}

static void
on_sign_clicked (SbSignerSheet *self)
{
  g_autoptr(GTask) task = NULL;
  SignJob *job;
  GApplication *application = g_application_get_default ();

  /* Enter in the entry and the button both end here: one signing at a time. */
  if (self->signing)
    return;
  g_return_if_fail (self->documents->len > 0);

  if (self->certificate == NULL)
    {
      show_message (self, _("Choose a certificate: one on a token, or a PKCS#12 file."));
      return;
    }
  if (g_str_equal (self->certificate, CHOICE_PKCS12) && self->pkcs12_path == NULL)
    {
      show_message (self, _("Choose the certificate file (.p12, .pfx) first."));
      return;
    }

  job = g_new0 (SignJob, 1);
  if (g_str_equal (self->certificate, CHOICE_PKCS12))
    job->pkcs12_path = g_strdup (self->pkcs12_path);
  else
    job->pkcs11_uri = g_strdup (self->certificate);
  job->secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_entry)));
  job->documents = g_ptr_array_ref (self->documents);
  /* The entry holds it no longer than it takes to copy: a retry is typed again. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), "");

  show_message (self, NULL);
  set_signing (self, TRUE);
  task = g_task_new (self, NULL, on_signed, NULL);
  g_task_set_source_tag (task, on_sign_clicked);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);
  /* Closing the last window does not end the process while files are written. */
  if (application != NULL)
    {
      job->held = g_object_ref (application);
      g_application_hold (application);
    }
  g_task_run_in_thread (task, sign_in_thread);
}

static void
on_secret_activate (SbSignerSheet *self)
{
  on_sign_clicked (self);
}

/* GObject overrides */

static void
sb_signer_sheet_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE:
      g_value_set_string (value, self->certificate != NULL ? self->certificate : "");
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, sb_signer_sheet_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_signer_sheet_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (object);
  const char *certificate;

  switch (prop_id)
    {
    case PROP_CERTIFICATE:
      certificate = g_value_get_string (value);
      set_certificate (self, certificate != NULL && *certificate != '\0' ? certificate : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_signer_sheet_dispose (GObject *object)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SIGNER_SHEET);

  G_OBJECT_CLASS (sb_signer_sheet_parent_class)->dispose (object);
}

static void
sb_signer_sheet_finalize (GObject *object)
{
  SbSignerSheet *self = SB_SIGNER_SHEET (object);

  g_ptr_array_unref (self->documents);
  g_ptr_array_unref (self->token_rows);
  g_ptr_array_unref (self->token_uris);
  g_free (self->certificate);
  g_free (self->pkcs12_path);
  g_free (self->remembered);

  G_OBJECT_CLASS (sb_signer_sheet_parent_class)->finalize (object);
}

static void
sb_signer_sheet_class_init (SbSignerSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sb_signer_sheet_get_property;
  object_class->set_property = sb_signer_sheet_set_property;
  object_class->dispose = sb_signer_sheet_dispose;
  object_class->finalize = sb_signer_sheet_finalize;

  /* A token certificate's PKCS#11 URI, or "pkcs12" for the file's row. */
  properties[PROP_CERTIFICATE] =
    g_param_spec_string ("certificate", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Signed, and the files written; the signer as a reviewer will read
   * it ("张三, 某某公司, unified social credit code 91…").  The caller
   * shows what comes next. */
  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Cancel was pressed: nothing was signed. */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_install_property_action (widget_class, "signer.certificate", "certificate");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/sb-signer-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, content);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, description_label);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, certificate_list);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, tokens_row);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, tokens_spinner);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, file_row);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, file_check);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, reload_button);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, secret_entry);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, message_label);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SbSignerSheet, sign_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_activate);
}

static void
sb_signer_sheet_init (SbSignerSheet *self)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *remembered = g_settings_get_string (settings, "signing-certificate");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  self->token_rows = g_ptr_array_new ();
  self->token_uris = g_ptr_array_new_with_free_func (g_free);
  /* Every row's check button shows and sets the "certificate" property
   * through this action, its target the row's choice: radio buttons. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->file_check), "signer.certificate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->file_check), "s", CHOICE_PKCS12);
  sb_accessible_set_label (self->file_check, _("Certificate file (PKCS#12)"));

  /* A file chosen last time is chosen again at once; a token's
   * certificate once the tokens are listed and it is among them. */
  if (g_str_has_prefix (remembered, "pkcs11:"))
    self->remembered = g_steal_pointer (&remembered);
  else if (*remembered != '\0' && g_file_test (remembered, G_FILE_TEST_IS_REGULAR))
    {
      set_pkcs12_path (self, remembered);
      set_certificate (self, CHOICE_PKCS12);
    }
  sb_signer_sheet_reload_tokens (self);
}

/* Public API */

SbSignerSheet *
sb_signer_sheet_new (void)
{
  return g_object_new (SB_TYPE_SIGNER_SHEET, NULL);
}

void
sb_signer_sheet_add_packet (SbSignerSheet *self,
                            SbPacket      *packet,
                            const char    *path)
{
  Document *document;

  g_return_if_fail (SB_IS_SIGNER_SHEET (self));
  g_return_if_fail (SB_IS_PACKET (packet));
  g_return_if_fail (path != NULL);

  document = g_new0 (Document, 1);
  document->path = g_strdup (path);
  document->packet = g_object_ref (packet);
  g_ptr_array_add (self->documents, document);
}

void
sb_signer_sheet_add_review (SbSignerSheet    *self,
                            SbFormDefinition *definition,
                            const char       *path)
{
  Document *document;

  g_return_if_fail (SB_IS_SIGNER_SHEET (self));
  g_return_if_fail (SB_IS_FORM_DEFINITION (definition));
  g_return_if_fail (path != NULL);

  document = g_new0 (Document, 1);
  document->path = g_strdup (path);
  document->review = g_object_ref (definition);
  g_ptr_array_add (self->documents, document);
}

void
sb_signer_sheet_add_pdf (SbSignerSheet *self,
                         const char    *path)
{
  Document *document;

  g_return_if_fail (SB_IS_SIGNER_SHEET (self));
  g_return_if_fail (path != NULL);

  document = g_new0 (Document, 1);
  document->path = g_strdup (path);
  g_ptr_array_add (self->documents, document);
}

void
sb_signer_sheet_choose_pkcs12 (SbSignerSheet *self,
                               GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SB_IS_SIGNER_SHEET (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_message (self, _("Choose a file on this computer."));
      return;
    }
  set_pkcs12_path (self, path);
  set_certificate (self, CHOICE_PKCS12);
  show_message (self, NULL);
  gtk_widget_grab_focus (self->secret_entry);
}

gboolean
sb_signer_sheet_choose_token_certificate (SbSignerSheet *self,
                                          const char    *uri)
{
  g_return_val_if_fail (SB_IS_SIGNER_SHEET (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  for (guint i = 0; i < self->token_uris->len; i++)
    if (g_str_equal (g_ptr_array_index (self->token_uris, i), uri))
      {
        set_certificate (self, uri);
        show_message (self, NULL);
        return TRUE;
      }
  return FALSE;
}

void
sb_signer_sheet_reload_tokens (SbSignerSheet *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_SIGNER_SHEET (self));

  if (self->listing)
    return;
  self->listing = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tokens_row), _("Looking for tokens…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tokens_row), "");
  gtk_widget_set_visible (self->tokens_spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->tokens_spinner), TRUE);
  gtk_widget_set_visible (self->tokens_row, TRUE);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  task = g_task_new (self, NULL, on_tokens_listed, NULL);
  g_task_set_source_tag (task, sb_signer_sheet_reload_tokens);
  g_task_run_in_thread (task, list_tokens_in_thread);
}

const char *
sb_signer_sheet_get_message (SbSignerSheet *self)
{
  g_return_val_if_fail (SB_IS_SIGNER_SHEET (self), NULL);

  return gtk_widget_get_visible (self->message_label) ? gtk_label_get_text (GTK_LABEL (self->message_label)) : NULL;
}

gboolean
sb_signer_sheet_get_busy (SbSignerSheet *self)
{
  g_return_val_if_fail (SB_IS_SIGNER_SHEET (self), FALSE);

  return self->signing || self->listing;
}

/* What signing means for the files at hand, under the title; the
 * default speaks to an applicant signing the application. */
void
sb_signer_sheet_set_description (SbSignerSheet *self,
                                 const char    *description)
{
  g_return_if_fail (SB_IS_SIGNER_SHEET (self));
  g_return_if_fail (description != NULL);

  gtk_label_set_text (GTK_LABEL (self->description_label), description);
}
