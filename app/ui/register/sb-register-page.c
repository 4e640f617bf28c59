/* sb-register-page.c — the office's case register, as a page of the main
 * window
 *
 * The register may be a PostgreSQL server across the network, so every
 * read runs in a worker thread, which also makes the rows; the page shows
 * a spinner meanwhile and keeps what it showed before.  The filters and
 * the search (reference, applicant, code or reviewer) are asked of the
 * register, which gives the most urgent cases first (overdue ones, then
 * by next deadline); the list shows the first CASES_PER_PAGE of them and
 * says how many there are, and Show More reads further.  A register of
 * years of cases is never read whole to be shown: over 101,000 cases
 * GTK took half a second of the main thread to take in the list.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-register-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-accessible.h"
#include "sb-case-item.h"
#include "sb-case-list.h"
#include "sb-date.h"
#include "sb-input-normalize.h"
#include "sb-register-export.h"
#include "sb-register-page.h"
#include "sb-safe-text.h"
#include "sb-toast.h"

struct _SbRegisterPage
{
  GtkBox          parent_instance;

  SbFormRegistry *forms;
  SbCalendar     *calendar;
  SbRegister     *case_register;
  gint32          today;
  GCancellable   *listing;

  GtkWidget      *unreachable_bar;
  GtkWidget      *unreachable_text;
  GtkWidget      *retry_button;
  GtkWidget      *search_entry;
  GtkWidget      *status_drop_down;
  GtkWidget      *form_drop_down;
  GtkWidget      *overdue_check;
  GtkWidget      *export_button;
  GtkWidget      *more_button;     /* the popover of the filters used less */
  GtkWidget      *reviewer_entry;
  GtkWidget      *from_entry;
  GtkWidget      *to_entry;
  GtkWidget      *more_problem;
  char           *reviewer;        /* as applied; NULL: anybody */
  gint32          received_from;   /* 0: any */
  gint32          received_to;
  gboolean        exporting;
  GtkWidget      *summary;
  GtkWidget      *content;       /* GtkStack: list, empty, loading */
  GtkWidget      *empty_page;
  GtkWidget      *column_view;
  GtkWidget      *more_cases_button;
  SbCaseList     *cases;          /* the first @limit of those matching */
  GPtrArray      *form_ids;       /* the procedure drop-down's ids; [0] NULL: all */
  guint           limit;          /* how many to read: CASES_PER_PAGE, more after Show More */
  guint           n_matching;     /* how many the register has that match */
  guint           n_overdue;      /* of those, how many are overdue */
};

G_DEFINE_FINAL_TYPE (SbRegisterPage, sb_register_page, GTK_TYPE_BOX)

#define CASES_PER_PAGE 500

