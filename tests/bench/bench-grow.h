/* bench-grow.h — a fixture's table grown for the benchmarks
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

/* Grows @table of @answers to @rows rows with copies of its rows in turn
 * (the 1,000-row roster of the benchmarks from the fixture's 25). */
static inline void
bench_grow_table (JsonObject *answers,
                  const char *table,
                  guint       rows)
{
  JsonArray *array = json_object_get_array_member (answers, table);
  guint original = json_array_get_length (array);

  g_assert (original > 0);
  for (guint i = original; i < rows; i++)
    json_array_add_element (array, json_node_copy (json_array_get_element (array, i % original)));
}
