"""What the development benchmarks of issue 17 share (bench/fewshot.py,
bench/demo_bots.py, bench/helpcentre.py, bench/fit_confidence.py,
bench/compare.py): reading MASSIVE, drawing a few-shot bot, the calibration
error and writing a result into its section of docs/benchmarks.md. (No
libbot import here: bench/compare.py runs under Debian's Python.)"""

from __future__ import annotations

import json
import pathlib
import random
import statistics

UNKNOWN = 10  # intents left out of every few-shot draw


def read(path: pathlib.Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def draw(train: list[dict], seed: int, k: int,
         off_topic_scenarios: int = 0) -> tuple[set[str], dict[str, list[str]]]:
    """The left-out intents and k examples of each known one, by seed.
    With off_topic_scenarios, every intent of that many whole scenarios
    ("weather", "music") is left out too: topics the bot knows nothing of,
    besides cousins of known intents."""
    by_intent: dict[str, list[str]] = {}
    for row in train:
        texts = by_intent.setdefault(row["intent"], [])
        if row["text"] not in texts:
            texts.append(row["text"])
    intents = sorted(by_intent)
    unknown = set(random.Random(seed).sample(intents, UNKNOWN))
    if off_topic_scenarios:
        scenarios = sorted({i.split("_")[0] for i in intents})
        off_topic = set(random.Random(seed + 100).sample(scenarios, off_topic_scenarios))
        unknown |= {i for i in intents if i.split("_")[0] in off_topic}
    rng = random.Random(seed * 1000 + k)
    examples = {i: rng.sample(by_intent[i], min(k, len(by_intent[i])))
                for i in intents if i not in unknown}
    return unknown, examples


def calibration_bins(pairs: list[tuple[float, bool]],
                     bins: int = 10) -> list[list[tuple[float, bool]]]:
    """The pairs of each non-empty equal-width confidence bin (a confidence
    of 1.0 in the last)."""
    grouped: dict[int, list[tuple[float, bool]]] = {}
    for c, ok in pairs:
        b = next((b for b in range(bins) if b / bins <= c < (b + 1) / bins), bins - 1)
        grouped.setdefault(b, []).append((c, ok))
    return [grouped[b] for b in sorted(grouped)]


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error of (confidence, right) pairs: the mean gap
    between confidence and accuracy over equal-width confidence bins,
    weighted by how many pairs each bin holds."""
    if not pairs:
        return 0.0
    total = 0.0
    for inside in calibration_bins(pairs, bins):
        confidence = statistics.fmean(c for c, _ in inside)
        accuracy = statistics.fmean(1.0 if ok else 0.0 for _, ok in inside)
        total += abs(confidence - accuracy) * len(inside)
    return total / len(pairs)


def ece_if_calibrated(pairs: list[tuple[float, bool]], bins: int = 10,
                      draws: int = 1000, seed: int = 17) -> tuple[float, float]:
    """What ece(pairs) would be if every answer were right with exactly the
    probability its confidence states, and how often that is at least the
    measured ECE. On a hundred answers a perfectly calibrated engine still
    shows an ECE of about 0.05 (the buckets' accuracy is a sample), so a
    measured ECE is read against this floor: (the mean over `draws`
    simulated outcomes, the share of them at or above the measured one).
    A small share says the gap is more than chance."""
    if not pairs:
        return 0.0, 1.0
    measured = ece(pairs, bins)
    groups = [(statistics.fmean(c for c, _ in inside), [c for c, _ in inside])
              for inside in calibration_bins(pairs, bins)]
    rng = random.Random(seed)
    total, at_least = 0.0, 0
    for _ in range(draws):
        gap = 0.0
        for confidence, cs in groups:
            right = sum(rng.random() < c for c in cs)
            gap += abs(confidence * len(cs) - right)
        simulated = gap / len(pairs)
        total += simulated
        at_least += simulated >= measured - 1e-12
    return total / draws, at_least / draws


# The note under every table with an "ECE if calibrated" column.
ECE_IF_CALIBRATED = (
    "ECE if calibrated: the ECE the same answers would show if each were right "
    "with exactly the probability its confidence states (the mean of 1,000 "
    "simulated draws), and in brackets how often such a draw reaches the measured "
    "ECE. On a hundred answers a perfectly calibrated engine shows about 0.05: "
    "a measured ECE near its floor, or reached often, is not told apart from "
    "calibrated; one reached in under 5% of draws is a real gap.")


def ece_floor_cell(pairs: list[tuple[float, bool]]) -> str:
    """A table cell for ece_if_calibrated: "0.052 (34%)" reads "calibrated
    answers would show 0.052 on these confidences, and 0.052 or more in 34%
    of draws"."""
    floor, share = ece_if_calibrated(pairs)
    return f"{floor:.3f} ({100 * share:.0f}%)"


RELIABILITY_BUCKETS = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]


def reliability(named: list[tuple[str, list[tuple[float, bool]]]]) -> list[str]:
    """A reliability table: for each set, per confidence bucket, how many
    answers fell in it and how many of them were right."""
    edges = RELIABILITY_BUCKETS
    heads = [f"{lo:.1f}-{hi:.1f}" for lo, hi in zip(edges, edges[1:])]
    out = ["| answers | " + " | ".join(heads) + " |", "|---" * (len(heads) + 1) + "|"]
    for name, pairs in named:
        cells = []
        for i, (lo, hi) in enumerate(zip(edges, edges[1:])):
            last = i == len(heads) - 1
            inside = [ok for c, ok in pairs if lo <= c < hi or (last and c >= hi)]
            cells.append(f"{len(inside)}: {100 * sum(inside) / len(inside):.0f}% right"
                         if inside else "–")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def publish(text: str, markdown: str | None, section: str) -> None:
    """Prints `text` and, given a markdown file, puts it between the
    section's `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers (or at
    the end, with new markers)."""
    print(text)
    if not markdown:
        return
    path = pathlib.Path(markdown)
    doc = path.read_text(encoding="utf-8")
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    if begin in doc and end in doc:
        head, rest = doc.split(begin, 1)
        _, tail = rest.split(end, 1)
        doc = head + begin + "\n" + text + "\n" + end + tail
    else:
        doc += f"\n{begin}\n{text}\n{end}\n"
    path.write_text(doc, encoding="utf-8")
