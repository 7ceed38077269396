#!/usr/bin/env bash
# Checks po/POTFILES.in against the tree: every file under src/ with a
# translatable string must be listed (or its strings never reach translators),
# and every listed file must exist (or xgettext fails at update-po time).
# After GNOME Online Accounts' .gitlab-ci/check-potfiles.sh.
#
# Usage: check-potfiles.sh SOURCE_ROOT
set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ] || [ ! -f "$1/po/POTFILES.in" ]; then
  echo "usage: $0 SOURCE_ROOT (the directory holding po/POTFILES.in)" >&2
  exit 2
fi
cd "$1"

# Listed files, without comments and blank lines.
listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | sort -u)
skipped=""
if [ -f po/POTFILES.skip ]; then
  skipped=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.skip | sort -u)
fi

# C files calling a gettext macro or function (house style allows a space
# before the parenthesis: `_ ("text")`), and .ui files with translatable text.
c_files=$(grep -rlE --include='*.c' --include='*.h' \
  '(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext2?|ngettext)[[:space:]]*\(' \
  src || true)
ui_files=$(grep -rl --include='*.ui' 'translatable="yes"' src || true)
wanted=$(printf '%s\n%s\n' "$c_files" "$ui_files" | sed '/^$/d' | sort -u)

status=0
missing=$(comm -23 <(printf '%s\n' "$wanted" | sed '/^$/d') \
                   <(printf '%s\n%s\n' "$listed" "$skipped" | sed '/^$/d' | sort -u))
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are not in po/POTFILES.in;" \
       "add them (one path a line, sorted):"
  printf '%s\n' "$missing" | sed 's/^/  /'
  status=1
fi

gone=$(while read -r f; do
         if [ -n "$f" ] && [ ! -e "$f" ]; then echo "$f"; fi
       done <<< "$listed")
if [ -n "$gone" ]; then
  echo "These files are listed in po/POTFILES.in but do not exist; remove them:"
  printf '%s\n' "$gone" | sed 's/^/  /'
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $(printf '%s\n' "$wanted" | sed '/^$/d' | wc -l) files with translatable strings under src/"
fi
exit "$status"
