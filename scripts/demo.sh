#!/usr/bin/env bash
# Builds everything and runs the demo bot (rules/): a short scripted
# conversation in each language, then an interactive chat when run in a
# terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
libbot=./build/bin/libbot
"$libbot" kb build kb -o kb/faq.sqlite

echo
echo "=== Magyarul ==="
"$libbot" respond --rules rules "Jó napot!" "Hol tart a rendelésem?" "#483920" \
  "Elfelejtettem a jelszavamat" "mennyi a szallitasi dij?" "mi a helyzet a kabáttal?" \
  "Ügyintézővel szeretnék beszélni"
echo
echo "=== Po polsku ==="
"$libbot" respond --rules rules "Dzień dobry!" "gdzie jest moja paczka" "12345678" \
  "zapomnialem hasla" "ile kosztuje wysylka" "Chcę złożyć reklamację" "To jest skandal!"

if [[ -t 0 && -t 1 ]]; then
  echo
  exec "$libbot" chat --rules rules
fi
