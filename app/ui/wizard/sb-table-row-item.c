/* sb-table-row-item.c — one row of a table editor's list
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table-row-item"

#include "config.h"

#include "sb-table-row-item.h"

struct _SbTableRowItem
{
  GObject parent_instance;

  guint   index;
  guint   problem;
};

G_DEFINE_FINAL_TYPE (SbTableRowItem, sb_table_row_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_table_row_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbTableRowItem *self = SB_TABLE_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_uint (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_table_row_item_class_init (SbTableRowItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sb_table_row_item_get_property;

  properties[PROP_PROBLEM] = g_param_spec_uint ("problem", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_table_row_item_init (SbTableRowItem *self)
{
}

SbTableRowItem *
sb_table_row_item_new (guint index)
{
  SbTableRowItem *self = g_object_new (SB_TYPE_TABLE_ROW_ITEM, NULL);

  self->index = index;
  return self;
}

guint
sb_table_row_item_get_index (SbTableRowItem *self)
{
  g_return_val_if_fail (SB_IS_TABLE_ROW_ITEM (self), 0);

  return self->index;
}

guint
sb_table_row_item_get_problem (SbTableRowItem *self)
{
  g_return_val_if_fail (SB_IS_TABLE_ROW_ITEM (self), 0);

  return self->problem;
}

void
sb_table_row_item_set_problem (SbTableRowItem *self,
                               guint           problem)
{
  g_return_if_fail (SB_IS_TABLE_ROW_ITEM (self));

  if (self->problem == problem)
    return;
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}