enum {
  SIGNAL_OPEN_CASE,
  SIGNAL_RETRY,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static const char *
form_title (SbRegisterPage *self,
            const char     *form_id)
{
  SbFormDefinition *definition = self->forms != NULL ? sb_form_registry_lookup (self->forms, form_id, 0) : NULL;

  return definition != NULL ? sb_text_get (sb_form_definition_get_title (definition)) : form_id;
}

static char *
day_text (gint32 day)
{
  return day > 0 ? sb_date_to_string (day) : g_strdup ("");
}

/* The text of @column for @item; every text comes from a packet or a
 * person, so it is shown with its bidi controls revealed. */
static char *
cell_text (SbRegisterPage *self,
           SbCaseItem     *item,
           const char     *column)
{
  const SbCase *a_case = sb_case_item_get_case (item);
  g_autofree char *raw = NULL;

  if (g_str_equal (column, "reference"))
    raw = a_case->round > 1 ? g_strdup_printf (_("%s (round %d)"), a_case->reference, a_case->round)
                            : g_strdup (a_case->reference);
  else if (g_str_equal (column, "procedure"))
    raw = g_strdup (form_title (self, a_case->form_id));
  else if (g_str_equal (column, "applicant"))
    raw = g_strdup (a_case->applicant);
  else if (g_str_equal (column, "received"))
    raw = day_text (a_case->received);
  else if (g_str_equal (column, "status"))
    {
      const char *label = sb_case_status_label (a_case->status);

      raw = a_case->verified ? g_strdup (label ? label : a_case->status)
                             : g_strdup_printf (_("%s · does not verify"), label ? label : a_case->status);
    }
  else if (g_str_equal (column, "reviewer"))
    raw = g_strdup (a_case->reviewer ? a_case->reviewer : "");
  else if (g_str_equal (column, "deadline"))
    raw = day_text (a_case->next_deadline);
  else if (g_str_equal (column, "days"))
    raw = g_strdup (sb_case_item_get_days_text (item));
  else
    g_return_val_if_reached (g_strdup (""));

  return sb_safe_text_reveal (raw, SB_SAFE_TEXT_DEFAULT);
}

/* The full text of a cell too narrow for it.  Asked for only when the
 * pointer rests on the cell: setting a tooltip as each cell is bound made
 * GTK 4.8 ask the display server where the pointer is, once per cell,
 * which took most of the main thread's time when a page of cases came. */
static gboolean
on_cell_query_tooltip (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SbRegisterPage           *self)
{
  const char *column = g_object_get_data (G_OBJECT (factory), "column");
  SbCaseItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (self, item, column);
  gboolean alarming = (g_str_equal (column, "days") && sb_case_item_is_overdue (item)) ||
                      (g_str_equal (column, "status") && !sb_case_item_get_case (item)->verified);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (alarming)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (SbRegisterPage *self,
            const char     *id,
            const char     *title,
            int             width_chars,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data_full (G_OBJECT (factory), "column", g_strdup (id), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  /* A width of its own: without one a column of short headers was drawn
   * one or two characters wide, its header wrapped letter by letter. */
  gtk_column_view_column_set_fixed_width (column, width_chars * 14 + 24);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);
}

static void
update_summary (SbRegisterPage *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  guint n_cases = MAX (self->n_matching, n_shown);
  g_autofree char *text = NULL;
  gboolean filtered = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_drop_down)) > 0 ||
                      gtk_drop_down_get_selected (GTK_DROP_DOWN (self->form_drop_down)) > 0 ||
                      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->overdue_check)) ||
                      self->reviewer != NULL || self->received_from > 0 || self->received_to > 0 ||
                      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  if (n_shown < n_cases)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u most urgent of %u case",
                                         "The %u most urgent of %u cases", n_cases),
                            n_shown, n_cases);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_shown), n_shown);
  if (self->n_overdue > 0)
    {
      g_autofree char *with_overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u overdue",
                                                                     "%s · %u overdue", self->n_overdue),
                                                        text, self->n_overdue);

      g_free (text);
      text = g_steal_pointer (&with_overdue);
    }
  gtk_label_set_text (GTK_LABEL (self->summary), text);

  gtk_widget_set_visible (self->more_cases_button, n_shown < n_cases);
  if (n_shown < n_cases)
    {
      guint more = MIN (CASES_PER_PAGE, n_cases - n_shown);
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", more),
                                                more);

      gtk_button_set_label (GTK_BUTTON (self->more_cases_button), label);
    }

  if (n_shown > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->content), "list");
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page),
                                 filtered ? _("No Matching Cases") : _("No Cases Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       filtered ? _("No case matches the search and the filters.")
                                                : _("Every packet opened for review is registered here, with "
                                                    "its status and its deadlines."));
      gtk_stack_set_visible_child_name (GTK_STACK (self->content), "empty");
    }
}

/* The page's filters and search as the register takes them, with the
 * strings they point to; read on the main thread, used in a worker. */
typedef struct {
  SbCaseFilter  filter;
  char         *form_id;
  char         *reviewer;
  char         *search;
} PageFilter;

static void
page_filter_clear (PageFilter *page_filter)
{
  g_free (page_filter->form_id);
  g_free (page_filter->reviewer);
  g_free (page_filter->search);
}

