/* sb-calendar.c — the working-day calendar (data/calendar/)
 *
 * Working days are Monday to Friday, less the public holidays the State
 * Council's General Office announces each year, plus the weekend days it
 * declares worked (调休).  One file per year; the calendar only answers for
 * the years it has, and says so otherwise rather than guess.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-calendar.h"
#include "sb-date.h"
#include "sb-json-reader.h"

#define MAX_CALENDAR_FILE (1024 * 1024)

struct _SbCalendar
{
  GObject     parent_instance;

  int         first_year;
  int         last_year;
  GHashTable *days_off;       /* Julian day -> holiday name */
  GHashTable *working_days;   /* Julian day -> holiday name (调休) */
};

G_DEFINE_FINAL_TYPE (SbCalendar, sb_calendar, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-calendar-error-quark, sb_calendar_error)

/* Auxiliary functions */

static gboolean
not_covered (SbCalendar  *self,
             gint32       julian_day,
             GError     **error)
{
  g_autofree char *date = sb_date_to_string (julian_day);

  g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_NOT_COVERED,
               _("the working-day calendar covers %d to %d; %s is outside it"), self->first_year, self->last_year, date);
  return FALSE;
}

static gboolean
read_dates (JsonObject   *holiday,
            const char   *key,
            const char   *path,
            const char   *name,
            int           year,
            GHashTable   *into,
            GHashTable   *other,
            gboolean      weekend_only,
            GError      **error)
{
  JsonNode *node = json_object_get_member (holiday, key);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Translators: a file, then a JSON path and member, as in
       * 2025.json: $.holidays[0].days_off */
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s.%s: expected a list of dates"), path, key);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      gint32 day;
      int y, m, d;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !sb_date_parse (json_node_get_string (item), &day))
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s.%s[%u]: not a date"), path, key, i);
          return FALSE;
        }

      sb_date_to_ymd (day, &y, &m, &d);
      if (y != year)
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s.%s[%u]: %s is not in %d"),
                       path, key, i, json_node_get_string (item), year);
          return FALSE;
        }
      if (weekend_only && sb_date_weekday (day) < 6)
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID,
                       _("%s.%s[%u]: %s is a weekday; only weekend days can be declared worked"),
                       path, key, i, json_node_get_string (item));
          return FALSE;
        }
      if (g_hash_table_contains (other, GINT_TO_POINTER (day)) || g_hash_table_contains (into, GINT_TO_POINTER (day)))
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s.%s[%u]: %s is listed twice"),
                       path, key, i, json_node_get_string (item));
          return FALSE;
        }

      g_hash_table_insert (into, GINT_TO_POINTER (day), g_strdup (name));
    }

  return TRUE;
}

static gboolean
load_year (SbCalendar  *self,
           const char  *path,
           int         *year_out,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *year_node;
  JsonArray *holidays;
  gsize length;
  int year;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  root = sb_json_parse_untrusted (contents, length, MAX_CALENDAR_FILE, 8, &local_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (local_error != NULL)
        g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, "%s: %s", path, local_error->message);
      else
        g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: expected an object"), path);
      return FALSE;
    }

  object = json_node_get_object (root);
  year_node = json_object_get_member (object, "year");
  if (year_node == NULL || !JSON_NODE_HOLDS_VALUE (year_node) || json_node_get_value_type (year_node) != G_TYPE_INT64 ||
      json_node_get_int (year_node) < 1000 || json_node_get_int (year_node) > 9999)
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: $.year is missing"), path);
      return FALSE;
    }
  year = json_node_get_int (year_node);

  if (!json_object_has_member (object, "holidays") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "holidays")))
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: $.holidays is missing"), path);
      return FALSE;
    }

  holidays = json_object_get_array_member (object, "holidays");
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      JsonNode *node = json_array_get_element (holidays, i);
      g_autofree char *item_path = g_strdup_printf ("%s: $.holidays[%u]", path, i);
      JsonObject *holiday;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: expected an object"), item_path);
          return FALSE;
        }
      holiday = json_node_get_object (node);
      name = json_object_has_member (holiday, "name") ? json_object_get_string_member (holiday, "name") : NULL;
      if (name == NULL || *name == '\0')
        {
          g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: the holiday has no name"), item_path);
          return FALSE;
        }

      if (!read_dates (holiday, "days_off", item_path, name, year, self->days_off, self->working_days, FALSE, error) ||
          !read_dates (holiday, "working_days", item_path, name, year, self->working_days, self->days_off, TRUE, error))
        return FALSE;
    }

  *year_out = year;
  return TRUE;
}

static gboolean
is_working_day_unchecked (SbCalendar *self,
                          gint32      day)
{
  if (g_hash_table_contains (self->days_off, GINT_TO_POINTER (day)))
    return FALSE;
  if (g_hash_table_contains (self->working_days, GINT_TO_POINTER (day)))
    return TRUE;
  return sb_date_weekday (day) <= 5;
}

/* GObject overrides */

