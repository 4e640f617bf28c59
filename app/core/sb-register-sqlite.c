/* sb-register-sqlite.c — the register in a SQLite file (the default)
 *
 * WAL mode, so the application reading the list and shenbao-tool adding
 * packets do not block each other; a writer waits up to five seconds for
 * another.  The history and the notices are append-only by triggers:
 * SQLite has no roles, so whoever can write the file could drop them —
 * an office that needs more shares a PostgreSQL register.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sb-register-private.h"

#define SB_TYPE_REGISTER_SQLITE (sb_register_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (SbRegisterSqlite, sb_register_sqlite, SB, REGISTER_SQLITE, SbRegister)

struct _SbRegisterSqlite
{
  SbRegister  parent_instance;
  sqlite3    *db;
};

G_DEFINE_FINAL_TYPE (SbRegisterSqlite, sb_register_sqlite, SB_TYPE_REGISTER)

/* Version 1: cases (one per reference) and their history. */
static const char migration_1[] =
  "CREATE TABLE schema_version (version INTEGER NOT NULL);"
  "INSERT INTO schema_version VALUES (0);"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL,"
  "  form_id TEXT NOT NULL,"
  "  form_version TEXT NOT NULL,"
  "  applicant TEXT NOT NULL DEFAULT '',"
  "  applicant_code TEXT NOT NULL DEFAULT '',"
  "  packet_hash TEXT NOT NULL UNIQUE,"
  "  packet_path TEXT,"
  "  verified INTEGER NOT NULL,"
  "  problem TEXT,"
  "  submitted TEXT,"
  "  received TEXT NOT NULL,"
  "  accepted TEXT,"
  "  status TEXT NOT NULL,"
  "  reviewer TEXT,"
  "  next_deadline TEXT,"
  "  next_deadline_id TEXT,"
  "  review_path TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL);"
  "CREATE UNIQUE INDEX cases_reference ON cases (reference);"
  "CREATE TABLE case_history ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  at TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  from_status TEXT,"
  "  to_status TEXT NOT NULL,"
  "  event TEXT,"
  "  event_day TEXT,"
  "  why TEXT NOT NULL);"
  "CREATE INDEX case_history_case ON case_history (case_id, id);"
  "CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history"
  "  BEGIN SELECT RAISE (ABORT, 'the case history is append-only: a change cannot be altered'); END;"
  "CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history"
  "  BEGIN SELECT RAISE (ABORT, 'the case history is append-only: a change cannot be deleted'); END;";

/* Version 2: rounds of a reference (resubmissions), the one-time
 * notices, and the indexes the list's filters and order use. */
static const char migration_2[] =
  "ALTER TABLE cases ADD COLUMN round INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE cases ADD COLUMN previous_id INTEGER REFERENCES cases (id);"
  "ALTER TABLE cases ADD COLUMN latest INTEGER NOT NULL DEFAULT 1;"
  "DROP INDEX cases_reference;"
  "CREATE UNIQUE INDEX cases_reference_round ON cases (reference, round);"
  /* The list's order (sb_register_list: next deadline first, none last)
   * as the indexes hold it, so a page or a status reads in order. */
  "CREATE INDEX cases_by_deadline ON cases (latest, (next_deadline IS NULL), next_deadline, id);"
  "CREATE INDEX cases_by_status ON cases (latest, status, (next_deadline IS NULL), next_deadline, id);"
  "CREATE INDEX cases_form ON cases (form_id);"
  "CREATE INDEX cases_reviewer ON cases (reviewer);"
  "CREATE INDEX cases_received ON cases (received);"
  "CREATE TABLE notices ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  number TEXT NOT NULL UNIQUE,"
  "  sent TEXT NOT NULL,"
  "  correction_days INTEGER NOT NULL CHECK (correction_days > 0),"
  "  office TEXT NOT NULL,"
  "  contact TEXT NOT NULL,"
  "  corrections TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL);"
  "CREATE INDEX notices_case ON notices (case_id);"
  "CREATE TRIGGER notices_no_update BEFORE UPDATE ON notices"
  "  BEGIN SELECT RAISE (ABORT, 'a notice sent cannot be altered'); END;"
  "CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices"
  "  BEGIN SELECT RAISE (ABORT, 'a notice sent cannot be deleted'); END;";

/* Version 3: the on-site inspections' results (核验通过 / 不通过, the
 * 现场说明, the day and the inspector), each with the history row of
 * the move out of 实地核验 it was recorded with; append-only as the
 * history is. */
static const char migration_3[] =
  "CREATE TABLE inspections ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  history_id INTEGER NOT NULL UNIQUE REFERENCES case_history (id),"
  "  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),"
  "  findings TEXT,"
  "  inspected TEXT NOT NULL,"
  "  inspector TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  CHECK (passed = 1 OR trim (coalesce (findings, '')) <> ''));"
  "CREATE INDEX inspections_case ON inspections (case_id, id);"
  "CREATE TRIGGER inspections_no_update BEFORE UPDATE ON inspections"
  "  BEGIN SELECT RAISE (ABORT, 'the result of an inspection cannot be altered'); END;"
  "CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections"
  "  BEGIN SELECT RAISE (ABORT, 'the result of an inspection cannot be deleted'); END;";

/* Version 4: the PDF of each one-time notice as issued, and each
 * version the office signed (base64 text, as every value the shared SQL
 * passes is text); append-only as the notices are. */