static void
page_filter_init (SbRegisterPage *self,
                  PageFilter     *page_filter,
                  guint           limit)
{
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_drop_down));
  guint form = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->form_drop_down));
  g_autofree char *typed = g_strstrip (sb_input_fold_width (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  memset (page_filter, 0, sizeof *page_filter);
  page_filter->filter.today = self->today;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    page_filter->filter.status = sb_case_statuses[status - 1];
  if (form > 0 && form < self->form_ids->len)
    page_filter->filter.form_id = page_filter->form_id = g_strdup (g_ptr_array_index (self->form_ids, form));
  page_filter->filter.overdue = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->overdue_check));
  page_filter->filter.reviewer = page_filter->reviewer = g_strdup (self->reviewer);
  page_filter->filter.received_from = self->received_from;
  page_filter->filter.received_to = self->received_to;
  /* Typed as people type it: ＫＪ２４ finds KJ24. */
  if (*typed != '\0')
    page_filter->filter.search = page_filter->search = g_steal_pointer (&typed);
  page_filter->filter.limit = limit;
}

/* A list of the cases, read and made into rows in a worker thread: for
 * 100,000 cases, making the rows took 2.5 s of the main thread
 * (tests/bench/bench-register-page). */
typedef struct {
  SbRegister   *case_register;
  SbCalendar   *calendar;
  PageFilter    page_filter;
  guint         n_matching; /* written by the thread, read when it is done */
  guint         n_overdue;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_clear_object (&job->case_register);
  g_clear_object (&job->calendar);
  page_filter_clear (&job->page_filter);
  g_free (job);
}

static void
list_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ListJob *job = task_data;
  const SbCaseFilter *filter = &job->page_filter.filter;
  GError *error = NULL;
  g_autoptr(GPtrArray) cases = sb_register_list (job->case_register, filter, &error);
  GPtrArray *items;

  if (cases == NULL || !sb_register_count (job->case_register, filter, &job->n_matching, &job->n_overdue, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Each case is handed to its item and stolen from the array. */
  items = g_ptr_array_new_full (cases->len, g_object_unref);
  for (guint i = 0; i < cases->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (items, sb_case_item_new (g_steal_pointer (&cases->pdata[i]), filter->today, job->calendar));
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static gpointer
release (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

/* The rows shown before are let go in a thread: freeing 100,000 cases
 * was felt on the main thread. */
static void
release_in_thread (GPtrArray *old)
{
  if (old->len < 1000)
    {
      g_ptr_array_unref (old);
      return;
    }
  g_thread_unref (g_thread_new ("sb-register-release", release, old));
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbRegisterPage *self = SB_REGISTER_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);
  GPtrArray *old;

  if (items == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->listing);
  gtk_widget_set_sensitive (self->retry_button, TRUE);
  if (items == NULL)
    {
      /* The cases shown before stay: the bar says they may be old. */
      g_autofree char *text = g_strdup_printf (_("The cases could not be read: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->unreachable_text), text);
      gtk_widget_set_visible (self->unreachable_bar, TRUE);
      update_summary (self);
      return;
    }

  gtk_widget_set_visible (self->unreachable_bar, FALSE);
  self->n_matching = ((ListJob *) g_task_get_task_data (G_TASK (result)))->n_matching;
  self->n_overdue = ((ListJob *) g_task_get_task_data (G_TASK (result)))->n_overdue;
  old = sb_case_list_replace (self->cases, g_steal_pointer (&items));
  release_in_thread (old);
  update_summary (self);
}

static void
list_cases (SbRegisterPage *self)
{
  g_autoptr(GTask) task = NULL;
  ListJob *job;

  if (self->case_register == NULL)
    return;
  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  self->listing = g_cancellable_new ();

  job = g_new0 (ListJob, 1);
  job->case_register = g_object_ref (self->case_register);
  job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  page_filter_init (self, &job->page_filter, self->limit);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->content), "loading");
  task = g_task_new (self, self->listing, on_listed, NULL);
  g_task_set_source_tag (task, list_cases);
  g_task_set_task_data (task, job, (GDestroyNotify) list_job_free);
  g_task_run_in_thread (task, list_in_thread);
}

/* The filters used less: the reviewer and the days of receipt */

/* @entry's day, typed the way dates are written (2025年4月1日, 2025/4/1,
 * full-width digits); 0 when it is empty.  FALSE with what to type. */
static gboolean
read_day (GtkWidget  *entry,
          gint32     *day,
          char      **problem)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  SbText message = { NULL, NULL };

  *day = 0;
  if (*trimmed == '\0')
    return TRUE;
  if (sb_date_parse_typed (trimmed, day, &message))
    return TRUE;
  *problem = g_strdup (sb_text_get (&message));
  sb_text_clear (&message);
  return FALSE;
}

static void
apply_more_filters (SbRegisterPage *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *reviewer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reviewer_entry))));
  g_autofree char *label = NULL;
  gint32 from = 0, to = 0;
  guint active;

  /* A day that cannot be read is said, and the filters stay as they were:
   * what was typed is kept for correcting. */
  if (!read_day (self->from_entry, &from, &problem) || !read_day (self->to_entry, &to, &problem))
    {
      gtk_label_set_text (GTK_LABEL (self->more_problem), problem);
      gtk_widget_set_visible (self->more_problem, TRUE);
      return;
    }
  if (from > 0 && to > 0 && from > to)
    {
      gtk_label_set_text (GTK_LABEL (self->more_problem), _("The first day is after the last."));
      gtk_widget_set_visible (self->more_problem, TRUE);
      return;
    }
  gtk_widget_set_visible (self->more_problem, FALSE);
  /* Shown as read: 2025-04-01. */
  if (from > 0)
    {
      g_autofree char *text = sb_date_to_string (from);

      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), text);
    }
  if (to > 0)
    {
      g_autofree char *text = sb_date_to_string (to);

      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), text);
    }

  if (g_strcmp0 (self->reviewer, *reviewer ? reviewer : NULL) == 0 && self->received_from == from &&
      self->received_to == to)
    return;
  g_free (self->reviewer);
  self->reviewer = *reviewer ? g_strdup (reviewer) : NULL;
  self->received_from = from;
  self->received_to = to;
  active = (self->reviewer != NULL) + (from > 0 || to > 0);
  label = active > 0 ? g_strdup_printf (_("More Filters (%u)"), active) : g_strdup (_("More Filters"));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_button), label);
  self->limit = CASES_PER_PAGE;
  list_cases (self);
}

