"""Test the bot's answers in bulk, the way a QA person would.

    python examples/python/batch_test.py my_tests.jsonl

Each line of my_tests.jsonl: {"text": "...", "expect": "order_status"}
(see docs/python.md for the format). Prints the report, writes every row's
result to results.csv, and exits with 1 when accuracy is below 95% or the
bot answers out-of-scope messages, so it can guard a CI job.
"""

import sys

import libbot

engine = libbot.Engine(rules="rules")  # and kb/faq.sqlite beside it, when built
report = libbot.evaluate(engine, sys.argv[1] if len(sys.argv) > 1 else "tests/data/demo_eval_small.jsonl")

print(report)                      # accuracy, weak ids, confusions, failing rows
report.to_csv("results.csv")       # one row per message, for a spreadsheet

for row in report.failures[:5]:    # or work with the rows directly
    print("FIX:", row["text"], "->", row["id"] or row["kind"], "expected", row["expect"])

sys.exit(0 if report.accuracy >= 0.95 and report.oos_false_answer_rate == 0 else 1)
