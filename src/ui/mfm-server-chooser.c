/* mfm-server-chooser.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-server-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-server-chooser.h"
#include "mfm-types.h"

struct _MfmServerChooser
{
  GtkWidget           parent_instance;

  /* Owned References */
  MfmServer          *selected;
  GtkCustomFilter    *search_filter;
  GtkFilterListModel *matches;
  GtkSingleSelection *highlight;
  char               *search;        /* what the filter matches now, or NULL */

  /* Template Widgets */
  GtkMenuButton      *button;
  GtkLabel           *button_label;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;
};

G_DEFINE_FINAL_TYPE (MfmServerChooser, mfm_server_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Server names and addresses are ASCII, and the search is kept in lower case: no allocation
 * and few calls per server and keystroke. */
static gboolean
contains_ignoring_case (const char *haystack,
                        const char *needle)
{
  gsize n = strlen (needle);

  if (haystack == NULL)
    return FALSE;

  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_tolower (*p) == needle[0] && g_ascii_strncasecmp (p, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  MfmServerChooser *self = user_data;
  MfmServer *server = item;

  if (self->search == NULL)
    return TRUE;

  return contains_ignoring_case (mfm_server_get_name (server), self->search) ||
         contains_ignoring_case (mfm_server_get_address (server), self->search);
}

static void
update_button_label (MfmServerChooser *self)
{
  if (self->selected != NULL)
    {
      gtk_label_set_label (self->button_label, mfm_server_get_display_name (self->selected));
      gtk_widget_remove_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }
  else
    {
      /* Translators: on the partner server button while none is chosen. */
      gtk_label_set_label (self->button_label, _("Choose…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }
}

static void
update_matches (MfmServerChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_autofree char *previous = g_steal_pointer (&self->search);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  guint n;

  self->search = *stripped != '\0' ? g_ascii_strdown (stripped, -1) : NULL;
  if (g_strcmp0 (previous, self->search) == 0 && previous != NULL)
    change = -1;
  /* Typing on only narrows what matched: only those are looked at again. */
  else if (self->search != NULL && (previous == NULL || strstr (self->search, previous) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (previous != NULL && (self->search == NULL || strstr (previous, self->search) != NULL))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  /* An empty search shows everything without asking the filter about each server. */
  if (self->search == NULL)
    gtk_filter_list_model_set_filter (self->matches, NULL);
  else if (gtk_filter_list_model_get_filter (self->matches) == NULL)
    gtk_filter_list_model_set_filter (self->matches, GTK_FILTER (self->search_filter));
  else if ((int) change >= 0)
    gtk_filter_changed (GTK_FILTER (self->search_filter), change);

  /* The first match is highlighted, so Enter takes what was typed, never another server. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  gtk_single_selection_set_selected (self->highlight, n > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);

  if (n == 0)
    {
      g_autofree char *empty = g_strdup_printf (_("No ISC server matches “%s”."),
                                                self->search != NULL ? self->search : "");

      gtk_label_set_label (self->empty_label, empty);
    }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
choose (MfmServerChooser *self,
        guint             position)
{
  g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->matches), position);

  if (server == NULL)
    return;

  /* The focus leaves the search before its popover goes, or GTK 4.8's cursor blink warns
   * that the text "did not receive a focus-out event". */
  gtk_widget_grab_focus (GTK_WIDGET (self->button));
  gtk_popover_popdown (self->popover);
  mfm_server_chooser_set_selected (self, server);
}

static void
move_highlight (MfmServerChooser *self,
                int               delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint current = gtk_single_selection_get_selected (self->highlight);
  guint target;

  if (n == 0)
    return;

  if (current == GTK_INVALID_LIST_POSITION)
    target = 0;
  else if (delta < 0)
    target = current >= (guint) -delta ? current + delta : 0;
  else
    target = MIN (current + delta, n - 1);

  gtk_single_selection_set_selected (self->highlight, target);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", target);
}

static gboolean
search_key_pressed_cb (MfmServerChooser      *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_highlight (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_highlight (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      move_highlight (self, 10);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_highlight (self, -10);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
search_activate_cb (MfmServerChooser *self)
{
  guint position = gtk_single_selection_get_selected (self->highlight);

  if (position != GTK_INVALID_LIST_POSITION)
    choose (self, position);
}

static void
search_stop_cb (MfmServerChooser *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->button));
  gtk_popover_popdown (self->popover);
}

static void
list_activate_cb (MfmServerChooser *self,
                  guint             position)
{
  choose (self, position);
}

static void
popover_show_cb (MfmServerChooser *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  update_matches (self);
}

static void
popover_closed_cb (MfmServerChooser *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL &&
      (focus == GTK_WIDGET (self->search_entry) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry))))
    gtk_widget_grab_focus (GTK_WIDGET (self->button));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* A letter typed on the closed chooser opens it and starts the search with that letter. */
static gboolean
key_pressed_cb (MfmServerChooser      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return FALSE;

  g_unichar_to_utf8 (c, text);
  mfm_server_chooser_popup (self, text);
  return TRUE;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  MfmServer *server = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *state = mfm_server_get_state (server);
  gboolean ok = g_ascii_strcasecmp (state != NULL ? state : "", "OK") == 0;
  g_autofree char *text = NULL;

  /* The state as a word, so an Unreachable server does not look like the rest. */
  text = g_strdup_printf ("%s · %s",
                          mfm_server_get_address (server) ? mfm_server_get_address (server) : "",
                          mfm_server_state_get_label (state));
  gtk_label_set_label (GTK_LABEL (name), mfm_server_get_display_name (server));
  gtk_label_set_label (GTK_LABEL (detail), text);
  if (ok)
    {
      gtk_widget_remove_css_class (detail, "warning");
      gtk_widget_add_css_class (detail, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (detail, "dim-label");
      gtk_widget_add_css_class (detail, "warning");
    }
}

static void
mfm_server_chooser_dispose (GObject *object)
{
  MfmServerChooser *self = (MfmServerChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MFM_TYPE_SERVER_CHOOSER);
  g_clear_object (&self->highlight);
  g_clear_object (&self->matches);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (mfm_server_chooser_parent_class)->dispose (object);
}

static void
mfm_server_chooser_finalize (GObject *object)
{
  MfmServerChooser *self = (MfmServerChooser *)object;

  g_free (self->search);

  G_OBJECT_CLASS (mfm_server_chooser_parent_class)->finalize (object);
}

static void
mfm_server_chooser_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MfmServerChooser *self = MFM_SERVER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_server_chooser_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MfmServerChooser *self = MFM_SERVER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      mfm_server_chooser_set_selected (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
mfm_server_chooser_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MFM_SERVER_CHOOSER (widget)->button));
}

static gboolean
mfm_server_chooser_mnemonic_activate (GtkWidget *widget,
                                      gboolean   group_cycling)
{
  return gtk_widget_mnemonic_activate (GTK_WIDGET (MFM_SERVER_CHOOSER (widget)->button), group_cycling);
}

static void
mfm_server_chooser_class_init (MfmServerChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_server_chooser_dispose;
  object_class->finalize = mfm_server_chooser_finalize;
  object_class->get_property = mfm_server_chooser_get_property;
  object_class->set_property = mfm_server_chooser_set_property;
  widget_class->grab_focus = mfm_server_chooser_grab_focus;
  widget_class->mnemonic_activate = mfm_server_chooser_mnemonic_activate;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         MFM_TYPE_SERVER,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-server-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, button);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, button_label);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, MfmServerChooser, empty_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
  gtk_widget_class_set_css_name (widget_class, "mfm-server-chooser");
}

static void
mfm_server_chooser_init (MfmServerChooser *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->matches = gtk_filter_list_model_new (NULL, NULL);
  self->highlight = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->highlight, FALSE);
  gtk_single_selection_set_can_unselect (self->highlight, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->highlight));

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (update_matches), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb), self);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);

  /* The keyboard stays in the search: Up and Down move the highlight in the list. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->button), keys);

  update_button_label (self);
}

GtkWidget *
mfm_server_chooser_new (void)
{
  return g_object_new (MFM_TYPE_SERVER_CHOOSER, NULL);
}

void
mfm_server_chooser_set_model (MfmServerChooser *self,
                              GListModel       *servers)
{
  g_return_if_fail (MFM_IS_SERVER_CHOOSER (self));
  g_return_if_fail (servers == NULL || G_IS_LIST_MODEL (servers));

  gtk_filter_list_model_set_model (self->matches, servers);
}

GListModel *
mfm_server_chooser_get_model (MfmServerChooser *self)
{
  g_return_val_if_fail (MFM_IS_SERVER_CHOOSER (self), NULL);

  return gtk_filter_list_model_get_model (self->matches);
}

MfmServer *
mfm_server_chooser_get_selected (MfmServerChooser *self)
{
  g_return_val_if_fail (MFM_IS_SERVER_CHOOSER (self), NULL);

  return self->selected;
}

void
mfm_server_chooser_set_selected (MfmServerChooser *self,
                                 MfmServer        *server)
{
  g_return_if_fail (MFM_IS_SERVER_CHOOSER (self));
  g_return_if_fail (server == NULL || MFM_IS_SERVER (server));

  if (!g_set_object (&self->selected, server))
    return;

  update_button_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
mfm_server_chooser_popup (MfmServerChooser *self,
                          const char       *text)
{
  g_return_if_fail (MFM_IS_SERVER_CHOOSER (self));

  gtk_menu_button_popup (self->button);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  update_matches (self);
}
