/* sb-form-registry.h — the installed form definitions, by id and version
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-form-definition.h"

G_BEGIN_DECLS

#define SB_TYPE_FORM_REGISTRY (sb_form_registry_get_type ())
G_DECLARE_FINAL_TYPE (SbFormRegistry, sb_form_registry, SB, FORM_REGISTRY, GObject)

/* Loads every *.json of @dir (lists/ etc. are skipped).  A definition that
 * fails to load is reported in @errors (GError*, may be NULL) and left out. */
SbFormRegistry   *sb_form_registry_new_from_directory (const char     *dir,
                                                       GPtrArray      *errors);
/* The same, each definition loaded when it is first looked up (see
 * sb_form_registry_lookup_version()); for a command that needs one. */
SbFormRegistry   *sb_form_registry_new_lazily         (const char     *dir);
/* PKGDATADIR/forms, or $SHENBAO_DATA_DIR/forms when set; loaded once. */
SbFormRegistry   *sb_form_registry_get_default        (void);
/* Directory of the shipped data: $SHENBAO_DATA_DIR or PKGDATADIR. */
const char       *sb_data_dir                         (void);

/* All definitions, newest version of each id first, ids in load order. */
GPtrArray        *sb_form_registry_get_all            (SbFormRegistry *self);
/* The newest version of @id in force on @julian_day (0 = the newest). */
SbFormDefinition *sb_form_registry_lookup             (SbFormRegistry *self,
                                                       const char     *id,
                                                       gint32          julian_day);
SbFormDefinition *sb_form_registry_lookup_version     (SbFormRegistry *self,
                                                       const char     *id,
                                                       const char     *version);

G_END_DECLS