static const char migration_4[] =
  "CREATE TABLE notice_documents ("
  "  id INTEGER PRIMARY KEY,"
  "  notice_id INTEGER NOT NULL REFERENCES notices (id),"
  "  sha256 TEXT NOT NULL,"
  "  size INTEGER NOT NULL CHECK (size > 0),"
  "  pdf TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  UNIQUE (notice_id, sha256));"
  "CREATE INDEX notice_documents_notice ON notice_documents (notice_id, id);"
  "CREATE TRIGGER notice_documents_no_update BEFORE UPDATE ON notice_documents"
  "  BEGIN SELECT RAISE (ABORT, 'a notice''s document cannot be altered'); END;"
  "CREATE TRIGGER notice_documents_no_delete BEFORE DELETE ON notice_documents"
  "  BEGIN SELECT RAISE (ABORT, 'a notice''s document cannot be deleted'); END;";

static const char * const migrations[] = { migration_1, migration_2, migration_3, migration_4 };

static void
set_error (SbRegisterSqlite  *self,
           GError           **error)
{
  g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (self->db));
}

/* The shared SQL numbers its parameters $1, $2…; SQLite's ?NNN binds
 * exactly the NNN-th, wherever and however often it appears. */
static sqlite3_stmt *
prepare (SbRegisterSqlite    *self,
         const char          *sql,
         const char * const  *params,
         guint                n_params,
         GError             **error)
{
  g_autofree char *text = g_strdup (sql);
  sqlite3_stmt *statement = NULL;

  for (char *p = text; *p != '\0'; p++)
    if (*p == '$' && g_ascii_isdigit (p[1]))
      *p = '?';

  if (sqlite3_prepare_v2 (self->db, text, -1, &statement, NULL) != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < n_params; i++)
    {
      int rc = params[i] != NULL ? sqlite3_bind_text (statement, i + 1, params[i], -1, SQLITE_TRANSIENT)
                                 : sqlite3_bind_null (statement, i + 1);

      if (rc != SQLITE_OK)
        {
          set_error (self, error);
          sqlite3_finalize (statement);
          return NULL;
        }
    }
  return statement;
}

static gboolean
sqlite_exec (SbRegister          *register_,
             const char          *sql,
             const char * const  *params,
             guint                n_params,
             gint64              *changed,
             GError             **error)
{
  SbRegisterSqlite *self = SB_REGISTER_SQLITE (register_);
  sqlite3_stmt *statement = prepare (self, sql, params, n_params, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      sqlite3_finalize (statement);
      return FALSE;
    }
  sqlite3_finalize (statement);
  if (changed != NULL)
    *changed = sqlite3_changes64 (self->db);
  return TRUE;
}

static GPtrArray *
sqlite_query (SbRegister          *register_,
              const char          *sql,
              const char * const  *params,
              guint                n_params,
              GError             **error)
{
  SbRegisterSqlite *self = SB_REGISTER_SQLITE (register_);
  sqlite3_stmt *statement = prepare (self, sql, params, n_params, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (statement == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      int n_columns = sqlite3_column_count (statement);
      GPtrArray *row = g_ptr_array_new_full (n_columns, g_free);

      for (int i = 0; i < n_columns; i++)
        g_ptr_array_add (row, g_strdup ((const char *) sqlite3_column_text (statement, i)));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      sqlite3_finalize (statement);
      return NULL;
    }
  sqlite3_finalize (statement);
  return g_steal_pointer (&rows);
}

static gboolean
sqlite_exec_script (SbRegister  *register_,
                    const char  *script,
                    GError     **error)
{
  SbRegisterSqlite *self = SB_REGISTER_SQLITE (register_);
  char *message = NULL;

  if (sqlite3_exec (self->db, script, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_FAILED, "SQLite: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
sb_register_sqlite_finalize (GObject *object)
{
  SbRegisterSqlite *self = SB_REGISTER_SQLITE (object);

  sqlite3_close (self->db);
  G_OBJECT_CLASS (sb_register_sqlite_parent_class)->finalize (object);
}

static void
sb_register_sqlite_class_init (SbRegisterSqliteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SbRegisterClass *register_class = SB_REGISTER_CLASS (klass);

  object_class->finalize = sb_register_sqlite_finalize;
  register_class->exec = sqlite_exec;
  register_class->query = sqlite_query;
  register_class->exec_script = sqlite_exec_script;
  register_class->begin_sql = "BEGIN IMMEDIATE";
  register_class->migration_lock_sql = NULL;
  register_class->has_schema_sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
  register_class->migrations = migrations;
  register_class->n_migrations = G_N_ELEMENTS (migrations);
}

static void
sb_register_sqlite_init (SbRegisterSqlite *self)
{
}

SbRegister *
sb_register_sqlite_new (const char  *path,
                        GError     **error)
{
  g_autoptr(SbRegisterSqlite) self = g_object_new (SB_TYPE_REGISTER_SQLITE, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *description = g_strdup_printf ("SQLite %s", path);
  int rc;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE, _("Cannot make the folder %s: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE, _("Cannot open the register %s: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sb_register_set_description (SB_REGISTER (self), description);

  /* WAL: readers never wait for the writer; foreign keys hold rounds and
   * history to their cases. */
  if (!sqlite_exec_script (SB_REGISTER (self), "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                                               "PRAGMA synchronous = FULL;", error))
    {
      g_prefix_error (error, _("Cannot open the register %s: "), path);
      if (error != NULL && *error != NULL)
        (*error)->code = SB_REGISTER_ERROR_UNREACHABLE;
      return NULL;
    }
  return SB_REGISTER (g_steal_pointer (&self));
}
