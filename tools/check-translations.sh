#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-translations.sh [SOURCE_ROOT]
#
# For every language in po/LINGUAS: extracts a fresh template from po/POTFILES.in the way
# the build's i18n "glib" preset does, merges the language's .po against it in a temporary
# directory (po/ is never touched), and fails when a message is untranslated or fuzzy, or
# when msgfmt --check finds a mistake such as a mismatched printf format.
set -euo pipefail

top=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$top"
export LC_ALL=C.UTF-8

for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (package gettext)"
    exit 77
  fi
done

tmp=$(mktemp -d -t mfm-po.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The same arguments as meson's i18n.gettext(preset: 'glib'); ngettext is a default keyword
# for C. The ITS rules for .ui, .metainfo.xml and .gschema.xml come with gettext, GTK,
# AppStream and GLib; xgettext reads .desktop files natively.
xgettext_args=(
  --from-code=UTF-8
  --add-comments
  --keyword=_
  --keyword=N_
  --keyword=C_:1c,2
  --keyword=NC_:1c,2
  --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3
  --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

pot="$tmp/failover-manager.pot"
xgettext "${xgettext_args[@]}" --package-name=failover-manager \
  --directory="$top" --files-from=po/POTFILES.in --output="$pot"
if [ ! -s "$pot" ]; then
  echo "po/POTFILES.in yields no translatable messages at all"
  exit 1
fi
total=$(msgattrib --no-obsolete "$pot" | grep -c '^msgid ' || true)
total=$((total - 1))  # the header entry

failed=0

# The msgid of every entry msgattrib selects, one per line ("[context] " first when it has
# one), with messages that span several lines (they contain \n) joined; not the header.
list_messages() {
  msgattrib --no-wrap "$@" | awk '
    function flush() { if (in_id && id != "\"\"") print "  " ctx id; in_id = 0; ctx = "" }
    /^msgctxt "/ { flush(); ctx = "[context] " substr($0, 9) " "; next }
    /^msgid "/   { in_id = 1; id = substr($0, 7); next }
    in_id && /^"/ { id = (id == "\"\"") ? $0 : substr(id, 1, length(id) - 1) substr($0, 2); next }
    { flush() }
    END { flush() }'
}

# xgettext cannot expand a format macro such as G_GINT64_FORMAT inside _(): it keeps the text
# up to the macro, so the message ends in a lone "%" and is never found at run time.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' po/POTFILES.in | grep -E '\.[ch]$' >"$tmp/c-files" || true
cut_short=
if [ -s "$tmp/c-files" ]; then
  xgettext "${xgettext_args[@]}" --directory="$top" --files-from="$tmp/c-files" \
    --output="$tmp/c.pot"
  if [ -f "$tmp/c.pot" ]; then
    cut_short=$(list_messages "$tmp/c.pot" | grep -E '([^%]|")(%%)*%"$' || true)
  fi
fi
if [ -n "$cut_short" ]; then
  echo "these messages are cut short by a format macro inside _() (use g_strdup_printf"
  echo "with the macro outside the translatable text, or a plain %s of a formatted number):"
  printf '%s\n' "$cut_short"
  failed=1
fi

languages=$(sed -e 's/#.*//' po/LINGUAS | tr -s '[:space:]' '\n' | grep -v '^$' || true)
if [ -z "$languages" ]; then
  echo "po/LINGUAS names no language"
  exit 1
fi


for lang in $languages; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: po/LINGUAS names it, but $po does not exist"
    failed=1
    continue
  fi

  if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/check.log"; then
    echo "$lang: msgfmt --check $po failed:"
    sed 's/^/  /' "$tmp/check.log"
    failed=1
  fi

  merged="$tmp/$lang.po"
  msgmerge --quiet --previous --output-file="$merged" "$po" "$pot"
  if ! msgfmt --check --statistics --output-file=/dev/null "$merged" 2>"$tmp/stats.log"; then
    echo "$lang: the merged catalogue does not pass msgfmt --check:"
    sed 's/^/  /' "$tmp/stats.log"
    failed=1
  fi

  untranslated=$(list_messages --untranslated --no-obsolete "$merged")
  fuzzy=$(list_messages --only-fuzzy --no-obsolete "$merged")
  n_untranslated=$(printf '%s' "$untranslated" | grep -c . || true)
  n_fuzzy=$(printf '%s' "$fuzzy" | grep -c . || true)

  if [ -n "$untranslated" ] || [ -n "$fuzzy" ]; then
    echo "$lang: $n_untranslated untranslated and $n_fuzzy fuzzy of $total messages" \
         "($(tail -n 1 "$tmp/stats.log"))"
    if [ -n "$untranslated" ]; then
      echo "$lang: untranslated:"
      printf '%s\n' "$untranslated"
    fi
    if [ -n "$fuzzy" ]; then
      echo "$lang: fuzzy (check the translation, then remove the fuzzy flag):"
      printf '%s\n' "$fuzzy"
    fi
    failed=1
  else
    echo "$lang: all $total messages translated"
  fi
done

exit "$failed"
