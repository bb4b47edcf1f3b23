#!/usr/bin/env bash
# Fuzzes libbot with libFuzzer (clang from Debian), ASan and UBSan:
#   scripts/fuzz.sh [seconds per target] [target ...]
# Targets: respond, rules, kb, session (tests/fuzz/). Seeds come from the demo
# bot (its messages, rule files, FAQ sources) and tests/fuzz/seeds; corpora
# grow in build-fuzz/corpus. A crash is written to build-fuzz/crashes/<target>/:
# fix it, then copy the file into tests/fuzz/regressions/<target>/, where
# every build's ctest replays it. Prints each target's executions.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(respond rules kb session)

bash scripts/setup.sh
if ! command -v clang++-14 >/dev/null; then
  apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi
build=build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLIBBOT_SANITIZE="address;undefined" -DLIBBOT_FUZZ=ON -DLIBBOT_BUILD_BENCH=OFF \
  -DLIBBOT_BUILD_EXAMPLES=OFF -DLIBBOT_INSTALL=OFF >/dev/null
cmake --build $build --target "${targets[@]/#/fuzz_}"

# Seeds from the demo bot, written fresh each run (the corpora keep growing).
seed() {  # target, name, content on stdin
  mkdir -p "$build/corpus/$1"
  cat >"$build/corpus/$1/seed_$2"
}
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/crashes/$t"
  cp tests/fuzz/seeds/$t/* "$build/corpus/$t/"
  find tests/fuzz/regressions/$t -type f ! -name .gitkeep -exec cp {} "$build/corpus/$t/" \;
  case $t in
    respond)
      /usr/bin/python3 - "$build/corpus/respond" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
rows = [json.loads(l) for l in open("bench/demo_eval.jsonl", encoding="utf-8")]
for i in range(0, len(rows), 3):  # three messages of the set make one dialog
    text = "\n".join(r["text"] for r in rows[i:i + 3])
    (out / f"seed_eval_{i:04d}").write_text(text, encoding="utf-8")
PY
      ;;
    rules)
      i=0
      for f in rules/hu/*.yaml rules/pl/*.yaml rules/*.yaml; do
        case $f in rules/hu/*) b='\x00' ;; rules/pl/*) b='\x01' ;; *) b='\x02' ;; esac
        { printf "$b"; cat "$f"; } | seed rules "$((i++))"
      done
      ;;
    kb)
      i=0
      for f in kb/hu/*.yaml kb/pl/*.yaml; do
        { printf '\x00'; cat "$f"; } | seed kb "$((i++))"
      done
      ;;
    session) ;;
  esac
done

total=0
for t in "${targets[@]}"; do
  log="$build/fuzz_$t.log"
  # -rss_limit_mb: the demo bot with ASan needs about 600 MB.
  "$build/bin/fuzz_$t" "$build/corpus/$t" -max_total_time="$seconds" \
    -rss_limit_mb=4096 -max_len=8192 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t/" >"$log" 2>&1 || {
    echo "fuzz_$t: stopped with a finding, see $log and $build/crashes/$t/" >&2
    tail -40 "$log" >&2
    exit 1
  }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz_$t: $runs executions in ${seconds}s, no crash"
  total=$((total + runs))
done
echo "total: $total executions"
