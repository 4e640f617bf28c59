/* sb-toast.c — the `toast` signal of the window's pages
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-toast"

#include "config.h"

#include "sb-toast.h"

guint
sb_toast_signal_new (GType type)
{
  return g_signal_new ("toast", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                       G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

void
sb_toast_emit (gpointer  instance,
               guint     signal_id,
               AdwToast *toast)
{
  g_return_if_fail (G_IS_OBJECT (instance));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (instance, signal_id, 0, toast);
  /* No handler kept it: nobody shows it. */
  g_object_unref (toast);
}
