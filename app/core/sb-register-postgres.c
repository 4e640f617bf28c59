/* sb-register-postgres.c — the register an office shares on PostgreSQL
 *
 * The history and the notices are append-only twice over: triggers refuse
 * UPDATE, DELETE and TRUNCATE for everyone, and the application's role is
 * granted only SELECT and INSERT on them.  Migrations are run by the
 * database's owner (shenbao-tool register migrate, or the first open with
 * the owner's URL); they grant the application's privileges to the group
 * role shenbao_register_users when it exists, which reviewers' login
 * roles are members of.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "sb-register-private.h"

#define SB_TYPE_REGISTER_POSTGRES (sb_register_postgres_get_type ())
G_DECLARE_FINAL_TYPE (SbRegisterPostgres, sb_register_postgres, SB, REGISTER_POSTGRES, SbRegister)

struct _SbRegisterPostgres
{
  SbRegister  parent_instance;
  PGconn     *connection;
};

G_DEFINE_FINAL_TYPE (SbRegisterPostgres, sb_register_postgres, SB_TYPE_REGISTER)

static const char migration_1[] =
  "CREATE TABLE schema_version (version INTEGER NOT NULL);"
  "INSERT INTO schema_version VALUES (0);"
  "CREATE TABLE cases ("
  "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
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
  "  version BIGINT NOT NULL DEFAULT 1,"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL);"
  "CREATE UNIQUE INDEX cases_reference ON cases (reference);"
  "CREATE TABLE case_history ("
  "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  case_id BIGINT NOT NULL REFERENCES cases (id),"
  "  at TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  from_status TEXT,"
  "  to_status TEXT NOT NULL,"
  "  event TEXT,"
  "  event_day TEXT,"
  "  why TEXT NOT NULL);"
  "CREATE INDEX case_history_case ON case_history (case_id, id);"
  "CREATE FUNCTION shenbao_append_only () RETURNS trigger LANGUAGE plpgsql AS $$"
  "  BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$;"
  "CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history"
  "  FOR EACH ROW EXECUTE FUNCTION shenbao_append_only ();"
  "CREATE TRIGGER case_history_no_truncate BEFORE TRUNCATE ON case_history"
  "  FOR EACH STATEMENT EXECUTE FUNCTION shenbao_append_only ();"
  "REVOKE ALL ON schema_version, cases, case_history FROM PUBLIC;"
  "DO $$ BEGIN"
  "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shenbao_register_users') THEN"
  "    GRANT SELECT ON schema_version TO shenbao_register_users;"
  "    GRANT SELECT, INSERT, UPDATE ON cases TO shenbao_register_users;"
  "    GRANT SELECT, INSERT ON case_history TO shenbao_register_users;"
  "  END IF;"
  "END $$;";

static const char migration_2[] =
  "ALTER TABLE cases ADD COLUMN round INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE cases ADD COLUMN previous_id BIGINT REFERENCES cases (id);"
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
  "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  case_id BIGINT NOT NULL REFERENCES cases (id),"
  "  number TEXT NOT NULL UNIQUE,"
  "  sent TEXT NOT NULL,"
  "  correction_days INTEGER NOT NULL CHECK (correction_days > 0),"
  "  office TEXT NOT NULL,"
  "  contact TEXT NOT NULL,"
  "  corrections TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL);"
  "CREATE INDEX notices_case ON notices (case_id);"
  "CREATE TRIGGER notices_append_only BEFORE UPDATE OR DELETE ON notices"
  "  FOR EACH ROW EXECUTE FUNCTION shenbao_append_only ();"
  "CREATE TRIGGER notices_no_truncate BEFORE TRUNCATE ON notices"
  "  FOR EACH STATEMENT EXECUTE FUNCTION shenbao_append_only ();"
  "REVOKE ALL ON notices FROM PUBLIC;"
  "DO $$ BEGIN"
  "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shenbao_register_users') THEN"
  "    GRANT SELECT, INSERT ON notices TO shenbao_register_users;"
  "  END IF;"
  "END $$;";

/* Version 3: the on-site inspections' results, with the history row of
 * the move out of 实地核验 each was recorded with; append-only as the
 * history and the notices are. */
