/* sb-field-row.c — one question of a form, generated from its field
 *
 * The input follows the field's type: an entry for texts, numbers, ID
 * numbers, dates (with a calendar) and times; radio buttons for two or
 * three options and a drop-down for more; check buttons for several
 * options; 是/否 radio buttons with nothing chosen until the person
 * chooses (an unanswered yes/no is never false); a file list for
 * attachments.  Problems are shown under the input, each with a 依据
 * button that shows the clause it comes from.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-field-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-field-format.h"
#include "sb-input-normalize.h"
#include "sb-field-row-private.h"


G_DEFINE_FINAL_TYPE (SbFieldRow, sb_field_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  LEFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static gboolean
uses_radio_buttons (const SbField *field)
{
  if (field->widget != NULL)
    return g_str_equal (field->widget, "radio");
  return field->choices->len <= 3;
}

void
sb_field_row_emit_changed (SbFieldRow *self,
                           JsonNode   *value)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0, value);
}

void
sb_field_row_emit_left (SbFieldRow *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[LEFT], 0);
}

static void
on_entry_changed (GtkEditable *editable,
                  SbFieldRow  *self)
{
  g_autoptr(JsonNode) value = sb_field_format_parse_edit (self->field, gtk_editable_get_text (editable));

  sb_field_row_emit_changed (self, value);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   SbFieldRow    *self)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) value = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  value = sb_field_format_parse_edit (self->field, text);
  sb_field_row_emit_changed (self, value);
}

/* Once the person leaves an entry, what was read is shown as it will be
 * kept (３．２０亩 -> 3.20, 2025年4月1日 -> 2025-04-01); what could not be
 * read stays exactly as typed, for the message under it to explain. */
static void
show_normalised_text (SbFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *shown = NULL;
  const char *typed;

  if (self->input == NULL || !GTK_IS_EDITABLE (self->input))
    return;

  typed = gtk_editable_get_text (GTK_EDITABLE (self->input));
  if (!sb_field_parse_input (self->field, typed, &value, NULL) || value == NULL)
    return;

  shown = sb_field_format_edit (self->field, value);
  if (g_strcmp0 (shown, typed) != 0)
    {
      /* The value is the same: no "changed" for the answers to store. */
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->input), shown);
      self->updating = FALSE;
    }
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                SbFieldRow              *self)
{
  show_normalised_text (self);
  sb_field_row_emit_left (self);
}

static void
watch_focus (SbFieldRow *self,
             GtkWidget  *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

static void
on_day_selected (GtkCalendar *calendar,
                 SbFieldRow  *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (self->input), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  sb_field_row_emit_left (self);
}

static gboolean
is_pledge (const SbField *field)
{
  return field->type == SB_FIELD_BOOLEAN && g_strcmp0 (field->widget, "check") == 0;
}

static JsonNode *
buttons_value (SbFieldRow *self)
{
  /* A pledge is given (true) or not yet given: never a recorded "no". */
  if (is_pledge (self->field))
    {
      JsonNode *node;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->buttons, 0)))
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, TRUE);
      return node;
    }

  if (self->field->type == SB_FIELD_BOOLEAN)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
          {
            JsonNode *node = json_node_new (JSON_NODE_VALUE);

            json_node_set_boolean (node, i == 0);
            return node;
          }
      return NULL;
    }

  if (self->field->type == SB_FIELD_CHOICE)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
          {
            SbChoice *choice = g_ptr_array_index (self->field->choices, i);

            return json_node_init_string (json_node_alloc (), choice->value);
          }
      return NULL;
    }

  /* Several options: the chosen ones in the definition's order. */
  {
    g_autoptr(JsonArray) array = json_array_new ();
    JsonNode *node;

    for (guint i = 0; i < self->buttons->len; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
        json_array_add_string_element (array, ((SbChoice *) g_ptr_array_index (self->field->choices, i))->value);

    if (json_array_get_length (array) == 0)
      return NULL;
    node = json_node_new (JSON_NODE_ARRAY);
    json_node_set_array (node, array);
    return node;
  }
}

static void
on_button_toggled (GtkCheckButton *button,
                   SbFieldRow     *self)
{
  g_autoptr(JsonNode) value = NULL;

  /* A radio group toggles twice (off, then on): report the new state once. */
  if (self->field->type != SB_FIELD_MULTICHOICE && !is_pledge (self->field) && !gtk_check_button_get_active (button))
    return;

  value = buttons_value (self);
  sb_field_row_emit_changed (self, value);
  sb_field_row_emit_left (self);
}

