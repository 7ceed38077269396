#!/usr/bin/env bash
# Installs the Debian 12 packages Facet needs to build, run and test
# (the list in shared/RECIPES.md). Does nothing, quickly, when all are there.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libxml2-dev libsecret-1-dev
  desktop-file-utils appstream libglib2.0-bin libglib2.0-dev-bin
  xvfb xauth dbus-daemon gnome-keyring libsecret-tools libgl1-mesa-dri libepoxy-dev
  glib-networking openssl clang libclang-rt-14-dev admesh imagemagick dunst
)

# dpkg-query prints "ii " for an installed package; anything else (or an
# unknown name, reported on stderr) means it has to be installed.
missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != "ii " ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: not root and no sudo; install these packages as root: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${packages[@]}"
