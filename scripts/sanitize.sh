#!/usr/bin/env bash
# The sanitizer runs (docs/reliability.md): the whole test suite, C++ and
# Python, under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/),
# then the multi-threaded stress tests under ThreadSanitizer (build-tsan/).
# Any report fails the run. .ci/run calls this after scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
common=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIBBOT_BUILD_BENCH=OFF
        -DLIBBOT_BUILD_EXAMPLES=OFF)

cmake -S . -B build-asan "${common[@]}" -DLIBBOT_SANITIZE="address;undefined" >/dev/null
cmake --build build-asan
(cd build-asan &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)" --timeout 900)

# The Python suite on a sanitized extension module. The interpreter is not
# instrumented, so the runtimes are preloaded, and leak checking is off
# (CPython keeps objects alive until exit by design).
venv=build-asan/venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest pandas
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --config-settings=cmake.define.LIBBOT_SANITIZE="address;undefined" \
  --config-settings=build-dir=build-asan/python .
root=$(pwd)
(cd "$(mktemp -d)" &&
  LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$root/$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/tests/python")

# ThreadSanitizer sees races only where threads meet: the stress tests.
cmake -S . -B build-tsan "${common[@]}" -DLIBBOT_SANITIZE=thread \
  -DLIBBOT_BUILD_TOOLS=OFF -DLIBBOT_INSTALL=OFF >/dev/null
cmake --build build-tsan --target libbot_tests
(cd build-tsan &&
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$(pwd)/../tests/tsan.supp" \
  ctest --output-on-failure --timeout 900 -R "concurrency|rewritten")