static void
on_dropdown_selected (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      SbFieldRow  *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(JsonNode) value = NULL;

  /* Nothing selected is no answer. */
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->field->choices->len)
    {
      SbChoice *choice = g_ptr_array_index (self->field->choices, selected);

      value = json_node_init_string (json_node_alloc (), choice->value);
    }
  sb_field_row_emit_changed (self, value);
  sb_field_row_emit_left (self);
}

static GtkWidget *
build_entry (SbFieldRow *self)
{
  const SbField *field = self->field;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  const char *placeholder = field->placeholder.zh_CN ? sb_text_get (&field->placeholder) : NULL;
  const char *unit = field->input_unit ? field->input_unit : field->unit;

  /* An example, not a pattern: people type what they see. */
  if (placeholder == NULL && field->type == SB_FIELD_DATE)
    placeholder = _("e.g. 2025-04-01");
  if (placeholder == NULL && field->type == SB_FIELD_TIME)
    placeholder = _("e.g. 08:30");
  if (placeholder == NULL && field->type == SB_FIELD_PHONE)
    placeholder = _("e.g. 13912345678 or 0353-1234567");
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  /* No gtk_entry_set_max_length(): it would cut a pasted text silently;
   * the check under the field says how long it may be instead. */
  if (field->type == SB_FIELD_INTEGER || field->type == SB_FIELD_DECIMAL)
    {
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), field->type == SB_FIELD_INTEGER
                                   ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
    }
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), self);
  watch_focus (self, entry);
  gtk_box_append (GTK_BOX (box), entry);

  if (unit != NULL && (field->type == SB_FIELD_DECIMAL || field->type == SB_FIELD_INTEGER))
    {
      GtkWidget *unit_label = gtk_label_new (unit);

      gtk_widget_add_css_class (unit_label, "dim-label");
      gtk_box_append (GTK_BOX (box), unit_label);
    }

  if (field->type == SB_FIELD_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_widget_set_tooltip_text (button, _("Choose a date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"), -1);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  self->input = entry;
  return box;
}

static GtkWidget *
build_multiline (SbFieldRow *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 72);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_signal_connect (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  watch_focus (self, view);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  self->input = view;
  return frame;
}

/* A radio or check button whose label wraps: options are often a whole
 * sentence of the regulation, and a label that cannot wrap would make the
 * window wider than a phone's screen. */
static GtkWidget *
option_button_new (const char *text,
                   gboolean    radio)
{
  /* GTK 4.8 calls a check button in a group a check box; a screen reader
   * should say "radio button", so the role is set when it is made. */
  GtkWidget *button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                    "accessible-role", radio ? GTK_ACCESSIBLE_ROLE_RADIO
                                                             : GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                    NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return button;
}

static GtkWidget *
build_buttons (SbFieldRow *self)
{
  const SbField *field = self->field;
  gboolean radio = field->type != SB_FIELD_MULTICHOICE && !is_pledge (field);
  /* The options are a group named by the question; each option is named
   * by its own text. */
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "orientation", field->type == SB_FIELD_BOOLEAN ? GTK_ORIENTATION_HORIZONTAL
                                                                                : GTK_ORIENTATION_VERTICAL,
                                 "spacing", 6,
                                 "accessible-role", radio ? GTK_ACCESSIBLE_ROLE_RADIO_GROUP
                                                          : GTK_ACCESSIBLE_ROLE_GROUP,
                                 NULL);
  GtkCheckButton *group = NULL;
  guint n = is_pledge (field) ? 1 : field->type == SB_FIELD_BOOLEAN ? 2 : field->choices->len;

  for (guint i = 0; i < n; i++)
    {
      const char *label = is_pledge (field) ? _("I confirm this")
        : field->type == SB_FIELD_BOOLEAN
        ? (i == 0 ? _("Yes") : _("No"))
        : sb_text_get (&((SbChoice *) g_ptr_array_index (field->choices, i))->label);
      GtkWidget *button = option_button_new (label, radio);

      if (radio)
        {
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
          else
            group = GTK_CHECK_BUTTON (button);
        }
      g_signal_connect (button, "toggled", G_CALLBACK (on_button_toggled), self);
      g_ptr_array_add (self->buttons, button);
      gtk_box_append (GTK_BOX (box), button);
    }

  self->input = n > 0 ? g_ptr_array_index (self->buttons, 0) : box;
  self->named = box;
  return box;
}

