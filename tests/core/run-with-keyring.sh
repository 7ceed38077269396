#!/bin/sh
# run-with-keyring.sh TEST [ARGS...]: runs TEST in a D-Bus session of its own
# with a fresh gnome-keyring, unlocked (so no prompt is needed), and removes
# the keyring's folders afterwards. See RECIPES.md, "A real keyring for tests".
set -e
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done
exec dbus-run-session -- sh -c '
  XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d)
  export XDG_DATA_HOME XDG_RUNTIME_DIR
  trap "rm -rf \"\$XDG_DATA_HOME\" \"\$XDG_RUNTIME_DIR\"" EXIT
  eval "$(printf test-password | gnome-keyring-daemon --unlock --components=secrets)"
  "$@"
' sh "$@"
