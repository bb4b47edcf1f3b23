#!/usr/bin/env bash
# Installs everything libbot needs to build and test on Debian 12.
# Idempotent: it installs only what is missing and prints nothing when all is there.
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev libre2-dev libyaml-cpp-dev libsqlite3-dev sqlite3
  doctest-dev pybind11-dev libstemmer-dev nlohmann-json3-dev libcli11-dev
  libhunspell-dev hunspell-hu hunspell-pl
  python3 python3-dev python3-pip python3-venv python3-yaml python3-jsonschema
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup.sh: missing packages: ${missing[*]}" >&2
    echo "setup.sh: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
