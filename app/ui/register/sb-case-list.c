/* sb-case-list.c — the register page's cases as a list model
 *
 * A GListModel over one array, replaced whole each time the register is
 * read.  GListStore inserts item by item into its sequence; over 100,000
 * cases that was most of what the main thread did when a list came back
 * (tests/bench/bench-register-page).  Here a new list is one swap and one
 * items-changed.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-case-list"

#include "config.h"

#include "sb-case-item.h"
#include "sb-case-list.h"

struct _SbCaseList
{
  GObject    parent_instance;

  GPtrArray *items;   /* SbCaseItem* */
};

static void sb_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbCaseList, sb_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sb_case_list_model_init))

static GType
sb_case_list_get_item_type (GListModel *model)
{
  return SB_TYPE_CASE_ITEM;
}

static guint
sb_case_list_get_n_items (GListModel *model)
{
  return SB_CASE_LIST (model)->items->len;
}

static gpointer
sb_case_list_get_item (GListModel *model,
                       guint       position)
{
  SbCaseList *self = SB_CASE_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
sb_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_case_list_get_item_type;
  iface->get_n_items = sb_case_list_get_n_items;
  iface->get_item = sb_case_list_get_item;
}

static void
sb_case_list_finalize (GObject *object)
{
  g_clear_pointer (&SB_CASE_LIST (object)->items, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_case_list_parent_class)->finalize (object);
}

static void
sb_case_list_class_init (SbCaseListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_case_list_finalize;
}

static void
sb_case_list_init (SbCaseList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

SbCaseList *
sb_case_list_new (void)
{
  return g_object_new (SB_TYPE_CASE_LIST, NULL);
}

GPtrArray *
sb_case_list_replace (SbCaseList *self,
                      GPtrArray  *items)
{
  GPtrArray *old;

  g_return_val_if_fail (SB_IS_CASE_LIST (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  old = g_steal_pointer (&self->items);
  self->items = items;
  if (old->len > 0 || items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, items->len);
  return old;
}
