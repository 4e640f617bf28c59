/* sb-accessible.c — one clean spoken name for every control
 *
 * GTK 4.8 names a button with a mnemonic twice, markup included ("下一步(_N)
 * 下一步(N)": its label, then the name of the label widget it is labelled
 * by), a menu button and its inner toggle by their class names
 * ("GtkMenuButton", "GtkToggleButton"), and an icon-only button by its
 * image ("GtkImage").  A screen reader reads that out.  Rather than give
 * each of the many buttons (and those the next change adds) a second,
 * hand-kept name, the names are derived here from what the person sees:
 * the label without its mnemonic, or the tooltip of an icon-only button,
 * which the HIG asks for anyway.  Inputs are named by their field's title
 * where they are made (sb-field-row.c, labelled-by).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sb-accessible.h"

/* Set on a control once it follows its label and tooltip. */
static GQuark following_quark;

static void name_control (GtkWidget *widget);

/* Auxiliary functions */

static gboolean
is_mnemonic_char (gunichar c)
{
  return g_unichar_isalnum (c) && c < 0x80;
}

/* The length of "(_N)" or "（_N）" at @p, or 0. */
static gsize
chinese_mnemonic_length (const char *p)
{
  const char *open = g_str_has_prefix (p, "(") ? "(" : g_str_has_prefix (p, "（") ? "（" : NULL;
  const char *close = open == NULL ? NULL : *open == '(' ? ")" : "）";
  const char *key, *after;

  if (open == NULL || p[strlen (open)] != '_')
    return 0;
  key = p + strlen (open) + 1;
  if (*key == '\0' || !is_mnemonic_char (g_utf8_get_char (key)))
    return 0;
  after = g_utf8_next_char (key);
  if (!g_str_has_prefix (after, close))
    return 0;
  return after + strlen (close) - p;
}

char *
sb_accessible_strip_mnemonic (const char *label)
{
  GString *text;
  const char *p;

  g_return_val_if_fail (label != NULL, NULL);

  text = g_string_new (NULL);
  p = label;
  while (*p != '\0')
    {
      gsize skip = chinese_mnemonic_length (p);

      if (skip > 0)
        p += skip;
      else if (p[0] == '_' && p[1] == '_')
        {
          /* "__" is a literal underscore. */
          g_string_append_c (text, '_');
          p += 2;
        }
      else if (p[0] == '_')
        p++;
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (text, p, next - p);
          p = next;
        }
    }

  /* "Open (_O)" leaves a space before nothing. */
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

/* GTK 4.8 names a control by its label property followed by the names of
 * what it is labelled by: a button sets both, its label with the markup
 * and its label widget, so the name is said twice.  One name only. */
static void
update_label (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
sb_accessible_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  clean = sb_accessible_strip_mnemonic (label);
  update_label (widget, clean);
  /* The toggle inside a menu button is what takes the focus. */
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_first_child (widget) != NULL)
    update_label (gtk_widget_get_first_child (widget), clean);
}

static void
on_control_changed (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  name_control (GTK_WIDGET (object));
}

static void
follow (GtkWidget  *widget,
        const char *first_property,
        const char *second_property)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (g_object_get_qdata (G_OBJECT (widget), following_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (widget), following_quark, GINT_TO_POINTER (TRUE));
  first = g_strconcat ("notify::", first_property, NULL);
  second = g_strconcat ("notify::", second_property, NULL);
  g_signal_connect (widget, first, G_CALLBACK (on_control_changed), NULL);
  g_signal_connect (widget, second, G_CALLBACK (on_control_changed), NULL);
  g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (on_control_changed), NULL);
}

static void
name_from (GtkWidget  *widget,
           const char *label,
           gboolean    use_underline,
           const char *tooltip)
{
  if (label != NULL && *label != '\0')
    {
      /* A plain label is read right already; a menu button's toggle is not. */
      if (use_underline)
        sb_accessible_set_label (widget, label);
      else if (GTK_IS_MENU_BUTTON (widget))
        {
          update_label (widget, label);
          if (gtk_widget_get_first_child (widget) != NULL)
            update_label (gtk_widget_get_first_child (widget), label);
        }
    }
  else if (tooltip != NULL && *tooltip != '\0')
    {
      /* An icon-only button: its tooltip says what it does. */
      update_label (widget, tooltip);
      if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_first_child (widget) != NULL)
        update_label (gtk_widget_get_first_child (widget), tooltip);
    }
}

