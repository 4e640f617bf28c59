/* sb-register-page.h — the office's case register, as a page of the main
 * window: every case received, the most urgent first, with filters
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-calendar.h"
#include "sb-form-registry.h"
#include "sb-register.h"

G_BEGIN_DECLS

#define SB_TYPE_REGISTER_PAGE (sb_register_page_get_type ())
G_DECLARE_FINAL_TYPE (SbRegisterPage, sb_register_page, SB, REGISTER_PAGE, GtkBox)

/* A page that shows nothing until it is given a register.  @forms names
 * the procedures, @calendar counts the working days left (NULL: not
 * counted).  Signals:
 *   open-case (const char *packet_path)  a case was activated
 *   retry ()                             the person asked to open the
 *                                        register again after it failed
 *   toast (AdwToast *toast)              its text Pango markup, escaped */
GtkWidget  *sb_register_page_new            (SbFormRegistry  *forms,
                                             SbCalendar      *calendar);
/* Shows the cases of @case_register (read in a worker thread), or, when
 * it is NULL, @error in a bar with a Retry button.  The list shown before
 * stays while the register cannot be reached: what the office saw is not
 * taken away. */
void        sb_register_page_set_register   (SbRegisterPage  *self,
                                             SbRegister      *case_register,
                                             const GError    *error);
/* Says that the register is being opened again (after retry). */
void        sb_register_page_set_opening    (SbRegisterPage  *self);
/* Reads the cases again (after a packet was registered). */
void        sb_register_page_reload         (SbRegisterPage  *self);
/* Counts deadlines as on @today (a Julian day; the default is today). */
void        sb_register_page_set_today      (SbRegisterPage  *self,
                                             gint32           today);
/* Whether the cases are being read. */
gboolean    sb_register_page_is_loading     (SbRegisterPage  *self);
/* The filters of the More Filters popover, as typed there (NULL or ""
 * for any), applied as closing it does; a day that cannot be read is
 * said in the popover and changes nothing. */
void        sb_register_page_set_more_filters (SbRegisterPage *self,
                                               const char     *reviewer,
                                               const char     *received_from,
                                               const char     *received_to);
/* Writes every case the filters and the search match, in the list's
 * order (those beyond the page shown too), to @file, XLSX or CSV by its
 * extension, in a worker thread; a toast says how it went.  The Export
 * button asks for @file. */
void        sb_register_page_export         (SbRegisterPage  *self,
                                             GFile           *file);
gboolean    sb_register_page_is_exporting   (SbRegisterPage  *self);
/* The cases the list shows: the most urgent of those the filters and the
 * search match, a page of them (500) and more after Show More. */
guint       sb_register_page_get_n_shown    (SbRegisterPage  *self);
/* How many cases the filters and the search match in the register. */
guint       sb_register_page_get_n_matching (SbRegisterPage  *self);
/* Reads the next page of cases, as Show More does. */
void        sb_register_page_show_more      (SbRegisterPage  *self);

G_END_DECLS
