/* mfm-api-log-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-api-log-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-api-log-window.h"

/* Bodies can be up to 64 MiB; the view shows the start, Copy gives everything. */
#define MAX_SHOWN_BODY (256 * 1024)

struct _MfmApiLogWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkTextView        *request_view;
  GtkTextView        *response_view;

  /* Owned */
  MfmApiLog          *log;
  /* What the filter looks for, case-folded; NULL shows every entry. */
  char               *needle;
  gboolean            needle_ascii;
};

G_DEFINE_FINAL_TYPE (MfmApiLogWindow, mfm_api_log_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_time (gpointer   unused,
             GDateTime *timestamp)
{
  if (timestamp == NULL)
    return NULL;

  return g_date_time_format (timestamp, "%H:%M:%S");
}

static char *
format_outcome (gpointer    unused,
                guint       status,
                const char *outcome)
{
  if (status == 0)
    return g_strdup (outcome != NULL ? outcome : "");

  /* Translators: HTTP status and outcome of a request, e.g. "200 · OK" */
  return g_strdup_printf (_("%u · %s"), status, outcome != NULL ? outcome : "");
}

static char *
format_duration (gpointer unused,
                 double   duration_ms)
{
  /* Translators: a duration in milliseconds */
  return g_strdup_printf (_("%.0f ms"), duration_ms);
}

static char *
format_sizes (gpointer unused,
              guint64  request_size,
              guint64  response_size)
{
  g_autofree char *sent = g_format_size (request_size);
  g_autofree char *received = g_format_size (response_size);

  /* Translators: bytes sent / bytes received */
  return g_strdup_printf (_("%s / %s"), sent, received);
}

/* One member a line, indented, so a person can read what was sent. A scanner rather than a
 * parser: the UI does not parse JSON, and a body cut short or malformed still shows. */
static char *
indent_json (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) * 5 / 4);
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (in_string)
        {
          g_string_append_c (out, c);
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          g_string_append_c (out, c);
          break;

        case '{':
        case '[':
          g_string_append_c (out, c);
          /* Keep empty objects and arrays on one line. */
          if (p[1] == '}' || p[1] == ']')
            {
              g_string_append_c (out, *++p);
              break;
            }
          depth++;
          g_string_append_c (out, '\n');
          g_string_append_printf (out, "%*s", depth * 2, "");
          break;

        case '}':
        case ']':
          depth = MAX (depth - 1, 0);
          g_string_append_c (out, '\n');
          g_string_append_printf (out, "%*s", depth * 2, "");
          g_string_append_c (out, c);
          break;

        case ',':
          g_string_append (out, ",\n");
          g_string_append_printf (out, "%*s", depth * 2, "");
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        case ' ':
        case '\n':
        case '\r':
        case '\t':
          break;

        default:
          g_string_append_c (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

static void
set_body (GtkTextView *view,
          const char  *body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *indented = NULL;
  gsize len;

  if (body != NULL && (*body == '{' || *body == '['))
    body = indented = indent_json (body);
  len = body != NULL ? strlen (body) : 0;

  if (len > MAX_SHOWN_BODY)
    {
      g_autofree char *shown = NULL;
      const char *end = body + MAX_SHOWN_BODY;

      /* Cut at a character boundary. */
      end = g_utf8_find_prev_char (body, end + 1);
      shown = g_strdup_printf ("%.*s\n\n%s", (int)(end - body), body,
                               _("(Shortened here; Copy gives the whole text.)"));
      gtk_text_buffer_set_text (buffer, shown, -1);
      return;
    }

  gtk_text_buffer_set_text (buffer, body != NULL ? body : "", -1);
}

/* Whether @haystack holds @needle (ASCII, already lower case), ignoring ASCII case; it does
 * not copy the text, so filtering stays cheap with long bodies. */
static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  char first;
  gsize rest;

  if (haystack == NULL)
    return FALSE;

  first = needle[0];
  rest = strlen (needle + 1);
  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_tolower (*p) == first &&
          g_ascii_strncasecmp (p + 1, needle + 1, rest) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
contains_text (MfmApiLogWindow *self,
               const char      *haystack)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  if (self->needle_ascii)
    return contains_ascii_nocase (haystack, self->needle);

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, self->needle) != NULL;
}

