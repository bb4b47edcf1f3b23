"""An energy utility's example-only bot (issue 17): a bot we wrote as
another team would, and measured blind.

    build/venv/bin/python bench/servicebot.py [--markdown docs/benchmarks.md]

bench/servicebot/rules is what a team brings from an example-based engine:
20 intents of 6 examples each per language (greetings and thanks among
them), no patterns, concepts or synonyms, default settings.
bench/servicebot/tests.jsonl holds 160 in-scope and 30 out-of-scope
(`@oos`) messages per language, written before libbot saw the bot; its
first run is recorded in docs/benchmarks.md. It is a development set now:
results on it after that run are in sample.

Scored as bench/fewshot.py scores a draw (ranked first, answered right,
out-of-scope answered, clarify, answer precision, the answers' ECE), plus
the ECE of the first candidate's probability over every in-scope message
(whether or not it was answered), and beside it the same TF-IDF character
n-gram logistic regression baseline, trained on the same examples.

Needs the libbot Python package, PyYAML and scikit-learn in the interpreter
that runs it.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

import yaml

import libbot
from devsets import ECE_IF_CALIBRATED, ece, ece_floor_cell, publish, reliability
from fewshot import curve, score_baseline, score_replies

REPO = pathlib.Path(__file__).resolve().parents[1]
SOURCE = REPO / "bench" / "servicebot"
OUT_OF_SCOPE = "@oos"


def examples(lang: str) -> dict[str, list[str]]:
    doc = yaml.safe_load((SOURCE / "rules" / lang / "intents.yaml").read_text(encoding="utf-8"))
    return {intent["id"]: list(intent["examples"]) for intent in doc["intents"]}


def messages(lang: str) -> list[dict]:
    """The test rows of one language, as fewshot's scorers read them."""
    rows = [json.loads(line) for line in
            (SOURCE / "tests.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"text": r["text"], "intent": r["expect"]} for r in rows if r["lang"] == lang]


def first_candidate_ece(points) -> float:
    """Calibration of the best candidate's probability, answered or not,
    over the in-scope messages and the out-of-scope ones (never right)."""
    return ece([(score, top == expected) for score, expected, top in points])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown", default=None)
    args = parser.parse_args()
    started = time.time()
    engine = libbot.Engine(rules=SOURCE / "rules")
    unknown = {OUT_OF_SCOPE}
    results = []
    for lang in ("hu", "pl"):
        rows = messages(lang)
        replies = engine.respond_many([r["text"] for r in rows], lang=lang)
        ours, points = score_replies(replies, unknown, rows)
        base, base_points = score_baseline(examples(lang), unknown, rows)
        results.append((lang, len(rows), ours, points, base, base_points))
    out = [f"Measured by `bench/servicebot.py` ({time.time() - started:.0f} s): bench/servicebot, "
           "20 intents × 6 examples per language, default settings; 160 in-scope and 30 "
           "out-of-scope messages per language. Baseline: TF-IDF character 2-5-grams and "
           "logistic regression on the same examples.", "",
           "| lang | ranked first | answered right | answered wrong | out-of-scope answered | "
           "clarify | answer precision | ECE, answers | ECE if calibrated | "
           "ECE, first candidates | baseline ranked first |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for lang, _, m, points, base, _ in results:
        out.append(f"| {lang} | {100 * m['ranked_first']:.1f}% | {100 * m['answered_right']:.1f}% | "
                   f"{100 * m['answered_wrong']:.1f}% | {100 * m['unknown_answered']:.1f}% | "
                   f"{100 * m['clarify']:.1f}% | {100 * m['precision']:.1f}% | {m['ece']:.3f} | "
                   f"{ece_floor_cell(m['pairs'])} | {first_candidate_ece(points):.3f} | {100 * base['ranked_first']:.1f}% |")
    out += ["", "Trade-off: answering when the best candidate's probability (libbot) or top "
            "probability (baseline) is at least t: in-scope messages answered right against "
            "out-of-scope ones answered.", "",
            "| lang | t | libbot right | libbot out-of-scope answered | baseline right | "
            "baseline out-of-scope answered |", "|---|---|---|---|---|---|"]
    for lang, _, _, points, _, base_points in results:
        for (t, r, u), (_, br, bu) in zip(curve(points), curve(base_points)):
            out.append(f"| {lang} | {t:.1f} | {100 * r:.1f} | {100 * u:.1f} | {100 * br:.1f} | "
                       f"{100 * bu:.1f} |")
    out += ["", "Reliability of libbot's answers: answers per confidence bucket and how many of "
            "them were right.", ""]
    out += reliability([(lang, m["pairs"]) for lang, _, m, _, _, _ in results])
    out += ["", ECE_IF_CALIBRATED]
    publish("\n".join(out), args.markdown, "servicebot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
