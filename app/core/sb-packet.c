/* sb-packet.c — the application packet: answers, files, checks, integrity
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-packet"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-canonical-json.h"
#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-media-type.h"
#include "sb-packet-private.h"
#include "sb-safe-text.h"

G_DEFINE_FINAL_TYPE (SbPacket, sb_packet, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-packet-error-quark, sb_packet_error)

/* GObject overrides */

static void
sb_packet_finalize (GObject *object)
{
  SbPacket *self = (SbPacket *) object;

  g_clear_object (&self->definition);
  g_clear_object (&self->answers);
  g_free (self->created);
  g_free (self->finalised);
  g_free (self->reference);
  g_free (self->integrity_hash);
  g_clear_pointer (&self->justifications, g_hash_table_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->differences, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->signatures, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_packet_parent_class)->finalize (object);
}

static void
sb_packet_class_init (SbPacketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_packet_finalize;
}

static void
sb_packet_init (SbPacket *self)
{
  self->justifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_check_free);
  self->differences = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_difference_free);
}

/* Public API */

SbPacketAttachment *
sb_packet_attachment_new (const char *field,
                          int         row,
                          const char *name,
                          const char *media_type,
                          GBytes     *data)
{
  SbPacketAttachment *attachment;

  g_return_val_if_fail (field != NULL && name != NULL && media_type != NULL && data != NULL, NULL);

  attachment = g_new0 (SbPacketAttachment, 1);
  attachment->field = g_strdup (field);
  attachment->row = row;
  attachment->name = g_strdup (name);
  attachment->media_type = g_strdup (media_type);
  attachment->size = g_bytes_get_size (data);
  attachment->sha256 = sb_packet_sha256_hex (data);
  attachment->data = g_bytes_ref (data);
  return attachment;
}

void
sb_packet_attachment_free (SbPacketAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->field);
  g_free (attachment->name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

SbFormDefinition *
sb_packet_get_definition (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->definition;
}

SbAnswers *
sb_packet_get_answers (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->answers;
}

gboolean
sb_packet_is_draft (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), TRUE);
  return self->draft;
}

gint32
sb_packet_get_submission_date (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), 0);
  return self->submission_date;
}

const char *
sb_packet_get_created (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->created;
}

const char *
sb_packet_get_finalised (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->finalised;
}

const char *
sb_packet_get_reference (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->reference;
}

const char *
sb_packet_get_integrity_hash (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->integrity_hash;
}

GHashTable *
sb_packet_get_justifications (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->justifications;
}

GPtrArray *
sb_packet_get_attachments (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->attachments;
}

SbValidationReport *
sb_packet_get_report (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->report;
}

GPtrArray *
sb_packet_get_checks (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->checks;
}

GPtrArray *
sb_packet_get_validation_differences (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->differences;
}

gboolean
sb_packet_is_dated_in_future (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), FALSE);
  return self->dated_in_future;
}

gboolean
sb_packet_is_verified (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (!((SbPacketCheck *) g_ptr_array_index (self->checks, i))->ok)
      return FALSE;
  return TRUE;
}