static GtkWidget *
labelled_entry (GtkGrid    *grid,
                int         row,
                const char *title,
                const char *placeholder)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = sb_accessible_strip_mnemonic (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  /* Named as its label reads, without the mnemonic's markup. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static GtkWidget *
build_more_filters (SbRegisterPage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  self->reviewer_entry = labelled_entry (GTK_GRID (grid), 0, _("_Reviewer"), _("Name, as recorded"));
  self->from_entry = labelled_entry (GTK_GRID (grid), 1, _("Received _from"), _("e.g. 2025-04-01"));
  self->to_entry = labelled_entry (GTK_GRID (grid), 2, _("Received _until"), _("e.g. 2025年4月30日"));
  self->more_problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->more_problem), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->more_problem), 30);
  gtk_label_set_xalign (GTK_LABEL (self->more_problem), 0);
  gtk_widget_add_css_class (self->more_problem, "error");
  gtk_widget_set_visible (self->more_problem, FALSE);
  gtk_grid_attach (GTK_GRID (grid), self->more_problem, 0, 3, 2, 1);
  g_signal_connect_swapped (self->reviewer_entry, "activate", G_CALLBACK (apply_more_filters), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (apply_more_filters), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (apply_more_filters), self);
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  /* Closing the popover applies what was typed, as Enter does. */
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (apply_more_filters), self);

  self->more_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_button), _("More Filters"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->more_button), popover);
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_START);
  return self->more_button;
}

void
sb_register_page_set_more_filters (SbRegisterPage *self,
                                   const char     *reviewer,
                                   const char     *received_from,
                                   const char     *received_to)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_entry), reviewer ? reviewer : "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), received_from ? received_from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), received_to ? received_to : "");
  apply_more_filters (self);
}

/* Exporting every case the filters and the search match (not only the
 * first page the list shows), read and written in a worker thread */

