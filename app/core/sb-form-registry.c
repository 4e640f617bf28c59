/* sb-form-registry.c — the installed form definitions, by id and version
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-form-registry"

#include "config.h"

#include "sb-form-registry.h"

struct _SbFormRegistry
{
  GObject    parent_instance;

  GPtrArray *definitions;   /* SbFormDefinition*, sorted: id load order, newest version first */
  char      *dir;           /* of a registry loaded lazily, else NULL */
  GPtrArray *pending;       /* file names in @dir not loaded yet, sorted */
};

G_DEFINE_FINAL_TYPE (SbFormRegistry, sb_form_registry, G_TYPE_OBJECT)

/* Auxiliary functions */

/* Versions are dotted numbers ("2023.1"); compare them numerically so that
 * "2023.10" is newer than "2023.9". */
static int
compare_versions (const char *a,
                  const char *b)
{
  g_auto(GStrv) parts_a = g_strsplit (a, ".", -1);
  g_auto(GStrv) parts_b = g_strsplit (b, ".", -1);
  guint i;

  for (i = 0; parts_a[i] != NULL && parts_b[i] != NULL; i++)
    {
      guint64 na = g_ascii_strtoull (parts_a[i], NULL, 10);
      guint64 nb = g_ascii_strtoull (parts_b[i], NULL, 10);
      int cmp;

      if (na != nb)
        return na < nb ? -1 : 1;
      cmp = g_strcmp0 (parts_a[i], parts_b[i]);
      if (cmp != 0)
        return cmp;
    }

  if (parts_a[i] == NULL && parts_b[i] == NULL)
    return 0;
  return parts_a[i] == NULL ? -1 : 1;
}

static int
compare_file_names (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
insert_definition (SbFormRegistry   *self,
                   SbFormDefinition *definition)
{
  const char *id = sb_form_definition_get_id (definition);
  const char *version = sb_form_definition_get_version (definition);
  guint position = self->definitions->len;

  for (guint i = 0; i < self->definitions->len; i++)
    {
      SbFormDefinition *other = g_ptr_array_index (self->definitions, i);

      if (g_strcmp0 (sb_form_definition_get_id (other), id) != 0)
        continue;

      if (compare_versions (version, sb_form_definition_get_version (other)) > 0)
        {
          position = i;
          break;
        }
      position = i + 1;
    }

  g_ptr_array_insert (self->definitions, position, g_object_ref (definition));
}

/* GObject overrides */

static void
sb_form_registry_finalize (GObject *object)
{
  SbFormRegistry *self = (SbFormRegistry *) object;

  g_clear_pointer (&self->definitions, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->dir);

  G_OBJECT_CLASS (sb_form_registry_parent_class)->finalize (object);
}

static void
sb_form_registry_class_init (SbFormRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_form_registry_finalize;
}

static void
sb_form_registry_init (SbFormRegistry *self)
{
  self->definitions = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

const char *
sb_data_dir (void)
{
  const char *dir = g_getenv ("SHENBAO_DATA_DIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

static SbFormDefinition *
find_version (SbFormRegistry *self,
              const char     *id,
              const char     *version)
{
  for (guint i = 0; i < self->definitions->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (self->definitions, i);

      if (g_strcmp0 (sb_form_definition_get_id (definition), id) == 0 &&
          g_strcmp0 (sb_form_definition_get_version (definition), version) == 0)
        return definition;
    }
  return NULL;
}

static void
load_file (SbFormRegistry *self,
           const char     *dir,
           const char     *name,
           GPtrArray      *errors)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbFormDefinition) definition = NULL;
  g_autoptr(GError) load_error = NULL;

  definition = sb_form_definition_new_from_file (file, &load_error);
  if (definition == NULL)
    {
      if (errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&load_error));
      else
        g_warning ("%s", load_error->message);
      return;
    }

  if (find_version (self, sb_form_definition_get_id (definition), sb_form_definition_get_version (definition)) != NULL)
    {
      GError *twice = g_error_new (SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_INVALID,
                                   "%s: form %s version %s is defined twice; ignored",
                                   path, sb_form_definition_get_id (definition),
                                   sb_form_definition_get_version (definition));

      if (errors != NULL)
        g_ptr_array_add (errors, twice);
      else
        {
          g_warning ("%s", twice->message);
          g_error_free (twice);
        }
      return;
    }

  insert_definition (self, definition);
}

/* The *.json directly in @dir, sorted: directory order is arbitrary, load
 * order must not be. */
static GPtrArray *
list_definitions (const char *dir,
                  GPtrArray  *errors)
{
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  gdir = g_dir_open (dir, 0, &error);
  if (gdir == NULL)
    {
      if (errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&error));
      else
        g_warning ("%s", error->message);
      return names;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_file_names);
  return names;
}

