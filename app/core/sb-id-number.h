/* sb-id-number.h — checksums of Chinese identification numbers
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sb-text.h"

G_BEGIN_DECLS

/* 居民身份证号码, GB 11643-1999: 18 characters, a real birth date, and the
 * ISO 7064 MOD 11-2 check character (digit or 'X'; lower-case 'x' accepted).
 * On failure @message (may be NULL) is replaced with a short reason in
 * Chinese and English ("号码有误，请核对身份证上的号码"...); it never names
 * the right check character, which would turn a typo into somebody else's
 * number. @birth_julian_day (may be NULL) gets the birth date. */
gboolean  sb_resident_id_check       (const char  *id,
                                      gint32      *birth_julian_day,
                                      SbText      *message);

/* 统一社会信用代码, GB 32100-2015: 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY", registration-authority and
 * organisation-type codes, and the MOD 31 check character.  @message as
 * for sb_resident_id_check(). */
gboolean  sb_credit_code_check       (const char  *code,
                                      SbText      *message);

G_END_DECLS
