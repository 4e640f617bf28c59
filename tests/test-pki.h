/* test-pki.h — the test certificates of tests/scripts/make-test-pki.py,
 * in a temporary folder of their own, for the C tests that sign
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <locale.h>
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

static inline void
test_pki_skipped (gconstpointer reason)
{
  g_test_skip (reason);
}

/* The set-up of a test program whose first argument is make-test-pki.py:
 * the locale, g_test_init() and the PKI (with the token when @token).
 * Its folder, or NULL when a program the script needs is missing: then
 * only @skip_path is added, saying so, for main to run. */
static inline char *
test_pki_init (int         *argc,
               char      ***argv,
               gboolean     token,
               const char  *skip_path)
{
  char *why_not = NULL;
  gboolean missing = FALSE;
  char *dir;

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  if (*argc < 2)
    g_error ("usage: %s MAKE-TEST-PKI.PY", (*argv)[0]);
  dir = test_pki_make ((*argv)[1], token, &missing, &why_not);
  if (dir == NULL)
    {
      if (!missing)
        g_error ("make-test-pki.py: %s", why_not);
      /* Kept for the test run: the reason is its message. */
      g_test_add_data_func_full (skip_path, why_not, test_pki_skipped, g_free);
    }
  return dir;
}
