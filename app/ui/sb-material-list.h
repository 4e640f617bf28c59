/* sb-material-list.h — an application's materials as preference rows
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-answers.h"

G_BEGIN_DECLS

typedef enum {
  SB_MATERIAL_LIST_FOR_APPLICANT,
  SB_MATERIAL_LIST_FOR_REVIEWER,   /* with the materials' ids */
} SbMaterialListFor;

/* A group with one row per material of @answers' definition: its title,
 * requirement and status (submitted with the files, not applicable with
 * the reason, missing with the parts still to attach), as
 * sb_material_status_compute() gives them.  File names are revealed as
 * untrusted text.  When @change_action is set (e.g. "review.change-field",
 * taking a top-level field id), a missing material gets a Change button
 * to its field. */
GtkWidget *sb_material_list_new (SbAnswers         *answers,
                                 SbMaterialListFor  reader,
                                 const char        *change_action);

G_END_DECLS