/* "Choose…" is a placeholder, not an option: the list holds only the
 * choices, and while none is selected the closed button says Choose…,
 * dimmed.  GTK 4.8's drop-down has no placeholder of its own; with no
 * selection its button shows the empty page of its stack, a label without
 * text, which is given the words here.  Should a later GTK build its
 * button otherwise, the button is only blank until a choice is made. */
static void
set_dropdown_placeholder (GtkWidget *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (dropdown);
       child != NULL;
       child = gtk_widget_get_first_child (child))
    {
      if (GTK_IS_STACK (child))
        {
          GtkWidget *empty = gtk_stack_get_child_by_name (GTK_STACK (child), "empty");

          if (GTK_IS_LABEL (empty))
            {
              gtk_label_set_label (GTK_LABEL (empty), _("Choose…"));
              gtk_label_set_xalign (GTK_LABEL (empty), 0);
              gtk_widget_add_css_class (empty, "dim-label");
            }
          return;
        }
    }
}

static GtkWidget *
build_dropdown (SbFieldRow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < self->field->choices->len; i++)
    gtk_string_list_append (model, sb_text_get (&((SbChoice *) g_ptr_array_index (self->field->choices, i))->label));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  set_dropdown_placeholder (dropdown);
  gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), self);

  self->dropdown = dropdown;
  self->input = dropdown;
  return dropdown;
}

/* Screen readers read the message under a field with the field itself: the
 * messages become the accessible description of every input the person can
 * focus (each radio or check button of a group, not only the first), and
 * errors mark them invalid.  Without messages both are cleared, so a
 * corrected field is not announced as wrong. */
static void
set_input_accessible_state (GtkWidget  *input,
                            const char *description,
                            gboolean    has_error)
{
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                               has_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
update_accessible_state (SbFieldRow *self,
                         gboolean    has_error)
{
  set_input_accessible_state (self->input, self->description, has_error);
  for (guint i = 0; i < self->buttons->len; i++)
    if (g_ptr_array_index (self->buttons, i) != self->input)
      set_input_accessible_state (g_ptr_array_index (self->buttons, i), self->description, has_error);
}

static void
on_citation_clicked (GtkButton *button,
                     gpointer   user_data)
{
  const SbRule *rule = user_data;
  g_autofree char *text = sb_field_row_citation_text (rule);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_widget_set_parent (popover, GTK_WIDGET (button));
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  /* The clause can be selected and copied, but it opens as text to read:
   * a selectable label that takes the focus selects all of itself. */
  gtk_label_select_region (GTK_LABEL (label), 0, 0);
}

/* GObject overrides */

static void
sb_field_row_dispose (GObject *object)
{
  SbFieldRow *self = SB_FIELD_ROW (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->files, json_node_unref);
  g_clear_object (&self->file_store);
  g_clear_pointer (&self->shown_findings, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (sb_field_row_parent_class)->dispose (object);
}

static void
sb_field_row_class_init (SbFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_field_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "field.remove-file", "u", sb_field_row_remove_file_action);
}

static void
sb_field_row_init (SbFieldRow *self)
{
  self->buttons = g_ptr_array_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "field-row");
}

/* Public API */

SbFieldRow *
sb_field_row_new (const SbField *field)
{
  SbFieldRow *self;
  GtkWidget *box, *input = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (field->type != SB_FIELD_TABLE, NULL);

  self = g_object_new (SB_TYPE_FIELD_ROW, NULL);
  self->field = field;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  /* No "optional" marks: many answers are required by a rule of the
   * regulation rather than by the field, and a mark would mislead. */
  title = g_strdup (sb_text_get (&field->label));
  self->title_label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (box), self->title_label);

  if (field->help.zh_CN != NULL)
    {
      GtkWidget *help = gtk_label_new (sb_text_get (&field->help));

      gtk_label_set_wrap (GTK_LABEL (help), TRUE);
      gtk_label_set_xalign (GTK_LABEL (help), 0);
      gtk_widget_add_css_class (help, "dim-label");
      gtk_widget_add_css_class (help, "caption");
      gtk_box_append (GTK_BOX (box), help);
    }

  switch (field->type)
    {
    case SB_FIELD_MULTILINE:
      input = build_multiline (self);
      break;
    case SB_FIELD_BOOLEAN:
    case SB_FIELD_MULTICHOICE:
      input = build_buttons (self);
      break;
    case SB_FIELD_CHOICE:
      input = uses_radio_buttons (field) ? build_buttons (self) : build_dropdown (self);
      break;
    case SB_FIELD_ATTACHMENT:
      input = sb_field_row_build_attachment (self);
      break;
    default:
      input = build_entry (self);
      break;
    }
  gtk_box_append (GTK_BOX (box), input);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->named != NULL ? self->named : self->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL, -1);

  self->findings_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_visible (self->findings_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->findings_box);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  return self;
}