/* A drop-down's button holds a stack of two pages: "empty" (GTK's
 * "(None)", or the field rows' Choose…) while nothing is selected, and
 * "item", the selected choice.  GTK 4.8 presents both to a screen reader,
 * and the item page keeps the first choice's label while nothing is
 * selected: an unanswered question was read "Choose… 否", an answered
 * one "(None) 未核查".  The page not shown is hidden from it. */
static void
hide_page_not_shown (GtkWidget *drop_down,
                     gboolean   none_selected)
{
  GtkStack *stack = NULL;
  GtkWidget *empty, *item;

  for (GtkWidget *child = gtk_widget_get_first_child (drop_down);
       child != NULL && stack == NULL;
       child = gtk_widget_get_first_child (child))
    if (GTK_IS_STACK (child))
      stack = GTK_STACK (child);
  if (stack == NULL)
    return;
  empty = gtk_stack_get_child_by_name (stack, "empty");
  item = gtk_stack_get_child_by_name (stack, "item");
  if (empty != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (empty), GTK_ACCESSIBLE_STATE_HIDDEN, !none_selected, -1);
  if (item != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_HIDDEN, none_selected, -1);
}

/* A drop-down's button is named by what it shows: the choice made, or
 * the placeholder Choose… of a question not answered yet. */
static void
name_drop_down (GtkWidget *widget)
{
  GtkWidget *toggle = gtk_widget_get_first_child (widget);
  gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (widget));

  hide_page_not_shown (widget, item == NULL);

  if (g_object_get_qdata (G_OBJECT (widget), following_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (widget), following_quark, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "notify::selected-item", G_CALLBACK (on_control_changed), NULL);
    }
  if (GTK_IS_BUTTON (toggle) && GTK_IS_STRING_OBJECT (item))
    update_label (toggle, gtk_string_object_get_string (item));
  else if (GTK_IS_BUTTON (toggle) && item == NULL)
    update_label (toggle, _("Choose…"));
}

/* libadwaita 1.2's toast has a close button with an icon and neither a
 * label nor a tooltip: a screen reader said only "button". */
static gboolean
is_toast_close_button (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && g_str_equal (G_OBJECT_TYPE_NAME (parent), "AdwToastWidget") &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static void
name_control (GtkWidget *widget)
{
  g_autofree char *tooltip = NULL;

  if (GTK_IS_DROP_DOWN (widget))
    name_drop_down (widget);
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      follow (widget, "label", "use-underline");
      tooltip = gtk_widget_get_tooltip_text (widget) ? g_strdup (gtk_widget_get_tooltip_text (widget)) : NULL;
      name_from (widget, gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)),
                 gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget)), tooltip);
    }
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      /* A menu button's or drop-down's toggle is named with it. */
      if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) || GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)))
        return;
      follow (widget, "label", "use-underline");
      tooltip = gtk_widget_get_tooltip_text (widget) ? g_strdup (gtk_widget_get_tooltip_text (widget)) : NULL;
      /* The child first: while gtk_button_set_icon_name() notifies, GTK
       * 4.8's gtk_button_get_label() casts the new image to a label. */
      if (GTK_IS_LABEL (child) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        name_from (widget, gtk_button_get_label (GTK_BUTTON (widget)),
                   gtk_button_get_use_underline (GTK_BUTTON (widget)), NULL);
      else if (GTK_IS_IMAGE (child) && tooltip == NULL && is_toast_close_button (widget))
        name_from (widget, NULL, FALSE, _("Dismiss"));
      else if (GTK_IS_IMAGE (child))
        name_from (widget, NULL, FALSE, tooltip);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      follow (widget, "label", "use-underline");
      if (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL
          && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
        name_from (widget, gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), TRUE, NULL);
    }
}

/* libadwaita 1.2 wraps a message dialog's heading, 20 characters wide, by
 * characters where a word does not fit ("Loa-ded"); by words, it reads.
 * (Chinese breaks between any two characters either way.)  The heading is
 * the label styled title-2. */
static void
break_heading_between_words (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-2"))
    {
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    break_heading_between_words (child);
}

static gboolean
on_widget_mapped (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (ADW_IS_MESSAGE_DIALOG (widget))
    break_heading_between_words (widget);
  if (GTK_IS_WINDOW (widget))
    sb_accessible_name_controls (widget);
  else if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
           || GTK_IS_DROP_DOWN (widget))
    name_control (widget);
  return TRUE;
}

/* Public API */

void
sb_accessible_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (following_quark == 0)
    following_quark = g_quark_from_static_string ("sb-accessible-following");

  name_control (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    sb_accessible_name_controls (child);
}

void
sb_accessible_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      following_quark = g_quark_from_static_string ("sb-accessible-following");
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_widget_mapped, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
