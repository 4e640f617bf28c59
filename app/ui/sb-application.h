/* sb-application.h
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-form-registry.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())
G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication  *sb_application_new        (const char        *application_id,
                                           GApplicationFlags  flags);
SbFormRegistry *sb_application_take_forms (SbApplication     *self,
                                           GPtrArray         *errors);

G_END_DECLS