/* Of a lazy registry, loads the files named for @id ("<id>.json",
 * "<id>-2025.json"), or every file left when @id is NULL. */
static void
load_pending (SbFormRegistry *self,
              const char     *id)
{
  g_autofree char *prefix = id != NULL ? g_strconcat (id, "-", NULL) : NULL;
  g_autofree char *exact = id != NULL ? g_strconcat (id, ".json", NULL) : NULL;

  for (guint i = 0; i < self->pending->len;)
    {
      const char *name = g_ptr_array_index (self->pending, i);

      if (id != NULL && g_strcmp0 (name, exact) != 0 && !g_str_has_prefix (name, prefix))
        {
          i++;
          continue;
        }
      load_file (self, self->dir, name, NULL);
      g_ptr_array_remove_index (self->pending, i);
    }
}

/**
 * sb_form_registry_new_from_directory:
 * @errors: (nullable): receives a GError for each definition that failed
 *
 * Loads every `*.json` directly in @dir.  A broken definition does not stop
 * the others from loading: it is reported and left out.
 */
SbFormRegistry *
sb_form_registry_new_from_directory (const char *dir,
                                     GPtrArray  *errors)
{
  g_autoptr(SbFormRegistry) self = g_object_new (SB_TYPE_FORM_REGISTRY, NULL);
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  names = list_definitions (dir, errors);
  for (guint i = 0; i < names->len; i++)
    load_file (self, dir, g_ptr_array_index (names, i), errors);

  return g_steal_pointer (&self);
}

/**
 * sb_form_registry_new_lazily:
 *
 * A registry of the `*.json` in @dir that loads a definition when it is
 * first asked for: loading and compiling a definition is most of a
 * command's start-up, and a command that opens one packet needs one.
 * sb_form_registry_lookup_version() loads the files named for the id
 * first, and every other file only if the version is not among them;
 * sb_form_registry_lookup() and sb_form_registry_get_all() load them all.
 * A broken definition is logged when it is loaded.
 */
SbFormRegistry *
sb_form_registry_new_lazily (const char *dir)
{
  SbFormRegistry *self = g_object_new (SB_TYPE_FORM_REGISTRY, NULL);

  g_return_val_if_fail (dir != NULL, NULL);

  self->dir = g_strdup (dir);
  g_ptr_array_unref (self->pending);
  self->pending = list_definitions (dir, NULL);
  return self;
}

SbFormRegistry *
sb_form_registry_get_default (void)
{
  static SbFormRegistry *registry;

  /* Loaded once for the process; broken definitions are logged. */
  if (g_once_init_enter (&registry))
    {
      g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);

      g_once_init_leave (&registry, sb_form_registry_new_from_directory (dir, NULL));
    }

  return registry;
}

GPtrArray *
sb_form_registry_get_all (SbFormRegistry *self)
{
  g_return_val_if_fail (SB_IS_FORM_REGISTRY (self), NULL);

  load_pending (self, NULL);
  return self->definitions;
}

SbFormDefinition *
sb_form_registry_lookup (SbFormRegistry *self,
                         const char     *id,
                         gint32          julian_day)
{
  SbFormDefinition *newest = NULL;

  g_return_val_if_fail (SB_IS_FORM_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* Any file may hold a newer version of @id. */
  load_pending (self, NULL);
  for (guint i = 0; i < self->definitions->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (self->definitions, i);
      const SbRegulation *regulation;

      if (g_strcmp0 (sb_form_definition_get_id (definition), id) != 0)
        continue;

      if (newest == NULL)
        newest = definition;
      if (julian_day == 0)
        return definition;

      /* The newest version whose regulation had started by that day: an
       * expired one still judges (and warns about) late applications. */
      regulation = sb_form_definition_get_regulation (definition);
      if (julian_day >= regulation->effective_from)
        return definition;
    }

  return newest;
}

SbFormDefinition *
sb_form_registry_lookup_version (SbFormRegistry *self,
                                 const char     *id,
                                 const char     *version)
{
  SbFormDefinition *definition;

  g_return_val_if_fail (SB_IS_FORM_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  definition = find_version (self, id, version);
  if (definition == NULL && self->pending->len > 0)
    {
      load_pending (self, id);
      definition = find_version (self, id, version);
    }
  if (definition == NULL && self->pending->len > 0)
    {
      load_pending (self, NULL);
      definition = find_version (self, id, version);
    }
  return definition;
}
