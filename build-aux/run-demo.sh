#!/usr/bin/env bash
# Installs what Facet needs, builds it in ./build and starts the app from the
# build tree. Extra arguments go to facet (e.g. STL files to open).
set -euo pipefail
workdir=$PWD  # where the user started: relative file names are relative to it
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash build-aux/install-deps.sh

# Reuse an existing build directory: reruns only compile what changed.
if [ ! -f build/build.ninja ]; then
  meson setup build
fi
meson compile -C build

# --- vendor sandbox --------------------------------------------------------
# When the build has the vendor sandbox (tests/sandbox/, program facet-sandbox),
# run the demo against it: no real accounts, no real orders. The sandbox
# prints its base URL as its first line of output; facet takes it as
# --sandbox URL. The sandbox stops when facet exits.
# Only when the app already takes --sandbox (it arrives with the providers).
facet_args=()
sandbox=$(find build -type f -name facet-sandbox -perm -u+x -print -quit)
if [ -n "$sandbox" ] && meson devenv -C build facet --help-all 2>/dev/null | grep -q -- '--sandbox'; then
  tmp=$(mktemp -d)
  "$sandbox" >"$tmp/stdout" 2>"$tmp/stderr" &
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  url=""
  for _ in $(seq 100); do
    # Only a complete first line counts: the URL may still be half-written.
    if [ "$(wc -l <"$tmp/stdout")" -ge 1 ]; then
      url=$(head -n 1 "$tmp/stdout")
      break
    fi
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "run-demo: the vendor sandbox ($sandbox) did not print its URL:" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
  echo "run-demo: vendor sandbox at $url"
  facet_args+=(--sandbox "$url")
fi
# ---------------------------------------------------------------------------

# Not exec: the sandbox must be stopped when facet exits.
meson devenv -C build -w "$workdir" facet "${facet_args[@]}" "$@"
