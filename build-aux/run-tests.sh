#!/usr/bin/env bash
# Runs the whole test suite the way CI does (.ci/run calls this):
#   1. build-ci    a normal build (--werror) and every test;
#   2. build-asan  the same under AddressSanitizer and UBSan, leaks included;
#   3. build-fuzz  when clang is installed, the libFuzzer targets (suite 'fuzz').
# Tests run under a virtual display and a private session bus. Every stage runs
# even when an earlier one failed; the results of all of them are added up from
# meson's testlog.json, and the last line of output is
#   N passed, N failed[, N skipped]
# The exit status is non-zero when anything failed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bash build-aux/install-deps.sh

passed=0
failed=0
skipped=0

# Runs a command under a virtual X display and a fresh D-Bus session bus, as
# the app and keyring tests need.
headless() {
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@"
}

# Prints the "result" field of every line of a meson testlog.json.
results_of() {
  if command -v python3 >/dev/null; then
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    if line.strip():
        print(json.loads(line)["result"])' "$1"
  elif command -v jq >/dev/null; then
    jq -r '.result' "$1"
  else
    grep -o '"result": *"[A-Z]*"' "$1" | sed 's/.*"\([A-Z]*\)"$/\1/'
  fi
}

# Adds the results in DIR/meson-logs/testlog.json to the totals. A meson test
# that failed (EXIT non-zero) without a failed test to show for it, e.g. when
# it could not rebuild, counts as one failure so it cannot pass unnoticed.
count() {
  local dir=$1 exit_code=$2 log=$1/meson-logs/testlog.json
  local p=0 f=0 s=0 r results
  if [ -f "$log" ] && results=$(results_of "$log"); then
    for r in $results; do
      case $r in
        OK | EXPECTEDFAIL) p=$((p + 1)) ;;
        SKIP) s=$((s + 1)) ;;
        *) f=$((f + 1)) ;;  # FAIL, UNEXPECTEDPASS, TIMEOUT, ERROR
      esac
    done
  fi
  if [ "$exit_code" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "run-tests: meson test in $dir exited with $exit_code"
    f=1
  fi
  echo "run-tests: $dir: $p passed, $f failed, $s skipped"
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
}

# stage DIR "TEST ARGS" [meson setup args...]: configures DIR afresh, compiles
# it and runs its tests. The test arguments come as one word-split string.
# A build that fails counts as one failed test.
stage() {
  local dir=$1 test_args=$2 start rc=0
  shift 2
  echo
  echo "=== $dir: meson setup $*"
  start=$SECONDS
  rm -rf "$dir"
  if ! { meson setup "$dir" "$@" && meson compile -C "$dir"; }; then
    echo "run-tests: $dir: the build failed; its tests did not run"
    echo "run-tests: $dir: build $((SECONDS - start)) s"
    failed=$((failed + 1))
    return
  fi
  echo "run-tests: $dir: build $((SECONDS - start)) s"
  start=$SECONDS
  # shellcheck disable=SC2086 # test_args is a list of options
  headless meson test -C "$dir" --print-errorlogs $test_args || rc=$?
  echo "run-tests: $dir: tests $((SECONDS - start)) s"
  count "$dir" "$rc"
}

total_start=$SECONDS

stage build-ci "" --werror

# Leaks count as failures; the suppressions cover only one-time allocations of
# system libraries (fontconfig, Mesa, ...), never Facet's own code.
# - fast_unwind_on_malloc=0: Debian's GLib has no frame pointers, so the fast
#   unwinder loses every stack at g_malloc and no suppression could match.
# - intercept_tls_get_addr=0: GCC 12's LeakSanitizer crashes ("Tracer caught
#   signal 11") on the dynamic TLS of modules that glib-networking loads.
# - GDK_DEBUG=gl-disable: with full stacks on every malloc, Mesa's software GL
#   (llvmpipe) is too slow to draw a window; GTK draws with cairo instead.
# ASan slows tests down, so they get three times their usual timeout.
asan_options=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0
asan_options+=:intercept_tls_get_addr=0:strict_string_checks=1:detect_stack_use_after_return=1
ubsan_options=print_stacktrace=1:halt_on_error=1
lsan_options=suppressions=$repo/tests/lsan.supp:print_suppressions=0

ASAN_OPTIONS=$asan_options UBSAN_OPTIONS=$ubsan_options LSAN_OPTIONS=$lsan_options \
GDK_DEBUG=gl-disable \
  stage build-asan "--timeout-multiplier 3" \
    --werror -Db_sanitize=address,undefined -Db_lundef=false

if command -v clang >/dev/null; then
  # The fuzz targets are registered only with -Dfuzzing=true, in suite 'fuzz'.
  # Fast unwinding here: libFuzzer allocates for every input it tries.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0 \
  UBSAN_OPTIONS=$ubsan_options LSAN_OPTIONS=$lsan_options \
  CC=clang \
    stage build-fuzz "--suite fuzz" \
      -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
else
  echo "run-tests: clang is not installed: no fuzz run"
fi

echo
echo "run-tests: all stages $((SECONDS - total_start)) s"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