typedef struct {
  SbRegister   *case_register;
  SbCalendar   *calendar;
  PageFilter    page_filter;
  char         *path;
  SbTableFormat format;
  guint         n_rows;  /* written by the thread */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->case_register);
  g_clear_object (&job->calendar);
  page_filter_clear (&job->page_filter);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  const SbCaseFilter *filter = &job->page_filter.filter;
  GError *error = NULL;
  g_autoptr(GPtrArray) cases = sb_register_list (job->case_register, filter, &error);
  g_autoptr(GPtrArray) rows = NULL;

  if (cases == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rows = g_ptr_array_new_full (cases->len, (GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (rows, sb_register_export_case_row (g_ptr_array_index (cases, i), filter->today, job->calendar));
  job->n_rows = rows->len;
  if (!sb_register_export_rows (sb_register_export_case_header (), rows, _("Cases"), job->path, job->format, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
toast (SbRegisterPage *self,
       const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  sb_toast_emit (self, signals[SIGNAL_TOAST], adw_toast_new (escaped));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbRegisterPage *self = SB_REGISTER_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->exporting = FALSE;
  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup_printf (_("Could not export: %s"), error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u case to %s", "Exported %u cases to %s",
                                         job->n_rows),
                            job->n_rows, job->path);
  toast (self, text);
}

void
sb_register_page_export (SbRegisterPage *self,
                         GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (SB_IS_REGISTER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting)
    return;
  if (self->case_register == NULL)
    {
      toast (self, _("Could not export: the case register cannot be reached"));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL || !sb_table_format_from_path (job->path, &job->format, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"),
                                               error != NULL ? error->message : _("not a local file"));

      g_free (job->path);
      g_free (job);
      toast (self, text);
      return;
    }

  job->case_register = g_object_ref (self->case_register);
  job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  page_filter_init (self, &job->page_filter, 0);

  self->exporting = TRUE;
  gtk_widget_set_sensitive (self->export_button, FALSE);
  task = g_task_new (self, NULL, on_exported, NULL);
  g_task_set_source_tag (task, sb_register_page_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
sb_register_page_is_exporting (SbRegisterPage *self)
{
  g_return_val_if_fail (SB_IS_REGISTER_PAGE (self), FALSE);

  return self->exporting;
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbRegisterPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_register_page_export (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_clicked (SbRegisterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export the Cases"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_autofree char *today = sb_date_to_string (self->today);
  /* Translators: the file name of the register's export; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("cases-%s.xlsx"), today);
  const char *formats[][2] = { { N_("Spreadsheet (XLSX)"), "xlsx" }, { N_("Comma-separated values (CSV, UTF-8)"), "csv" } };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i][0]));
      gtk_file_filter_add_suffix (filter, formats[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Callbacks */

/* The filters and the search start again from the most urgent cases. */
static void
on_filter_changed (SbRegisterPage *self)
{
  self->limit = CASES_PER_PAGE;
  list_cases (self);
}

static void
on_more_cases_clicked (SbRegisterPage *self)
{
  sb_register_page_show_more (self);
}

static void
on_activate (GtkColumnView  *view,
             guint           position,
             SbRegisterPage *self)
{
  g_autoptr(SbCaseItem) item = g_list_model_get_item (G_LIST_MODEL (self->cases), position);
  const SbCase *a_case;

  if (item == NULL)
    return;
  a_case = sb_case_item_get_case (item);
  g_signal_emit (self, signals[SIGNAL_OPEN_CASE], 0, a_case->packet_path);
}

static void
on_retry (SbRegisterPage *self)
{
  g_signal_emit (self, signals[SIGNAL_RETRY], 0);
}

/* Construction */

static GtkWidget *
build_unreachable_bar (SbRegisterPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("The case register cannot be reached"));

  gtk_widget_add_css_class (bar, "expired-notice");
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The case register cannot be reached"), -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  self->unreachable_text = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->unreachable_text), 0);
  gtk_label_set_wrap (GTK_LABEL (self->unreachable_text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->unreachable_text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->unreachable_text), TRUE);
  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_END);
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (on_retry), self);
  gtk_box_append (GTK_BOX (bar), title);
  gtk_box_append (GTK_BOX (bar), self->unreachable_text);
  gtk_box_append (GTK_BOX (bar), self->retry_button);
  gtk_widget_set_visible (bar, FALSE);
  return bar;
}

static GtkWidget *
build_filters (SbRegisterPage *self)
{
  GtkWidget *flow = gtk_flow_box_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) forms = gtk_string_list_new (NULL);
  GPtrArray *definitions = self->forms != NULL ? sb_form_registry_get_all (self->forms) : NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  /* A flow box, so that the filters go onto a second line in a narrow
   * window instead of widening it. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);
  gtk_widget_set_margin_top (flow, 12);

  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_widget_set_size_request (self->search_entry, 200, -1);
  g_object_set (self->search_entry, "placeholder-text", _("Reference, applicant or code"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the cases"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_filter_changed), self);

  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; sb_case_statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, sb_case_status_label (sb_case_statuses[i]));
  self->status_drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (statuses)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  g_signal_connect_swapped (self->status_drop_down, "notify::selected", G_CALLBACK (on_filter_changed), self);

  gtk_string_list_append (forms, _("All procedures"));
  g_ptr_array_add (self->form_ids, NULL);
  for (guint i = 0; definitions != NULL && i < definitions->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (definitions, i);
      const char *id = sb_form_definition_get_id (definition);

      /* Each procedure once, under its newest version's title. */
      if (!g_hash_table_add (listed, (gpointer) id))
        continue;
      gtk_string_list_append (forms, sb_text_get (sb_form_definition_get_title (definition)));
      g_ptr_array_add (self->form_ids, g_strdup (id));
    }
  self->form_drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (forms)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->form_drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Procedure"), -1);
  g_signal_connect_swapped (self->form_drop_down, "notify::selected", G_CALLBACK (on_filter_changed), self);

  self->overdue_check = gtk_check_button_new_with_mnemonic (_("_Overdue only"));
  g_signal_connect_swapped (self->overdue_check, "toggled", G_CALLBACK (on_filter_changed), self);

  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->search_entry);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->status_drop_down);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->form_drop_down);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->overdue_check);

  gtk_flow_box_append (GTK_FLOW_BOX (flow), build_more_filters (self));

  /* What the list shows, as the office's spreadsheet. */
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_set_halign (self->export_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->export_button);
  /* The flow box's children are not things to pick: only their controls
   * take the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  return flow;
}

static GtkWidget *
build_list (SbRegisterPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkNoSelection *selection;

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->cases)));
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (self->column_view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases"), -1);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);

  add_column (self, "reference", _("Reference"), 11, FALSE);
  add_column (self, "procedure", _("Procedure"), 10, FALSE);
  add_column (self, "applicant", _("Applicant"), 10, TRUE);
  add_column (self, "received", _("Received On"), 6, FALSE);
  add_column (self, "status", _("Status"), 6, FALSE);
  add_column (self, "reviewer", _("Reviewer"), 5, FALSE);
  add_column (self, "deadline", _("Next Deadline"), 6, FALSE);
  add_column (self, "days", _("Working Days Left"), 12, FALSE);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->column_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

/* GObject overrides */

static void
sb_register_page_dispose (GObject *object)
{
  SbRegisterPage *self = SB_REGISTER_PAGE (object);

  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);

  G_OBJECT_CLASS (sb_register_page_parent_class)->dispose (object);
}