/* An entry matches when its method, its status and outcome as the list shows them, or one of
 * its bodies contains what was typed. */
static gboolean
entry_matches (gpointer item,
               gpointer user_data)
{
  MfmApiLogWindow *self = user_data;
  MfmApiLogEntry *entry = item;
  g_autofree char *outcome = NULL;

  if (self->needle == NULL)
    return TRUE;

  outcome = format_outcome (NULL, mfm_api_log_entry_get_status (entry),
                            mfm_api_log_entry_get_outcome (entry));

  return contains_text (self, mfm_api_log_entry_get_method (entry)) ||
         contains_text (self, outcome) ||
         contains_text (self, mfm_api_log_entry_get_request_body (entry)) ||
         contains_text (self, mfm_api_log_entry_get_response_body (entry));
}

static void
update_pages (MfmApiLogWindow *self)
{
  gboolean empty = self->log == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->log)) == 0;
  gboolean none_shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "log");
  gtk_stack_set_visible_child_name (self->list_stack, none_shown ? "no-match" : "list");
}

static void
search_changed_cb (MfmApiLogWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *old = g_steal_pointer (&self->needle);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (*stripped != '\0')
    {
      self->needle = g_utf8_casefold (stripped, -1);
      self->needle_ascii = g_str_is_ascii (self->needle);
    }

  if (g_strcmp0 (old, self->needle) == 0)
    return;

  /* Typing on only narrows what is shown, deleting only widens it: the filter then looks
   * again at the entries shown, or at those hidden, and not at all of them. */
  if (old == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (self->needle, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_pages (self);
}

/* Escape clears the filter; with none, it closes the window. */
static void
stop_search_cb (MfmApiLogWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      /* At once, not after the entry's typing delay. */
      search_changed_cb (self);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  stop_search_cb (MFM_API_LOG_WINDOW (widget));

  return TRUE;
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (widget);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->search_entry)))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);

  return TRUE;
}

static void
selection_changed_cb (MfmApiLogWindow *self)
{
  MfmApiLogEntry *entry = gtk_single_selection_get_selected_item (self->selection);

  set_body (self->request_view, entry != NULL ? mfm_api_log_entry_get_request_body (entry) : NULL);
  set_body (self->response_view, entry != NULL ? mfm_api_log_entry_get_response_body (entry) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy", entry != NULL);
}

static void
items_changed_cb (MfmApiLogWindow *self)
{
  gboolean empty = self->log == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->log)) == 0;

  update_pages (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-all", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.clear", !empty);
  selection_changed_cb (self);
}

static void
copy_text (MfmApiLogWindow *self,
           const char      *text,
           const char      *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (widget);
  MfmApiLogEntry *entry = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *text = NULL;

  if (entry == NULL)
    return;

  text = mfm_api_log_entry_to_text (entry);
  copy_text (self, text, _("Entry copied"));
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->log == NULL)
    return;

  text = mfm_api_log_to_text (self->log);
  copy_text (self, text, _("Log copied"));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (widget);

  if (self->log != NULL)
    mfm_api_log_clear (self->log);
}

static void
mfm_api_log_window_dispose (GObject *object)
{
  MfmApiLogWindow *self = (MfmApiLogWindow *)object;

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (mfm_api_log_window_parent_class)->dispose (object);
}

static void
mfm_api_log_window_finalize (GObject *object)
{
  MfmApiLogWindow *self = (MfmApiLogWindow *)object;

  g_free (self->needle);

  G_OBJECT_CLASS (mfm_api_log_window_parent_class)->finalize (object);
}

