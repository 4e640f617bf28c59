/* sb-document-actions.h — Print, Open PDF and Show in Folder for a PDF
 * the application has written (the applicant's finished packet, the
 * reviewer's notice)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_DOCUMENT_ACTIONS (sb_document_actions_get_type ())
G_DECLARE_FINAL_TYPE (SbDocumentActions, sb_document_actions, SB, DOCUMENT_ACTIONS, GtkBox)

/* Three buttons for @pdf, one above the other: 打印 (document.print), 打开 PDF (document.open)
 * and 在文件夹中显示 (document.show-in-folder).  Every one goes through
 * what a sandbox allows: the print portal (GtkPrintOperation), the
 * OpenURI portal (g_app_info_launch_default_for_uri_async) and the file
 * manager's org.freedesktop.FileManager1 interface, falling back to
 * opening the folder.  A failure is said in a toast (the `toast`
 * signal, sb-toast.h). */
GtkWidget *sb_document_actions_new        (GFile       *pdf);
GFile     *sb_document_actions_get_file   (SbDocumentActions *self);
void       sb_document_actions_add_sign   (SbDocumentActions *self);
/* Show in Folder alone, for the office's review file (JSON); its Sign
 * Digitally… is the window's sign-review action. */
GtkWidget *sb_document_actions_new_for_review (GFile          *review);
void       sb_document_actions_add_sign_review (SbDocumentActions *self);

/* Runs a print operation of @pdf's pages, drawn with poppler: @action
 * GTK_PRINT_OPERATION_ACTION_EXPORT writes them to @export_filename (a
 * PDF) without a dialog. */
GtkPrintOperationResult sb_document_print (GtkWindow               *parent,
                                           GFile                   *pdf,
                                           GtkPrintOperationAction  action,
                                           const char              *export_filename,
                                           GError                 **error);

G_END_DECLS