static void
sb_calendar_finalize (GObject *object)
{
  SbCalendar *self = (SbCalendar *) object;

  g_clear_pointer (&self->days_off, g_hash_table_unref);
  g_clear_pointer (&self->working_days, g_hash_table_unref);

  G_OBJECT_CLASS (sb_calendar_parent_class)->finalize (object);
}

static void
sb_calendar_class_init (SbCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_calendar_finalize;
}

static void
sb_calendar_init (SbCalendar *self)
{
  self->days_off = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->working_days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/* Public API */

SbCalendar *
sb_calendar_new_from_directory (const char  *dir,
                                GError     **error)
{
  g_autoptr(SbCalendar) self = g_object_new (SB_TYPE_CALENDAR, NULL);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("no calendar data: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = NULL;
      int year;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (!load_year (self, path, &year, error))
        return NULL;
      for (guint i = 0; i < years->len; i++)
        if (g_array_index (years, int, i) == year)
          {
            g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("%s: the year %d is defined twice"), path, year);
            return NULL;
          }
      g_array_append_val (years, year);
    }

  if (years->len == 0)
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID, _("no calendar data in %s"), dir);
      return NULL;
    }

  self->first_year = G_MAXINT;
  self->last_year = G_MININT;
  for (guint i = 0; i < years->len; i++)
    {
      self->first_year = MIN (self->first_year, g_array_index (years, int, i));
      self->last_year = MAX (self->last_year, g_array_index (years, int, i));
    }

  /* A gap would make the years around it look covered when they are not. */
  if ((guint) (self->last_year - self->first_year + 1) != years->len)
    {
      g_set_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID,
                   _("the calendar years in %s are not contiguous (%d to %d with gaps)"), dir,
                   self->first_year, self->last_year);
      return NULL;
    }

  return g_steal_pointer (&self);
}

SbCalendar *
sb_calendar_get_default (GError **error)
{
  static SbCalendar *calendar;
  static GError *load_error;

  if (g_once_init_enter (&calendar))
    {
      const char *data_dir = g_getenv ("SHENBAO_DATA_DIR");
      g_autofree char *dir = g_build_filename (data_dir && *data_dir ? data_dir : PKGDATADIR, "calendar", NULL);
      SbCalendar *loaded = sb_calendar_new_from_directory (dir, &load_error);

      /* A calendar that fails to load fails once; the error is kept. */
      g_once_init_leave (&calendar, loaded ? loaded : GINT_TO_POINTER (1));
    }

  if (calendar == GINT_TO_POINTER (1))
    {
      if (error != NULL)
        *error = g_error_copy (load_error);
      return NULL;
    }
  return calendar;
}

gboolean
sb_calendar_covers (SbCalendar *self,
                    gint32      julian_day)
{
  int year, month, day;

  g_return_val_if_fail (SB_IS_CALENDAR (self), FALSE);

  sb_date_to_ymd (julian_day, &year, &month, &day);
  return year >= self->first_year && year <= self->last_year;
}

void
sb_calendar_get_range (SbCalendar *self,
                       int        *first_year,
                       int        *last_year)
{
  g_return_if_fail (SB_IS_CALENDAR (self));

  if (first_year != NULL)
    *first_year = self->first_year;
  if (last_year != NULL)
    *last_year = self->last_year;
}

gboolean
sb_calendar_is_working_day (SbCalendar  *self,
                            gint32       julian_day,
                            gboolean    *is_working_day,
                            GError     **error)
{
  g_return_val_if_fail (SB_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (is_working_day != NULL, FALSE);

  if (!sb_calendar_covers (self, julian_day))
    return not_covered (self, julian_day, error);

  *is_working_day = is_working_day_unchecked (self, julian_day);
  return TRUE;
}

gboolean
sb_calendar_add_working_days (SbCalendar  *self,
                              gint32       start,
                              int          n,
                              gint32      *result,
                              GError     **error)
{
  gint32 day = start;

  g_return_val_if_fail (SB_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (n >= 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  /* The start day does not count; the next working day is day 1. */
  for (int counted = 0; counted < n;)
    {
      day++;
      if (!sb_calendar_covers (self, day))
        return not_covered (self, day, error);
      if (is_working_day_unchecked (self, day))
        counted++;
    }

  *result = day;
  return TRUE;
}

gboolean
sb_calendar_working_days_between (SbCalendar  *self,
                                  gint32       from,
                                  gint32       to,
                                  int         *count,
                                  GError     **error)
{
  int n = 0;

  g_return_val_if_fail (SB_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  for (gint32 day = from + 1; day <= to; day++)
    {
      if (!sb_calendar_covers (self, day))
        return not_covered (self, day, error);
      if (is_working_day_unchecked (self, day))
        n++;
    }

  *count = n;
  return TRUE;
}

const char *
sb_calendar_get_day_label (SbCalendar *self,
                           gint32      julian_day)
{
  const char *name;

  g_return_val_if_fail (SB_IS_CALENDAR (self), NULL);

  name = g_hash_table_lookup (self->days_off, GINT_TO_POINTER (julian_day));
  if (name != NULL && sb_date_weekday (julian_day) <= 5)
    return name;
  return g_hash_table_lookup (self->working_days, GINT_TO_POINTER (julian_day));
}
