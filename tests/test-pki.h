/* test-pki.h — the test certificates of tests/scripts/make-test-pki.py,
 * in a temporary folder of their own, for the C tests that sign
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

static inline void
test_pki_remove (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_pki_remove (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* A new folder with the CA, the certificates and (@token) the SoftHSM2
 * token that @script makes; NULL, with what it said in *@why_not, when it
 * could not make them (exit 77 when a program it needs is missing, in
 * *@missing). */
static inline char *
test_pki_make (const char  *script,
               gboolean     token,
               gboolean    *missing,
               char       **why_not)
{
  g_autofree char *dir = g_dir_make_tmp ("shenbao-pki-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  const char *args[] = { "python3", script, dir, token ? "--token" : NULL, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (dir);
  *missing = FALSE;
  if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err, &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      *missing = WIFEXITED (status) && WEXITSTATUS (status) == 77;
      *why_not = g_strdup (g_strstrip (err));
      test_pki_remove (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}
