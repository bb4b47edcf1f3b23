"""Python binding throughput against the C++ engine on the same messages.

    build/venv/bin/python bench/python_bench.py [--markdown docs/benchmarks.md]

Messages: the demo eval set's texts plus the language-identification set,
repeated. Both sides keep every reply until the batch is done, as a batch
run does (the C++ side in a std::vector<Reply>, `respond_bench
--keep-replies --trace`), and both build the trace (Python's default); both are compiled with -O2
(RelWithDebInfo). Measures engine.respond (one thread, GIL held between calls),
engine.respond_many on all cores and on one thread, and the C++ program
`bench/respond_bench` (built by CMake) on the same messages and threads.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time

import libbot

REPO = pathlib.Path(__file__).resolve().parents[1]


def messages():
    texts = []
    for line in (REPO / "tests/data/langid.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            texts.append(line.split("\t", 1)[1])
    for line in (REPO / "tests/data/demo_eval_small.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts * 100


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown")
    args = parser.parse_args()
    texts = messages()
    kb = REPO / "build/bench_faq.sqlite"
    libbot.build_kb(REPO / "kb", kb)
    engine = libbot.Engine(REPO / "rules", kb)
    engine.respond_many(texts[:500])  # warm-up
    cores = os.cpu_count() or 1
    native = REPO / "build/bench/respond_bench"
    message_file = REPO / "build/bench_messages.txt"
    message_file.write_text("\n".join(texts), encoding="utf-8")

    def python_rate(fn):
        # The replies are freed after the clock stops, as respond_bench
        # frees its kept replies after its own.
        start = time.perf_counter()
        replies = fn()
        rate = len(texts) / (time.perf_counter() - start)
        del replies
        return rate

    def native_run(threads):
        out = subprocess.run([str(native), str(REPO / "rules"), str(kb), str(message_file),
                              str(threads), "--keep-replies", "--trace"],
                             capture_output=True, text=True, check=True).stdout
        return float(re.search(r"([0-9.]+) messages/s", out).group(1))

    measures = [
        ("Python engine.respond, one call per message", 1,
         lambda: python_rate(lambda: [engine.respond(t) for t in texts])),
        ("Python engine.respond_many(threads=1)", 1,
         lambda: python_rate(lambda: engine.respond_many(texts, threads=1))),
        (f"Python engine.respond_many(threads={cores})", cores,
         lambda: python_rate(lambda: engine.respond_many(texts))),
        ("C++ Engine::Respond, 1 thread", 1, lambda: native_run(1)),
        (f"C++ Engine::Respond, {cores} threads", cores, lambda: native_run(cores)),
    ]
    # Five rounds, the measurements interleaved, the median of each: this
    # machine's speed drifts, and both sides should see the same drift.
    samples = {name: [] for name, _, _ in measures}
    for _ in range(5):
        for name, _, measure in measures:
            samples[name].append(measure())
    rows = [(name, threads, sorted(samples[name])[2]) for name, threads, _ in measures]
    native_rate = {t: r for name, t, r in rows if name.startswith("C++")}
    report = ("Measured by `bench/python_bench.py` (demo rules and FAQ; "
              f"{len(texts)} messages from tests/data).\n\n"
              "| how | threads | messages/s | vs C++ on the same threads |\n|---|---|---|---|\n")
    for name, threads, rate in rows:
        report += f"| {name} | {threads} | {rate:,.0f} | {100 * rate / native_rate[threads]:.0f}% |\n"
    print(report)
    if args.markdown:
        doc = pathlib.Path(args.markdown).read_text(encoding="utf-8")
        begin, end = "<!-- python:begin -->", "<!-- python:end -->"
        if begin not in doc:
            sys.exit(f"{args.markdown}: markers not found")
        doc = doc[:doc.index(begin) + len(begin)] + "\n" + report + doc[doc.index(end):]
        pathlib.Path(args.markdown).write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
