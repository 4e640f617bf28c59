/* sb-attachment-preview.c — a thumbnail of an attached file
 *
 * Decoding an image or rendering a PDF page can take a while for a large
 * scan, so it happens in a worker thread and never holds up typing; the
 * thread hands back plain pixels, and the texture is made on the main
 * thread.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-attachment-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "sb-attachment-preview.h"
#include "sb-safe-text.h"

/* The longest side of a thumbnail, in pixels: 64 logical pixels, twice
 * over for high-density screens. */
#define THUMBNAIL_SIZE 128
#define SHOWN_SIZE     64

struct _SbAttachmentPreview
{
  AdwBin         parent_instance;

  char          *path;
  char          *media_type;
  GCancellable  *cancellable;
  GdkTexture    *texture;
  char          *error;
  gboolean       started;
};

/* What the worker thread makes: premultiplied pixels in cairo's order. */
typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  gsize   stride;
  GdkMemoryFormat format;
} Thumbnail;

G_DEFINE_FINAL_TYPE (SbAttachmentPreview, sb_attachment_preview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static void
thumbnail_free (Thumbnail *thumbnail)
{
  g_bytes_unref (thumbnail->pixels);
  g_free (thumbnail);
}

static gboolean
is_pdf (const char *media_type)
{
  return g_strcmp0 (media_type, "application/pdf") == 0;
}

static Thumbnail *
render_image (const char  *path,
              GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE, THUMBNAIL_SIZE, TRUE, error);
  Thumbnail *thumbnail;

  if (pixbuf == NULL)
    return NULL;

  thumbnail = g_new0 (Thumbnail, 1);
  thumbnail->width = gdk_pixbuf_get_width (pixbuf);
  thumbnail->height = gdk_pixbuf_get_height (pixbuf);
  thumbnail->stride = gdk_pixbuf_get_rowstride (pixbuf);
  thumbnail->format = gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8;
  thumbnail->pixels = g_bytes_ref (gdk_pixbuf_read_pixel_bytes (pixbuf));
  return thumbnail;
}

static Thumbnail *
render_pdf (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *document;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_width, page_height, scale;
  Thumbnail *thumbnail;

  /* poppler-glib 22.12 has no g_autoptr support. */
  document = poppler_document_new_from_gfile (file, NULL, NULL, error);
  if (document == NULL)
    return NULL;
  if (poppler_document_get_n_pages (document) < 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The PDF has no pages"));
      g_object_unref (document);
      return NULL;
    }

  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &page_width, &page_height);
  scale = THUMBNAIL_SIZE / MAX (MAX (page_width, page_height), 1.0);

  thumbnail = g_new0 (Thumbnail, 1);
  thumbnail->width = MAX (1, (int) (page_width * scale));
  thumbnail->height = MAX (1, (int) (page_height * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, thumbnail->width, thumbnail->height);
  cr = cairo_create (surface);
  /* Paper is white; a PDF page does not paint its background. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_restore (cr);
  /* A thin edge, so that a white page shows on a white list. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, thumbnail->width - 1, thumbnail->height - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  thumbnail->stride = cairo_image_surface_get_stride (surface);
  thumbnail->format = GDK_MEMORY_DEFAULT; /* cairo's ARGB32, premultiplied */
  thumbnail->pixels = g_bytes_new (cairo_image_surface_get_data (surface), thumbnail->stride * thumbnail->height);

  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  return thumbnail;
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SbAttachmentPreview *self = source_object;
  g_autoptr(GError) error = NULL;
  Thumbnail *thumbnail;

  /* path and media_type never change after construction. */
  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The stored copy of the file is missing"));
      return;
    }

  thumbnail = is_pdf (self->media_type) ? render_pdf (self->path, &error) : render_image (self->path, &error);
  if (thumbnail == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, thumbnail, (GDestroyNotify) thumbnail_free);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbAttachmentPreview *self = SB_ATTACHMENT_PREVIEW (source);
  g_autoptr(GError) error = NULL;
  Thumbnail *thumbnail = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (thumbnail == NULL)
    {
      /* The decoders' messages quote the file, whose name may be a
       * stranger's (an imported draft): never shown reversed. */
      g_autofree char *reason = sb_safe_text_reveal (error->message, SB_SAFE_TEXT_DEFAULT);

      /* Translators: %s says what went wrong, e.g. the file is missing */
      self->error = g_strdup_printf (_("No preview: %s"), reason);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }

  {
    GtkWidget *picture;

    self->texture = gdk_memory_texture_new (thumbnail->width, thumbnail->height, thumbnail->format,
                                            thumbnail->pixels, thumbnail->stride);
    thumbnail_free (thumbnail);
    picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (self->texture));
    gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
    gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
    gtk_widget_set_size_request (picture, SHOWN_SIZE, SHOWN_SIZE);
    adw_bin_set_child (ADW_BIN (self), picture);
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
  }
}

/* GObject overrides */

static void
sb_attachment_preview_map (GtkWidget *widget)
{
  SbAttachmentPreview *self = SB_ATTACHMENT_PREVIEW (widget);

  GTK_WIDGET_CLASS (sb_attachment_preview_parent_class)->map (widget);

  if (!self->started)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_rendered, NULL);

      self->started = TRUE;
      g_task_set_source_tag (task, sb_attachment_preview_map);
      g_task_run_in_thread (task, render_in_thread);
    }
}

static void
sb_attachment_preview_dispose (GObject *object)
{
  SbAttachmentPreview *self = SB_ATTACHMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (sb_attachment_preview_parent_class)->dispose (object);
}

static void
sb_attachment_preview_finalize (GObject *object)
{
  SbAttachmentPreview *self = SB_ATTACHMENT_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_free (self->path);
  g_free (self->media_type);
  g_free (self->error);

  G_OBJECT_CLASS (sb_attachment_preview_parent_class)->finalize (object);
}

static void
sb_attachment_preview_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SbAttachmentPreview *self = SB_ATTACHMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_attachment_preview_class_init (SbAttachmentPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_attachment_preview_dispose;
  object_class->finalize = sb_attachment_preview_finalize;
  object_class->get_property = sb_attachment_preview_get_property;
  widget_class->map = sb_attachment_preview_map;

  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_attachment_preview_init (SbAttachmentPreview *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_size_request (GTK_WIDGET (self), SHOWN_SIZE, SHOWN_SIZE);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "attachment-preview");
  adw_bin_set_child (ADW_BIN (self), icon);
}

/* Public API */

gboolean
sb_attachment_preview_supports (const char *media_type)
{
  return g_strcmp0 (media_type, "image/png") == 0
         || g_strcmp0 (media_type, "image/jpeg") == 0
         || is_pdf (media_type);
}

GtkWidget *
sb_attachment_preview_new (const char *path,
                           const char *media_type)
{
  SbAttachmentPreview *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SB_TYPE_ATTACHMENT_PREVIEW, NULL);
  self->path = g_strdup (path);
  self->media_type = g_strdup (media_type);
  return GTK_WIDGET (self);
}

GdkTexture *
sb_attachment_preview_get_texture (SbAttachmentPreview *self)
{
  g_return_val_if_fail (SB_IS_ATTACHMENT_PREVIEW (self), NULL);

  return self->texture;
}

const char *
sb_attachment_preview_get_error (SbAttachmentPreview *self)
{
  g_return_val_if_fail (SB_IS_ATTACHMENT_PREVIEW (self), NULL);

  return self->error;
}