static const char migration_3[] =
  "CREATE TABLE inspections ("
  "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  case_id BIGINT NOT NULL REFERENCES cases (id),"
  "  history_id BIGINT NOT NULL UNIQUE REFERENCES case_history (id),"
  "  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),"
  "  findings TEXT,"
  "  inspected TEXT NOT NULL,"
  "  inspector TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  CHECK (passed = 1 OR trim (coalesce (findings, '')) <> ''));"
  "CREATE INDEX inspections_case ON inspections (case_id, id);"
  "CREATE TRIGGER inspections_append_only BEFORE UPDATE OR DELETE ON inspections"
  "  FOR EACH ROW EXECUTE FUNCTION shenbao_append_only ();"
  "CREATE TRIGGER inspections_no_truncate BEFORE TRUNCATE ON inspections"
  "  FOR EACH STATEMENT EXECUTE FUNCTION shenbao_append_only ();"
  "REVOKE ALL ON inspections FROM PUBLIC;"
  "DO $$ BEGIN"
  "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shenbao_register_users') THEN"
  "    GRANT SELECT, INSERT ON inspections TO shenbao_register_users;"
  "  END IF;"
  "END $$;";

/* Version 4: the PDF of each one-time notice as issued, and each
 * version the office signed, so every machine of a shared register
 * shows the same document (base64 text, as every value here is text);
 * append-only as the notices are. */
static const char migration_4[] =
  "CREATE TABLE notice_documents ("
  "  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  notice_id BIGINT NOT NULL REFERENCES notices (id),"
  "  sha256 TEXT NOT NULL,"
  "  size BIGINT NOT NULL CHECK (size > 0),"
  "  pdf TEXT NOT NULL,"
  "  by_name TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  UNIQUE (notice_id, sha256));"
  "CREATE INDEX notice_documents_notice ON notice_documents (notice_id, id);"
  "CREATE TRIGGER notice_documents_append_only BEFORE UPDATE OR DELETE ON notice_documents"
  "  FOR EACH ROW EXECUTE FUNCTION shenbao_append_only ();"
  "CREATE TRIGGER notice_documents_no_truncate BEFORE TRUNCATE ON notice_documents"
  "  FOR EACH STATEMENT EXECUTE FUNCTION shenbao_append_only ();"
  "REVOKE ALL ON notice_documents FROM PUBLIC;"
  "DO $$ BEGIN"
  "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shenbao_register_users') THEN"
  "    GRANT SELECT, INSERT ON notice_documents TO shenbao_register_users;"
  "  END IF;"
  "END $$;";

static const char * const migrations[] = { migration_1, migration_2, migration_3, migration_4 };

static void
set_error (SbRegisterPostgres  *self,
           PGresult            *result,
           GError             **error)
{
  /* The primary message only: the full one spans lines (LINE 1: …). */
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *message = primary != NULL ? primary : PQerrorMessage (self->connection);
  g_autofree char *text = g_strstrip (g_strdup (message));
  int code = PQstatus (self->connection) == CONNECTION_OK ? SB_REGISTER_ERROR_FAILED : SB_REGISTER_ERROR_UNREACHABLE;

  g_set_error (error, SB_REGISTER_ERROR, code, "PostgreSQL: %s", text);
}