static void
mfm_api_log_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_api_log_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MfmApiLogWindow *self = MFM_API_LOG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      mfm_api_log_window_set_log (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_api_log_window_class_init (MfmApiLogWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_api_log_window_dispose;
  object_class->finalize = mfm_api_log_window_finalize;
  object_class->get_property = mfm_api_log_window_get_property;
  object_class->set_property = mfm_api_log_window_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL,
                         MFM_TYPE_API_LOG,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_API_LOG_ENTRY);
  g_type_ensure (MFM_TYPE_API_LOG);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-api-log-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, filter);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, request_view);
  gtk_widget_class_bind_template_child (widget_class, MfmApiLogWindow, response_view);
  gtk_widget_class_bind_template_callback (widget_class, format_time);
  gtk_widget_class_bind_template_callback (widget_class, format_outcome);
  gtk_widget_class_bind_template_callback (widget_class, format_duration);
  gtk_widget_class_bind_template_callback (widget_class, format_sizes);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "log.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "log.copy-all", NULL, copy_all_action);
  gtk_widget_class_install_action (widget_class, "log.clear", NULL, clear_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
mfm_api_log_window_init (MfmApiLogWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->filter, entry_matches, self, NULL);
  items_changed_cb (self);
}

MfmApiLogWindow *
mfm_api_log_window_new (MfmApiLog *log)
{
  return g_object_new (MFM_TYPE_API_LOG_WINDOW, "log", log, NULL);
}

void
mfm_api_log_window_set_log (MfmApiLogWindow *self,
                            MfmApiLog       *log)
{
  g_return_if_fail (MFM_IS_API_LOG_WINDOW (self));
  g_return_if_fail (!log || MFM_IS_API_LOG (log));

  if (self->log == log)
    return;

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  /* The empty page follows the log itself: entries the filter hides still count. */
  if (self->log != NULL)
    g_signal_connect_object (self->log, "items-changed",
                             G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
  items_changed_cb (self);
}

static void
log_window_destroyed_cb (GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "mfm-api-log-window", NULL);
}

MfmApiLogWindow *
mfm_api_log_window_present (GtkWindow *parent,
                            MfmApiLog *log)
{
  MfmApiLogWindow *self = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  if (parent != NULL)
    self = g_object_get_data (G_OBJECT (parent), "mfm-api-log-window");

  if (self == NULL)
    {
      self = mfm_api_log_window_new (log);
      if (parent != NULL)
        {
          gtk_window_set_transient_for (GTK_WINDOW (self), parent);
          g_object_set_data (G_OBJECT (parent), "mfm-api-log-window", self);
          /* Forgotten when it closes (it is destroyed then). */
          g_signal_connect_object (self, "destroy",
                                   G_CALLBACK (log_window_destroyed_cb), parent,
                                   G_CONNECT_SWAPPED);
        }
    }
  else
    mfm_api_log_window_set_log (self, log);

  gtk_window_present (GTK_WINDOW (self));

  return self;
}

char *
mfm_api_log_window_dup_shown_text (MfmApiLogWindow *self)
{
  GtkTextBuffer *request;
  GtkTextBuffer *response;
  GtkTextIter start, end;
  g_autofree char *request_text = NULL;
  g_autofree char *response_text = NULL;

  g_return_val_if_fail (MFM_IS_API_LOG_WINDOW (self), NULL);

  request = gtk_text_view_get_buffer (self->request_view);
  response = gtk_text_view_get_buffer (self->response_view);
  gtk_text_buffer_get_bounds (request, &start, &end);
  request_text = gtk_text_buffer_get_text (request, &start, &end, FALSE);
  gtk_text_buffer_get_bounds (response, &start, &end);
  response_text = gtk_text_buffer_get_text (response, &start, &end, FALSE);

  return g_strconcat (request_text, "\n", response_text, NULL);
}

void
mfm_api_log_window_select (MfmApiLogWindow *self,
                           guint            position)
{
  g_return_if_fail (MFM_IS_API_LOG_WINDOW (self));

  gtk_single_selection_set_selected (self->selection, position);
}
