"""python -m libbot eval FILE [--rules DIR] [--kb FILE] [--lang hu|pl] [--json] [--csv OUT]"""

from __future__ import annotations

import argparse
import json
import sys

from . import Engine, KnowledgeBaseError, RuleError
from ._evaluate import evaluate, progress_bar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m libbot")
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("eval", help="answer a test set and report accuracy")
    ev.add_argument("file", help="a .jsonl or .csv file in the `libbot eval` format")
    ev.add_argument("--rules", default="rules")
    ev.add_argument("--kb", default=None, help="FAQ database (kb/faq.sqlite)")
    ev.add_argument("--lang", choices=["hu", "pl"], default=None)
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--csv", default=None, help="also write every row's result here")
    ev.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        engine = Engine(args.rules, args.kb)
    except (RuleError, KnowledgeBaseError, FileNotFoundError, OSError) as e:
        print(e, file=sys.stderr)
        return 1
    def progress(done: int, total: int) -> None:
        if total >= 500:  # long files only
            progress_bar(done, total)

    try:
        report = evaluate(engine, args.file, lang=args.lang, threads=args.threads,
                          progress=None if args.json else progress)
    except (OSError, ValueError) as e:
        print(f"libbot: {e}", file=sys.stderr)
        return 1
    if args.csv:
        report.to_csv(args.csv)
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else report, end="")
    if args.json:
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
