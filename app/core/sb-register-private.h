/* sb-register-private.h — what a backend of the register provides
 *
 * sb-register.c holds everything the two databases share: the workflow,
 * the clock, optimistic versioning and the SQL of every query, written
 * with $1, $2… parameters and all values as text (NULL allowed).  A
 * backend runs that SQL and gives its own schema migrations, as the two
 * differ in types, triggers and privileges.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-register.h"

G_BEGIN_DECLS

struct _SbRegisterClass
{
  GObjectClass parent_class;

  /* Runs one statement; *@changed (may be NULL) is the rows it changed. */
  gboolean     (*exec)        (SbRegister          *self,
                               const char          *sql,
                               const char * const  *params,
                               guint                n_params,
                               gint64              *changed,
                               GError             **error);
  /* Runs one query: GPtrArray of rows, each a GPtrArray of char* (NULL
   * for SQL NULL). */
  GPtrArray   *(*query)       (SbRegister          *self,
                               const char          *sql,
                               const char * const  *params,
                               guint                n_params,
                               GError             **error);
  /* Runs several statements without parameters (a migration). */
  gboolean     (*exec_script) (SbRegister          *self,
                               const char          *script,
                               GError             **error);

  /* The statement that opens a write transaction ("BEGIN IMMEDIATE" in
   * SQLite, so two writers wait for each other instead of failing). */
  const char   *begin_sql;
  /* Run inside the migration's transaction before the version is read
   * again, so two processes opening the register never both migrate. */
  const char   *migration_lock_sql;
  /* A query giving one row, one column: "1" when schema_version exists. */
  const char   *has_schema_sql;
  /* migrations[v - 1] takes the schema from version v - 1 to v. */
  const char * const *migrations;
  guint         n_migrations;
};

/* For backends: the register's description, set once when it opens. */
void         sb_register_set_description (SbRegister *self,
                                          const char *description);

/* For the migration test: opens without migrating beyond @version. */
SbRegister  *sb_register_open_at_version (const char      *url,
                                          SbFormRegistry  *forms,
                                          SbCalendar      *calendar,
                                          int              version,
                                          GError         **error);

/* The backends' constructors (they connect; sb-register.c migrates). */
SbRegister  *sb_register_sqlite_new      (const char  *path,
                                          GError     **error);
SbRegister  *sb_register_postgres_new    (const char  *url,
                                          GError     **error);

/* Rows of a query as sb-register.c reads them. */
const char  *sb_register_row_get         (GPtrArray  *row,
                                          guint       column);

G_END_DECLS
