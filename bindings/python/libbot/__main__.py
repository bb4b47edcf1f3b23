"""python -m libbot eval FILE [--rules DIR] [--kb FILE | --no-kb] [--lang hu|pl] [--json]
[--csv OUT] [--no-fail]: like `libbot eval`, exit 1 when a row is wrong.

python -m libbot import-nlpjs CORPUS.json... [--out rules] [--force]: rule files
from NLP.js corpora (libbot.import_nlpjs)."""

from __future__ import annotations

import argparse
import json
import sys

from . import Engine, KnowledgeBaseError, RuleError
from ._evaluate import evaluate, progress_bar
from ._import import import_nlpjs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m libbot")
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("eval", help="answer a test set and report accuracy")
    ev.add_argument("file", help="a .jsonl or .csv file in the `libbot eval` format")
    ev.add_argument("--rules", default="rules")
    kb = ev.add_mutually_exclusive_group()
    kb.add_argument("--kb", default=None, help="FAQ database (default: kb/faq.sqlite beside "
                    "the rules folder, when it exists; as libbot.Engine and `libbot`)")
    kb.add_argument("--no-kb", action="store_true", help="answer without any FAQ database")
    ev.add_argument("--lang", choices=["hu", "pl"], default=None)
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--csv", default=None, help="also write every row's result here")
    ev.add_argument("--threads", type=int, default=0)
    ev.add_argument("--no-fail", action="store_true",
                    help="exit 0 even when rows are wrong (the default is 1, for CI)")
    im = commands.add_parser("import-nlpjs",
                             help="write rule files from NLP.js corpus files")
    im.add_argument("corpus", nargs="+", help="NLP.js corpus JSON (locale hu-* or pl-*)")
    im.add_argument("--out", default="rules", help="the rules folder (default: rules)")
    im.add_argument("--force", action="store_true", help="replace files written before")
    args = parser.parse_args(argv)
    if args.command == "import-nlpjs":
        return import_command(args)
    try:
        engine = Engine(args.rules, False if args.no_kb else args.kb)
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
    return 0 if args.no_fail or report.correct == report.total else 1


def import_command(args: argparse.Namespace) -> int:
    try:
        report = import_nlpjs(args.corpus, args.out, force=args.force)
    except (OSError, ValueError) as e:
        print(f"libbot: {e}", file=sys.stderr)
        return 1
    print(report, end="")
    print(f"next: libbot lint --rules {args.out}, then libbot eval on your test messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