static void
sb_register_page_finalize (GObject *object)
{
  SbRegisterPage *self = SB_REGISTER_PAGE (object);

  g_clear_object (&self->forms);
  g_clear_object (&self->calendar);
  g_clear_object (&self->case_register);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->form_ids, g_ptr_array_unref);
  g_clear_pointer (&self->reviewer, g_free);

  G_OBJECT_CLASS (sb_register_page_parent_class)->finalize (object);
}

static void
sb_register_page_class_init (SbRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_register_page_dispose;
  object_class->finalize = sb_register_page_finalize;

  signals[SIGNAL_OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                            NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  signals[SIGNAL_TOAST] = sb_toast_signal_new (G_TYPE_FROM_CLASS (klass));
}

static void
sb_register_page_init (SbRegisterPage *self)
{
  self->today = sb_date_today ();
  self->limit = CASES_PER_PAGE;
  self->cases = sb_case_list_new ();
  self->form_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

/* Public API */

GtkWidget *
sb_register_page_new (SbFormRegistry *forms,
                      SbCalendar     *calendar)
{
  SbRegisterPage *self = g_object_new (SB_TYPE_REGISTER_PAGE, NULL);
  GtkWidget *loading = gtk_spinner_new ();

  self->forms = forms != NULL ? g_object_ref (forms) : NULL;
  self->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;

  self->unreachable_bar = build_unreachable_bar (self);
  gtk_box_append (GTK_BOX (self), self->unreachable_bar);
  gtk_box_append (GTK_BOX (self), build_filters (self));
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_set_margin_start (self->summary, 18);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_box_append (GTK_BOX (self), self->summary);

  self->content = gtk_stack_new ();
  gtk_widget_set_vexpand (self->content, TRUE);
  gtk_stack_add_named (GTK_STACK (self->content), build_list (self), "list");
  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "folder-documents-symbolic");
  gtk_stack_add_named (GTK_STACK (self->content), self->empty_page, "empty");
  gtk_spinner_set_spinning (GTK_SPINNER (loading), TRUE);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (loading, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (loading), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reading the cases"), -1);
  gtk_stack_add_named (GTK_STACK (self->content), loading, "loading");
  gtk_stack_set_visible_child_name (GTK_STACK (self->content), "loading");
  gtk_box_append (GTK_BOX (self), self->content);
  /* Below the list: the next cases by urgency, read when asked for. */
  self->more_cases_button = gtk_button_new_with_label (NULL);
  gtk_widget_set_halign (self->more_cases_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (self->more_cases_button, 12);
  gtk_widget_set_visible (self->more_cases_button, FALSE);
  g_signal_connect_swapped (self->more_cases_button, "clicked", G_CALLBACK (on_more_cases_clicked), self);
  gtk_box_append (GTK_BOX (self), self->more_cases_button);
  return GTK_WIDGET (self);
}

void
sb_register_page_set_register (SbRegisterPage *self,
                               SbRegister     *case_register,
                               const GError   *error)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));
  g_return_if_fail (case_register != NULL || error != NULL);

  gtk_widget_set_sensitive (self->retry_button, TRUE);
  if (case_register == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Packets opened now are not registered. %s"), error->message);

      if (self->listing != NULL)
        g_cancellable_cancel (self->listing);
      g_clear_object (&self->listing);
      g_clear_object (&self->case_register);
      gtk_label_set_text (GTK_LABEL (self->unreachable_text), text);
      gtk_widget_set_visible (self->unreachable_bar, TRUE);
      update_summary (self);
      return;
    }

  g_set_object (&self->case_register, case_register);
  gtk_widget_set_visible (self->unreachable_bar, FALSE);
  list_cases (self);
}

void
sb_register_page_set_opening (SbRegisterPage *self)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));

  gtk_widget_set_sensitive (self->retry_button, FALSE);
}

void
sb_register_page_reload (SbRegisterPage *self)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));

  list_cases (self);
}

void
sb_register_page_set_today (SbRegisterPage *self,
                            gint32          today)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));

  self->today = today;
  list_cases (self);
}

gboolean
sb_register_page_is_loading (SbRegisterPage *self)
{
  g_return_val_if_fail (SB_IS_REGISTER_PAGE (self), FALSE);

  return self->listing != NULL;
}

guint
sb_register_page_get_n_shown (SbRegisterPage *self)
{
  g_return_val_if_fail (SB_IS_REGISTER_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->cases));
}

guint
sb_register_page_get_n_matching (SbRegisterPage *self)
{
  g_return_val_if_fail (SB_IS_REGISTER_PAGE (self), 0);

  return self->n_matching;
}

void
sb_register_page_show_more (SbRegisterPage *self)
{
  g_return_if_fail (SB_IS_REGISTER_PAGE (self));

  self->limit = g_list_model_get_n_items (G_LIST_MODEL (self->cases)) + CASES_PER_PAGE;
  list_cases (self);
}
