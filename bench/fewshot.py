"""Few-shot development benchmark (issue 17): bots we did not write.

    build/venv/bin/python bench/fewshot.py [--data ../shared/data/massive]
        [--markdown docs/benchmarks.md] [--shots 4,8,16] [--seeds 1,2,3]

MASSIVE hu/pl, train -> dev. For each seed, 10 of the 60 intents are left
out as unknown (their dev messages must not be answered); each of the other
50 gets k examples drawn from train (k = 4, 8, 16). Every draw becomes an
example-only libbot bot (one intent per MASSIVE intent, `examples:` only),
answers every dev message, and is scored:

- ranked first: the right intent is libbot's best candidate (known intents);
- answered right: the reply is an answer with the right intent (known);
- answered wrong: an answer with another intent (known);
- unknown answered: messages of a left-out intent that got an answer;
- clarify: share of all messages that got a "which one?" or slot question;
- ECE: expected calibration error of the answers' confidence (10 bins; an
  answer is right when its intent is the expected one), beside the ECE
  that perfectly calibrated answers would show on as many answers
  (devsets.ece_if_calibrated);
- answer precision: right answers among all answers.

Beside it, on the same draws, a plain baseline: TF-IDF over character
2-5-grams (word-bounded) and logistic regression (scikit-learn), trained on
the same examples. Its "answered" is "top probability >= t"; the trade-off
curve of both (answered right against unknown answered as a threshold on
the top score moves) is printed for k = 8.

Needs the libbot Python package and scikit-learn in the interpreter that
runs it (`build/venv/bin/python -m pip install scikit-learn`).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile
import time
from collections import defaultdict

import libbot
from devsets import ECE_IF_CALIBRATED, UNKNOWN, draw, ece, ece_if_calibrated, publish, read, reliability

REPO = pathlib.Path(__file__).resolve().parents[1]
CURVE_THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def write_bot(folder: pathlib.Path, lang: str, examples: dict[str, list[str]]) -> None:
    """An example-only bot; JSON is YAML's flow style, so json.dumps writes it."""
    intents = [{"id": i, "examples": texts, "replies": [f"({i})"]}
               for i, texts in sorted(examples.items())]
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / "bot.yaml").write_text(
        json.dumps({"intents": intents}, ensure_ascii=False, indent=1), encoding="utf-8")


def top_candidate(reply) -> tuple[str, float]:
    for c in reply.trace["candidates"]:
        if c["source"] in ("example", "rule", "faq"):
            return c["id"], c["probability"] if c["source"] != "rule" else reply.confidence
    return "", 0.0


def score_libbot(lang: str, examples, unknown, dev) -> tuple[dict, list]:
    with tempfile.TemporaryDirectory() as tmp:
        write_bot(pathlib.Path(tmp), lang, examples)
        engine = libbot.Engine(rules=tmp)
        replies = engine.respond_many([r["text"] for r in dev], lang=lang)
    return score_replies(replies, unknown, dev)


def score_replies(replies, unknown, dev) -> tuple[dict, list]:
    """The metrics of the module docstring for libbot's replies to `dev`
    (rows with "intent"; those in `unknown` must not be answered), and the
    trade-off curve's points."""
    m = defaultdict(float)
    known_n = unknown_n = 0
    answers: list[tuple[float, bool]] = []
    curve_points = []  # (top score, expected or None, top id)
    for row, reply in zip(dev, replies):
        expected = None if row["intent"] in unknown else row["intent"]
        top, top_score = top_candidate(reply)
        curve_points.append((top_score, expected, top))
        answered = reply.kind == "answer"
        right = answered and reply.id == expected
        m["clarify"] += reply.kind == "clarify"
        if answered:
            answers.append((reply.confidence, right))
        if expected is None:
            unknown_n += 1
            m["unknown_answered"] += answered
        else:
            known_n += 1
            m["ranked_first"] += top == expected
            m["answered_right"] += right
            m["answered_wrong"] += answered and not right
    out = {
        "ranked_first": m["ranked_first"] / known_n,
        "answered_right": m["answered_right"] / known_n,
        "answered_wrong": m["answered_wrong"] / known_n,
        "unknown_answered": m["unknown_answered"] / unknown_n,
        "clarify": m["clarify"] / len(dev),
        "ece": ece(answers),
        "ece_floor": ece_if_calibrated(answers, draws=200)[0],
        "pairs": answers,
        "precision": (sum(ok for _, ok in answers) / len(answers)) if answers else 0.0,
    }
    return out, curve_points


def score_baseline(examples, unknown, dev) -> tuple[dict, list]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels = [], []
    for intent, ex in sorted(examples.items()):
        texts += ex
        labels += [intent] * len(ex)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 lowercase=True)
    model = LogisticRegression(C=10.0, max_iter=2000)
    model.fit(vectorizer.fit_transform(texts), labels)
    probabilities = model.predict_proba(vectorizer.transform([r["text"] for r in dev]))
    classes = list(model.classes_)
    known_n = sum(r["intent"] not in unknown for r in dev)
    ranked = 0
    points = []
    for row, p in zip(dev, probabilities):
        best = int(p.argmax())
        expected = None if row["intent"] in unknown else row["intent"]
        ranked += expected is not None and classes[best] == expected
        points.append((float(p[best]), expected, classes[best]))
    return {"ranked_first": ranked / known_n}, points