const SbField *
sb_field_row_get_field (SbFieldRow *self)
{
  g_return_val_if_fail (SB_IS_FIELD_ROW (self), NULL);

  return self->field;
}

void
sb_field_row_set_value (SbFieldRow *self,
                        JsonNode   *value)
{
  g_return_if_fail (SB_IS_FIELD_ROW (self));

  self->updating = TRUE;

  switch (self->field->type)
    {
    case SB_FIELD_MULTILINE:
      {
        g_autofree char *text = sb_field_format_edit (self->field, value);

        gtk_text_buffer_set_text (self->buffer, text, -1);
        break;
      }

    case SB_FIELD_BOOLEAN:
      {
        gboolean answered = value != NULL && JSON_NODE_HOLDS_VALUE (value)
                            && json_node_get_value_type (value) == G_TYPE_BOOLEAN;
        gboolean yes = answered && json_node_get_boolean (value);

        if (is_pledge (self->field))
          {
            gtk_check_button_set_active (g_ptr_array_index (self->buttons, 0), yes);
            break;
          }

        /* Radio buttons cannot all be off through the group: clear each. */
        gtk_check_button_set_active (g_ptr_array_index (self->buttons, 0), answered && yes);
        gtk_check_button_set_active (g_ptr_array_index (self->buttons, 1), answered && !yes);
        if (!answered)
          for (guint i = 0; i < self->buttons->len; i++)
            gtk_check_button_set_active (g_ptr_array_index (self->buttons, i), FALSE);
        break;
      }

    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
      {
        g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);

        if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
          g_hash_table_add (chosen, (gpointer) json_node_get_string (value));
        else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
          for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
            {
              JsonNode *item = json_array_get_element (json_node_get_array (value), i);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                g_hash_table_add (chosen, (gpointer) json_node_get_string (item));
            }

        if (self->dropdown != NULL)
          {
            guint selected = GTK_INVALID_LIST_POSITION;

            for (guint i = 0; i < self->field->choices->len; i++)
              if (g_hash_table_contains (chosen, ((SbChoice *) g_ptr_array_index (self->field->choices, i))->value))
                selected = i;
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), selected);
          }
        else
          for (guint i = 0; i < self->buttons->len; i++)
            {
              SbChoice *choice = g_ptr_array_index (self->field->choices, i);

              gtk_check_button_set_active (g_ptr_array_index (self->buttons, i),
                                           g_hash_table_contains (chosen, choice->value));
            }
        break;
      }

    case SB_FIELD_ATTACHMENT:
      g_clear_pointer (&self->files, json_node_unref);
      self->files = value ? json_node_copy (value) : NULL;
      sb_field_row_show_files (self);
      break;

    default:
      {
        g_autofree char *text = sb_field_format_edit (self->field, value);

        if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->input))) != 0)
          gtk_editable_set_text (GTK_EDITABLE (self->input), text);
        break;
      }
    }

  self->updating = FALSE;
}

