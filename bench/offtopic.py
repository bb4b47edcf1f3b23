"""What examples of off-topic messages teach (out_of_scope intents).

    build/venv/bin/python bench/offtopic.py [--markdown docs/benchmarks.md]

MASSIVE hu/pl, train -> dev, the draws of bench/fewshot.py at k = 8 (seeds
1, 2, 3; 10 intents left out, never seen). Of the 50 intents a draw knows,
10 more (by seed) stand for topics the bot is not for, as a team collects
off-topic messages from its traffic; the other 40 are the bot. Three bots
on each draw:

- without: the 40 intents alone (the 10 topics' messages are off-topic
  like the never-seen ones);
- one out_of_scope intent: the 40, and one intent with `out_of_scope: true`
  whose examples are the 10 topics' examples (8 each);
- ten out_of_scope intents: the same examples, one intent per topic.

Every dev message is answered: the 40 intents' must be answered right, the
10 taught topics' and the 10 never-seen intents' must not be answered (a
fallback, a question or an out_of_scope intent's decline are all "not
answered").

Then a customer-service bot: the demo bot brought as an example-only bot
with default settings (bench/demo_bots.py's last row), without and with an
`off_topic` intent per language whose examples are the out-of-scope
messages of demo_eval's dev split; both scored on the held-out splits only.

Needs the libbot Python package and PyYAML in the interpreter that runs it.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import statistics
import sys
import tempfile
import time

import libbot
from devsets import draw, publish, read

REPO = pathlib.Path(__file__).resolve().parents[1]
SHOTS = 8
TAUGHT = 10  # of the 50 known intents, topics taught as off-topic
SEEDS = (1, 2, 3)
BOTS = ("without", "one out_of_scope intent", "ten out_of_scope intents")


def write_bot(folder: pathlib.Path, lang: str, known: dict[str, list[str]],
              taught: dict[str, list[str]], bot: str) -> None:
    intents = [{"id": i, "examples": texts, "replies": [f"({i})"]}
               for i, texts in sorted(known.items())]
    if bot == BOTS[1]:
        intents.append({"id": "off_topic", "out_of_scope": True,
                        "examples": [t for _, texts in sorted(taught.items()) for t in texts]})
    elif bot == BOTS[2]:
        intents += [{"id": f"off_topic.{i}", "out_of_scope": True, "examples": texts}
                    for i, texts in sorted(taught.items())]
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / "bot.yaml").write_text(
        json.dumps({"intents": intents}, ensure_ascii=False, indent=1), encoding="utf-8")


def score(replies, rows, known, taught) -> dict[str, float]:
    counts = {"known": 0, "right": 0, "first": 0, "taught": 0, "taught_answered": 0,
              "unseen": 0, "unseen_answered": 0}
    for row, reply in zip(rows, replies):
        answered = reply.kind == "answer"
        intent = row["intent"]
        if intent in known:
            counts["known"] += 1
            counts["right"] += answered and reply.id == intent
            first = next((c["id"] for c in reply.trace["candidates"]), "")
            counts["first"] += first == intent
        elif intent in taught:
            counts["taught"] += 1
            counts["taught_answered"] += answered
        else:
            counts["unseen"] += 1
            counts["unseen_answered"] += answered
    return {"ranked first": counts["first"] / counts["known"],
            "answered right": counts["right"] / counts["known"],
            "taught topics answered": counts["taught_answered"] / counts["taught"],
            "never-seen intents answered": counts["unseen_answered"] / counts["unseen"]}


def demo_table() -> list[str]:
    """The example-only demo bot on demo_eval's held-out splits, without and
    with the dev split's out-of-scope messages as an out_of_scope intent."""
    from demo_bots import demo_eval_rows, example_only
    from demo_bots import score as score_demo
    rows = demo_eval_rows()
    held_out = [r for r in rows if r.get("split", "").startswith("held_out")]
    taught = [r for r in rows if r.get("split") == "dev" and r["expect"] == "@oos"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        kb = tmp / "faq.sqlite"
        libbot.build_kb(REPO / "kb", kb)
        for bot in ("without", "with the dev split's off-topic messages"):
            rules = tmp / bot.split()[0]
            example_only(REPO / "rules", rules, True, default_settings=True)
            if bot != "without":
                for lang in ("hu", "pl"):
                    examples = [r["text"] for r in taught if r.get("lang") == lang]
                    (rules / lang / "off_topic.yaml").write_text(json.dumps(
                        {"intents": [{"id": "off_topic", "out_of_scope": True,
                                      "examples": examples}]}, ensure_ascii=False),
                        encoding="utf-8")
            results.append((bot, score_demo(rules, kb, [dict(r) for r in held_out])))
    in_scope = sum(r["expect"] != "@oos" for r in held_out)
    out_of_scope = len(held_out) - in_scope
    lines = [f"The demo bot as an example-only bot with default settings (bench/demo_bots.py's "
             f"last row), on demo_eval's held-out splits ({in_scope} in-scope and "
             f"{out_of_scope} out-of-scope messages); the second bot also has an `off_topic` "
             f"intent per language holding the dev split's {len(taught)} out-of-scope "
             "messages.", "",
             "| bot | all rows right | out-of-scope answered | answer precision |",
             "|---|---|---|---|"]
    for bot, m in results:
        lines.append(f"| {bot} | {100 * m['right']:.1f}% | {100 * m['oos']:.1f}% | "
                     f"{100 * m['precision']:.1f}% |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(REPO.parent / "shared/data/massive"))
    parser.add_argument("--markdown", default=None)
    args = parser.parse_args()
    data = pathlib.Path(args.data)
    started = time.time()
    results: dict[tuple[str, str], dict[str, list[float]]] = {}
    for lang in ("hu", "pl"):
        train = read(data / f"{lang}_train.jsonl")
        dev = read(data / f"{lang}_dev.jsonl")
        for seed in SEEDS:
            _, examples = draw(train, seed, SHOTS)
            taught_ids = set(random.Random(seed + 500).sample(sorted(examples), TAUGHT))
            known = {i: t for i, t in examples.items() if i not in taught_ids}
            taught = {i: t for i, t in examples.items() if i in taught_ids}
            for bot in BOTS:
                with tempfile.TemporaryDirectory() as tmp:
                    write_bot(pathlib.Path(tmp), lang, known, taught, bot)
                    engine = libbot.Engine(rules=tmp)
                    replies = engine.respond_many([r["text"] for r in dev], lang=lang)
                m = score(replies, dev, known, taught)
                print(f"{lang} seed={seed} {bot}: " +
                      ", ".join(f"{k} {100 * v:.1f}" for k, v in m.items()), file=sys.stderr)
                for key, value in m.items():
                    results.setdefault((lang, bot), {}).setdefault(key, []).append(value)
    metrics = list(next(iter(results.values())))
    demo = demo_table()
    out = [f"Measured by `bench/offtopic.py` ({time.time() - started:.0f} s): MASSIVE train → "
           f"dev, k = {SHOTS}, seeds {', '.join(map(str, SEEDS))}; of each draw's 50 known "
           f"intents, {TAUGHT} are topics taught as off-topic, 40 are the bot; 10 intents are "
           "never seen. Mean (min-max) over the seeds, in %; default settings.", "",
           "| lang | bot | " + " | ".join(metrics) + " |",
           "|---|---|" + "---|" * len(metrics)]
    for (lang, bot), m in results.items():
        cells = [f"{100 * statistics.fmean(v):.1f} ({100 * min(v):.1f}-{100 * max(v):.1f})"
                 for v in m.values()]
        out.append(f"| {lang} | {bot} | " + " | ".join(cells) + " |")
    out += ["", *demo]
    publish("\n".join(out), args.markdown, "offtopic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
