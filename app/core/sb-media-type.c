/* sb-media-type.c — whether a file's bytes are what it says it is
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-media-type"

#include "config.h"

#include <string.h>

#include "sb-media-type.h"

/* Own code rather than shared-mime-info's sniffing (g_content_type_guess):
 * that one guesses from the name first, knows hundreds of types that could
 * shadow the few we accept, and differs between machines and the Flatpak
 * runtime; a verdict on a stranger's file must be the same everywhere. */

static gboolean
starts_with (const guint8 *data,
             gsize         size,
             const char   *signature,
             gsize         length)
{
  return size >= length && memcmp (data, signature, length) == 0;
}

static gsize
skip_white_space (const guint8 *data,
                  gsize         size,
                  gsize         i)
{
  while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return i;
}

static gboolean
is_json_text (const guint8 *data,
              gsize         size)
{
  gsize i = 0;

  if (starts_with (data, size, "\xEF\xBB\xBF", 3))
    i = 3;
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data + i, size - i, NULL))
    return FALSE;
  i = skip_white_space (data, size, i);
  if (i >= size || (data[i] != '{' && data[i] != '['))
    return FALSE;
  /* What may follow the opening bracket, so that "[Desktop Entry]" is not
   * taken for an array. */
  i = skip_white_space (data, size, i + 1);
  return i < size && strchr ("{[\"-0123456789tfn]}", data[i]) != NULL;
}

/* Public API */

gboolean
sb_media_type_matches (const char   *media_type,
                       const guint8 *data,
                       gsize         size)
{
  g_return_val_if_fail (media_type != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (g_str_equal (media_type, "application/pdf"))
    return starts_with (data, size, "%PDF-", 5);
  if (g_str_equal (media_type, "image/png"))
    return starts_with (data, size, "\x89PNG\r\n\x1a\n", 8);
  if (g_str_equal (media_type, "image/jpeg"))
    return starts_with (data, size, "\xFF\xD8\xFF", 3);
  if (g_str_equal (media_type, "application/zip") || g_str_equal (media_type, "application/ofd"))
    return starts_with (data, size, "PK\x03\x04", 4) || starts_with (data, size, "PK\x05\x06", 4);
  if (g_str_equal (media_type, "application/json") || g_str_equal (media_type, "application/geo+json"))
    return is_json_text (data, size);
  return FALSE;
}

gboolean
sb_media_name_is_executable (const char *name)
{
  static const char * const endings[] = {
    ".desktop", ".directory", ".sh", ".bash", ".zsh", ".csh", ".fish", ".command", ".run", ".bin",
    ".appimage", ".flatpak", ".flatpakref", ".flatpakrepo", ".deb", ".rpm", ".snap", ".jar",
    ".py", ".pyc", ".pl", ".rb", ".php", ".js", ".mjs", ".jse", ".vbs", ".vbe", ".wsf", ".wsh",
    ".ps1", ".psm1", ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl",
    ".dll", ".so", ".lnk", ".url", ".hta", ".reg", ".inf", ".apk", ".dmg", ".pkg", ".app",
    ".elf", ".ko", ".service", ".timer", ".mount",
  };
  g_autofree char *folded = NULL;
  const char *extension;
  gsize end, dot;
  gboolean plain = TRUE;

  g_return_val_if_fail (name != NULL, FALSE);

  /* Most names end in a plain ASCII extension: that is compared without
   * folding the whole name (a packet names hundreds of files, and each
   * name is checked three times).  Folding never makes or removes a dot
   * or a space, so the extension found here is the one found below; an
   * extension with other bytes, or with an "I" (folded to a dotless ı in
   * a Turkish locale), takes the general way. */
  end = strlen (name);
  while (end > 0 && g_ascii_isspace (name[end - 1]))
    end--;
  while (end > 0 && name[end - 1] == '.')
    end--;
  for (dot = end; dot > 0 && name[dot - 1] != '.'; dot--)
    if ((guchar) name[dot - 1] >= 0x80 || name[dot - 1] == 'I')
      plain = FALSE;
  if (dot == 0 && plain)
    return FALSE;
  if (plain)
    {
      char lowered[16];
      gsize length = end - (dot - 1);

      /* No ending is this long. */
      if (length >= sizeof lowered)
        return FALSE;
      for (gsize i = 0; i < length; i++)
        lowered[i] = g_ascii_tolower (name[dot - 1 + i]);
      lowered[length] = '\0';
      /* The letter after the dot first: most endings differ there. */
      for (gsize i = 0; i < G_N_ELEMENTS (endings); i++)
        if (endings[i][1] == lowered[1] && strcmp (lowered, endings[i]) == 0)
          return TRUE;
      return FALSE;
    }

  folded = g_utf8_strdown (name, -1);
  /* A trailing dot or space is dropped by some file systems and tools. */
  g_strchomp (folded);
  while (*folded && folded[strlen (folded) - 1] == '.')
    folded[strlen (folded) - 1] = '\0';

  /* Each ending holds one dot, its first character: the name ends with
   * one exactly when its last extension is one (compared once, not the
   * whole name 57 times; packets name hundreds of files). */
  extension = strrchr (folded, '.');
  if (extension == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (endings); i++)
    if (strcmp (extension, endings[i]) == 0)
      return TRUE;
  return FALSE;
}