void
sb_field_row_set_findings (SbFieldRow *self,
                           GPtrArray  *findings)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  GtkWidget *child;
  gboolean has_error = FALSE;

  g_return_if_fail (SB_IS_FIELD_ROW (self));

  /* Every keystroke checks the whole form; most fields' messages do not
   * change, and rebuilding them would cost more than the check. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (signature, "%d\x1f%s\x1f%s\x1e", finding->severity,
                              finding->rule_id ? finding->rule_id : "", finding->message_zh);
    }
  if (g_strcmp0 (signature->str, self->shown_findings) == 0)
    return;
  g_free (self->shown_findings);
  self->shown_findings = g_strdup (signature->str);

  while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_box), child);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == SB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                                      : finding->severity == SB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                                      : "dialog-information-symbolic");
      GtkWidget *label = gtk_label_new (sb_finding_get_message (finding));

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (line, finding->severity == SB_SEVERITY_ERROR ? "error"
                                      : finding->severity == SB_SEVERITY_WARNING ? "warning" : "dim-label");
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label);

      if (finding->rule != NULL)
        {
          /* Translators: a button beside a message that shows the clause it comes from */
          GtkWidget *citation = gtk_button_new_with_label (C_("citation", "Source"));

          gtk_widget_add_css_class (citation, "flat");
          gtk_widget_add_css_class (citation, "citation-button");
          gtk_widget_set_valign (citation, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (citation, _("Show the clause this rule comes from"));
          g_signal_connect (citation, "clicked", G_CALLBACK (on_citation_clicked), (gpointer) finding->rule);
          gtk_box_append (GTK_BOX (line), citation);
        }

      has_error |= finding->severity == SB_SEVERITY_ERROR;
      gtk_box_append (GTK_BOX (self->findings_box), line);
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append (description, sb_finding_get_message (finding));
    }

  gtk_widget_set_visible (self->findings_box, findings != NULL && findings->len > 0);
  if (has_error)
    gtk_widget_add_css_class (GTK_WIDGET (self), "has-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "has-error");

  g_clear_pointer (&self->description, g_free);
  if (description->len > 0)
    self->description = g_strdup (description->str);
  update_accessible_state (self, has_error);
}

const char *
sb_field_row_get_accessible_description (SbFieldRow *self)
{
  g_return_val_if_fail (SB_IS_FIELD_ROW (self), NULL);

  return self->description;
}

GtkWidget *
sb_field_row_get_input (SbFieldRow *self)
{
  g_return_val_if_fail (SB_IS_FIELD_ROW (self), NULL);

  return self->input;
}

void
sb_field_row_focus_input (SbFieldRow *self)
{
  g_return_if_fail (SB_IS_FIELD_ROW (self));

  gtk_widget_grab_focus (self->input);
}

void
sb_field_row_set_busy (SbFieldRow *self,
                       gboolean    busy)
{
  g_return_if_fail (SB_IS_FIELD_ROW (self));

  if (self->spinner == NULL)
    return;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

SbFileStore *
sb_field_row_get_file_store (SbFieldRow *self)
{
  g_return_val_if_fail (SB_IS_FIELD_ROW (self), NULL);

  return self->file_store;
}

void
sb_field_row_set_file_store (SbFieldRow  *self,
                             SbFileStore *store)
{
  g_return_if_fail (SB_IS_FIELD_ROW (self));
  g_return_if_fail (store == NULL || SB_IS_FILE_STORE (store));

  if (!g_set_object (&self->file_store, store))
    return;
  if (self->field->type == SB_FIELD_ATTACHMENT)
    sb_field_row_show_files (self);
}

void
sb_field_row_add_file (SbFieldRow *self,
                       JsonObject *file)
{
  g_autoptr(JsonNode) value = NULL;
  JsonArray *array;

  g_return_if_fail (SB_IS_FIELD_ROW (self));
  g_return_if_fail (self->field->type == SB_FIELD_ATTACHMENT);

  if (self->field->multiple && self->files != NULL && JSON_NODE_HOLDS_ARRAY (self->files))
    value = json_node_copy (self->files);
  else
    {
      g_autoptr(JsonArray) empty = json_array_new ();

      value = json_node_init_array (json_node_alloc (), empty);
    }

  array = json_node_get_array (value);
  /* The same file twice is one file. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (item), "sha256", ""),
                        json_object_get_string_member_with_default (file, "sha256", "-")) == 0)
        return;
    }
  json_array_add_object_element (array, json_object_ref (file));

  sb_field_row_set_value (self, value);
  sb_field_row_emit_changed (self, value);
  sb_field_row_emit_left (self);
}

char *
sb_field_row_citation_source (const SbRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  if (rule->technical)
    return g_strdup (_("A check that the answers agree with each other"));
  return sb_citation_format (&rule->citation);
}

char *
sb_field_row_citation_text (const SbRule *rule)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (rule != NULL, NULL);

  where = sb_field_row_citation_source (rule);
  if (rule->citation.text != NULL && *rule->citation.text != '\0')
    return g_strdup_printf ("%s\n\n%s", where, rule->citation.text);
  return g_steal_pointer (&where);
}
