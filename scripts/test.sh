#!/usr/bin/env bash
# Builds everything and runs all tests: the C++ suite (ctest), then the Python
# package, installed with pip into a virtualenv and tested from outside the
# source tree (so the tests see what users get).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 300)

venv=build/venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$root"
cd "$(mktemp -d)"
"$root/$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/tests/python"