static PGresult *
run (SbRegisterPostgres  *self,
     const char          *sql,
     const char * const  *params,
     guint                n_params,
     GError             **error)
{
  PGresult *result = PQexecParams (self->connection, sql, n_params, NULL, (const char * const *) params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error (self, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

static gboolean
postgres_exec (SbRegister          *register_,
               const char          *sql,
               const char * const  *params,
               guint                n_params,
               gint64              *changed,
               GError             **error)
{
  PGresult *result = run (SB_REGISTER_POSTGRES (register_), sql, params, n_params, error);

  if (result == NULL)
    return FALSE;
  if (changed != NULL)
    *changed = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);
  return TRUE;
}

static GPtrArray *
postgres_query (SbRegister          *register_,
                const char          *sql,
                const char * const  *params,
                guint                n_params,
                GError             **error)
{
  PGresult *result = run (SB_REGISTER_POSTGRES (register_), sql, params, n_params, error);
  GPtrArray *rows;
  int n_rows, n_columns;

  if (result == NULL)
    return NULL;
  n_rows = PQntuples (result);
  n_columns = PQnfields (result);
  rows = g_ptr_array_new_full (n_rows, (GDestroyNotify) g_ptr_array_unref);
  for (int r = 0; r < n_rows; r++)
    {
      GPtrArray *row = g_ptr_array_new_full (n_columns, g_free);

      for (int c = 0; c < n_columns; c++)
        g_ptr_array_add (row, PQgetisnull (result, r, c) ? NULL : g_strdup (PQgetvalue (result, r, c)));
      g_ptr_array_add (rows, row);
    }
  PQclear (result);
  return rows;
}

static gboolean
postgres_exec_script (SbRegister  *register_,
                      const char  *script,
                      GError     **error)
{
  SbRegisterPostgres *self = SB_REGISTER_POSTGRES (register_);
  PGresult *result = PQexec (self->connection, script);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    set_error (self, result, error);
  PQclear (result);
  return ok;
}

/* Server notices (CREATE … IF NOT EXISTS and the like) are not for the
 * person at the terminal. */
static void
ignore_notice (void       *data,
               const char *message)
{
}

static void
sb_register_postgres_finalize (GObject *object)
{
  SbRegisterPostgres *self = SB_REGISTER_POSTGRES (object);

  g_clear_pointer (&self->connection, PQfinish);
  G_OBJECT_CLASS (sb_register_postgres_parent_class)->finalize (object);
}

static void
sb_register_postgres_class_init (SbRegisterPostgresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SbRegisterClass *register_class = SB_REGISTER_CLASS (klass);

  object_class->finalize = sb_register_postgres_finalize;
  register_class->exec = postgres_exec;
  register_class->query = postgres_query;
  register_class->exec_script = postgres_exec_script;
  register_class->begin_sql = "BEGIN";
  /* Any fixed key: the lock is held until the migration commits. */
  register_class->migration_lock_sql = "SELECT pg_advisory_xact_lock (7243189)";
  register_class->has_schema_sql = "SELECT CASE WHEN to_regclass ('schema_version') IS NULL THEN 0 ELSE 1 END";
  register_class->migrations = migrations;
  register_class->n_migrations = G_N_ELEMENTS (migrations);
}

static void
sb_register_postgres_init (SbRegisterPostgres *self)
{
}

SbRegister *
sb_register_postgres_new (const char  *url,
                          GError     **error)
{
  g_autoptr(SbRegisterPostgres) self = g_object_new (SB_TYPE_REGISTER_POSTGRES, NULL);
  g_autofree char *description = NULL;

  self->connection = PQconnectdb (url);
  if (PQstatus (self->connection) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (self->connection)));

      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE,
                   _("Cannot reach the register's database: %s"), message);
      return NULL;
    }
  PQsetNoticeProcessor (self->connection, ignore_notice, NULL);

  /* Never the password: the description is shown and printed. */
  description = g_strdup_printf ("PostgreSQL %s/%s as %s", PQhost (self->connection), PQdb (self->connection),
                                 PQuser (self->connection));
  sb_register_set_description (SB_REGISTER (self), description);
  return SB_REGISTER (g_steal_pointer (&self));
}
