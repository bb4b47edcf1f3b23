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
# pandas: Report.to_dataframe() and evaluate(DataFrame) are tested too.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest pandas
# Installed from a copy of the sources, which must stay as it was: pip builds
# in a temporary folder (pyproject.toml names no build-dir), so a read-only
# or shared checkout installs. (Root ignores permissions, so the check is
# that nothing in the copy is new or changed.)
src=$(mktemp -d)
git ls-files -z --cached --others --exclude-standard |
  xargs -0 cp --parents -t "$src"
touch "$src/.installed-from"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$src"
written=$(find "$src" -newer "$src/.installed-from" | head)
if [[ -n $written ]]; then
  echo "pip install wrote into the source tree:" >&2
  echo "$written" >&2
  exit 1
fi
cd "$(mktemp -d)"
"$root/$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/tests/python"
