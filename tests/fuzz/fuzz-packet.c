/* fuzz-packet.c — libFuzzer target for the packet reader
 *
 * Seed corpus: tests/packets/.  Whatever the bytes, reading gives a packet
 * or an error; never a crash, a hang or a leak.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-packet.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static SbFormRegistry *registry;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = NULL;

  if (registry == NULL)
    {
      const char *fixtures = g_getenv ("SHENBAO_TEST_FIXTURES");
      g_autofree char *forms = g_build_filename (fixtures ? fixtures : "tests/fixtures", "forms", NULL);

      registry = sb_form_registry_new_from_directory (forms, NULL);
    }

  packet = sb_packet_new_from_bytes (bytes, registry, NULL, &error);
  g_assert ((packet == NULL) != (error == NULL));
  if (packet != NULL)
    {
      g_autoptr(GBytes) again = sb_packet_to_bytes (packet);
      g_assert (again != NULL);
    }

  return 0;
}