def curve(points) -> list[tuple[float, float, float]]:
    """(threshold, answered right among known, answered among unknown)."""
    known = [p for p in points if p[1] is not None]
    unknown = [p for p in points if p[1] is None]
    out = []
    for t in CURVE_THRESHOLDS:
        right = sum(s >= t and top == e for s, e, top in known) / len(known)
        wrong_unknown = sum(s >= t for s, _, _ in unknown) / max(1, len(unknown))
        out.append((t, right, wrong_unknown))
    return out


def spread(values: list[float]) -> str:
    mean = statistics.fmean(values)
    return f"{100 * mean:.1f} ({100 * min(values):.1f}-{100 * max(values):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(REPO.parent / "shared/data/massive"))
    parser.add_argument("--markdown", default=None)
    parser.add_argument("--shots", default="4,8,16")
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args()
    shots = [int(k) for k in args.shots.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    data = pathlib.Path(args.data)
    started = time.time()
    rows = []
    curves = []
    calibration = []  # (lang, answers' (confidence, right) over the seeds) at k = 8
    for lang in ("hu", "pl"):
        train = read(data / f"{lang}_train.jsonl")
        dev = read(data / f"{lang}_dev.jsonl")
        for k in shots:
            ours: dict[str, list[float]] = defaultdict(list)
            base: dict[str, list[float]] = defaultdict(list)
            ours_points, base_points = [], []
            for seed in seeds:
                unknown, examples = draw(train, seed, k)
                m, points = score_libbot(lang, examples, unknown, dev)
                for key, value in m.items():
                    ours[key].append(value)
                b, bpoints = score_baseline(examples, unknown, dev)
                base["ranked_first"].append(b["ranked_first"])
                ours_points += points
                base_points += bpoints
                print(f"{lang} k={k} seed={seed}: libbot ranked first {100 * m['ranked_first']:.1f}, "
                      f"answered right {100 * m['answered_right']:.1f}, unknown answered "
                      f"{100 * m['unknown_answered']:.1f}; baseline ranked first "
                      f"{100 * b['ranked_first']:.1f}", file=sys.stderr)
            rows.append((lang, k, ours, base))
            if k == 8:
                curves.append((lang, curve(ours_points), curve(base_points)))
                calibration.append((f"{lang}, k = 8", [p for ps in ours["pairs"] for p in ps]))
    text = render(rows, curves, seeds, time.time() - started)
    text += ("\n\nReliability of libbot's answers at k = 8 (all seeds): answers per "
             "confidence bucket and how many of them were right.\n\n"
             + "\n".join(reliability(calibration))
             + "\n\n" + ECE_IF_CALIBRATED + " Here both are means over the seeds, the floor "
             "without its share.")
    publish(text, args.markdown, "fewshot")
    return 0


def render(rows, curves, seeds, seconds) -> str:
    out = [f"Measured by `bench/fewshot.py` ({seconds:.0f} s): MASSIVE train → dev, {UNKNOWN} of the "
           f"60 intents left out as unknown, k examples per known intent, seeds "
           f"{', '.join(map(str, seeds))}; mean (min-max) over the seeds, in %. libbot: an "
           "example-only bot with the default settings. Baseline: TF-IDF character 2-5-grams and "
           "logistic regression (scikit-learn) on the same examples.", "",
           "| lang | k | ranked first | answered right | answered wrong | unknown answered | "
           "clarify | answer precision | ECE | ECE if calibrated | baseline ranked first |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for lang, k, ours, base in rows:
        out.append(f"| {lang} | {k} | {spread(ours['ranked_first'])} | "
                   f"{spread(ours['answered_right'])} | {spread(ours['answered_wrong'])} | "
                   f"{spread(ours['unknown_answered'])} | {spread(ours['clarify'])} | "
                   f"{spread(ours['precision'])} | {statistics.fmean(ours['ece']):.3f} | "
                   f"{statistics.fmean(ours['ece_floor']):.3f} | {spread(base['ranked_first'])} |")
    out += ["", "Trade-off at k = 8 (all seeds together): answering when the top score is at least "
            "t, the share of known-intent messages answered right against the share of "
            "unknown-intent messages answered. libbot's score is its best candidate's probability; "
            "the baseline's, its top probability.", "",
            "| lang | t | libbot right | libbot unknown answered | baseline right | "
            "baseline unknown answered |", "|---|---|---|---|---|---|"]
    for lang, ours, base in curves:
        for (t, r, u), (_, br, bu) in zip(ours, base):
            out.append(f"| {lang} | {t:.1f} | {100 * r:.1f} | {100 * u:.1f} | {100 * br:.1f} | "
                       f"{100 * bu:.1f} |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
