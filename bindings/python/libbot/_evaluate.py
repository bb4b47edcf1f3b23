"""Batch answer testing: libbot.evaluate(engine, source) -> Report.

A row is {"text", "expect", "lang"?, "conversation"?, "split"?} (the `libbot
eval` format). `split` names a part of the set ("dev", "held_out"); the
report gives accuracy per language and split. `expect` is an id or a list of ids, or "@handoff", "@oos" (must not
be answered), "@clarify", "@fallback". A row is correct when the reply is an
answer or a handoff whose id is expected, or matches the @-expectation. Rows
with the same `conversation` share one Session, in order.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from . import _libbot

_NO_ID = "(none)"


def _rows(source: Any) -> list[dict]:
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, encoding="utf-8", newline="") as f:
            if path.endswith(".csv"):
                rows = []
                for row in csv.DictReader(f):
                    expect = row.get("expect", "")
                    rows.append({**row, "expect": expect.split("|") if "|" in expect else expect})
                return rows
            rows = []
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{number}: {e.msg}") from None
            return rows
    return [dict(r) for r in source]


def _expected(row: dict) -> list[str]:
    expect = row.get("expect")
    if isinstance(expect, str):
        return [expect]
    if isinstance(expect, (list, tuple)) and all(isinstance(e, str) for e in expect):
        return list(expect)
    raise ValueError(f"row needs 'expect' (an id, a list of ids or @...): {row!r}")


def is_correct(expect: list[str], reply) -> bool:
    # The rule of `libbot eval` and `libbot test` (libbot::MeetsExpectation).
    return any(_libbot.meets_expectation(reply, e) for e in expect)


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    results: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.results if not r["correct"]]

    def _rate(self, kind: str) -> float:
        return sum(r["kind"] == kind for r in self.results) / self.total if self.total else 0.0

    @property
    def handoff_rate(self) -> float:
        return self._rate("handoff")

    @property
    def clarify_rate(self) -> float:
        return self._rate("clarify")

    @property
    def oos_false_answer_rate(self) -> float:
        """Of the rows that expect @oos, the share that got an answer."""
        oos = [r for r in self.results if r["expect"] == ["@oos"]]
        return sum(r["kind"] == "answer" for r in oos) / len(oos) if oos else 0.0

    def groups(self, by_split: bool = True) -> dict[str, dict[str, float]]:
        """Per language, or "language/split" when rows name a split (unless
        by_split is False): total, correct, accuracy, out-of-scope rows and
        how many got an answer."""
        out: dict[str, dict[str, float]] = {}
        for r in self.results:
            split = r.get("split") if by_split else None
            name = r["lang"] + (f"/{split}" if split else "")
            g = out.setdefault(name, {"total": 0, "correct": 0, "oos": 0, "oos_answered": 0})
            g["total"] += 1
            g["correct"] += r["correct"]
            if r["expect"] == ["@oos"]:
                g["oos"] += 1
                g["oos_answered"] += r["kind"] == "answer"
        for g in out.values():
            g["accuracy"] = g["correct"] / g["total"]
            g["oos_answer_rate"] = g["oos_answered"] / g["oos"] if g["oos"] else 0.0
        return dict(sorted(out.items()))

    def per_id(self) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 per expected id (rows expecting one id)."""
        tp: Counter = Counter()
        fp: Counter = Counter()
        fn: Counter = Counter()
        for r in self.results:
            understood = r["kind"] in ("answer", "handoff") or (
                r["kind"] == "clarify" and r.get("reason") == "slot")
            predicted = r["id"] if understood else _NO_ID
            expected = r["expect"][0] if len(r["expect"]) == 1 else None
            if expected is None or expected.startswith("@"):
                if predicted != _NO_ID and not r["correct"]:
                    fp[predicted] += 1
                continue
            if predicted == expected:
                tp[expected] += 1
            else:
                fn[expected] += 1
                if predicted != _NO_ID:
                    fp[predicted] += 1
        out = {}
        for label in sorted(set(tp) | set(fn) | set(fp)):
            p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
            rc = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            out[label] = {"precision": p, "recall": rc, "f1": f1,
                          "support": tp[label] + fn[label]}
        return out

    def confusions(self, top: int = 20) -> list[tuple[str, str, int]]:
        """The most frequent (expected, got, count) among the wrong rows."""
        c = Counter((" | ".join(r["expect"]), r["id"] or r["kind"]) for r in self.failures)
        return [(e, g, n) for (e, g), n in c.most_common(top)]

    def to_dict(self) -> dict:
        return {"total": self.total, "correct": self.correct, "accuracy": self.accuracy,
                "oos_false_answer_rate": self.oos_false_answer_rate,
                "handoff_rate": self.handoff_rate, "clarify_rate": self.clarify_rate,
                "groups": self.groups(), "languages": self.groups(by_split=False),
                "per_id": self.per_id(),
                "confusions": [{"expected": e, "got": g, "count": n}
                               for e, g, n in self.confusions()],
                "results": self.results}

    def to_csv(self, path: str | os.PathLike) -> None:
        """One row per evaluated message."""
        columns = ["line", "text", "expect", "kind", "id", "confidence", "lang", "split",
                   "correct"]
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            for r in self.results:
                writer.writerow({**{c: r[c] for c in columns}, "expect": "|".join(r["expect"])})

    def __str__(self) -> str:
        out = io.StringIO()
        out.write(f"{self.correct}/{self.total} correct ({100 * self.accuracy:.1f}%)\n")
        out.write(f"out-of-scope answered: {100 * self.oos_false_answer_rate:.1f}%   "
                  f"handoff: {100 * self.handoff_rate:.1f}%   "
                  f"clarify: {100 * self.clarify_rate:.1f}%\n")
        groups = self.groups()
        languages = self.groups(by_split=False)
        if len(groups) > len(languages) > 1:
            groups.update(languages)  # each language over all its splits too
        if len(groups) > 1:
            for name, g in groups.items():
                out.write(f"  {name:16} {g['correct']}/{g['total']} correct "
                          f"({100 * g['accuracy']:.1f}%), out-of-scope answered "
                          f"{g['oos_answered']}/{g['oos']}\n")
        weak = [(k, v) for k, v in self.per_id().items() if v["f1"] < 1.0]
        if weak:
            out.write("ids below F1 1.0:\n")
            for label, v in sorted(weak, key=lambda kv: kv[1]["f1"])[:15]:
                out.write(f"  {label:30} P {v['precision']:.2f}  R {v['recall']:.2f}  "
                          f"F1 {v['f1']:.2f}  ({v['support']})\n")
        if self.failures:
            out.write("most frequent confusions:\n")
            for e, g, n in self.confusions(10):
                out.write(f"  {n:4}× expected {e}, got {g}\n")
            out.write(f"failing rows ({len(self.failures)}):\n")
            for r in self.failures[:20]:
                out.write(f"  line {r['line']}: {r['text']!r} expected {'|'.join(r['expect'])}, "
                          f"got {r['kind']} {r['id']} ({r['confidence']:.2f})\n")
        return out.getvalue()


def evaluate(engine, source: Any, *, lang: str | None = None, threads: int = 0,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Answers every row of `source` (a .jsonl or .csv path, or an iterable of
    dicts) and reports accuracy, per-id precision/recall/F1, confusions,
    out-of-scope answers, handoff and clarify rates, and the failing rows.
    Rows without a conversation run in parallel (`threads`, 0: all cores)."""
    from . import Session  # a cycle at import time otherwise

    rows = _rows(source)
    replies: list = [None] * len(rows)
    # Independent rows, grouped by language, in parallel batches.
    batches: dict[str | None, list[int]] = {}
    for i, row in enumerate(rows):
        if not row.get("conversation"):
            batches.setdefault(row.get("lang") or lang, []).append(i)
    done = 0
    chunk = 256
    for row_lang, indexes in batches.items():
        for start in range(0, len(indexes), chunk):
            part = indexes[start:start + chunk]
            for i, reply in zip(part, engine.respond_many([rows[i]["text"] for i in part],
                                                          lang=row_lang, threads=threads)):
                replies[i] = reply
            done += len(part)
            if progress:
                progress(done, len(rows))
    # Conversations, in file order.
    sessions: dict[str, Session] = {}
    for i, row in enumerate(rows):
        conversation = row.get("conversation")
        if not conversation:
            continue
        session = sessions.setdefault(str(conversation), Session())
        replies[i] = engine.respond(row["text"], session, row.get("lang") or lang)
        done += 1
        if progress and done % 64 == 0:
            progress(done, len(rows))
    if progress:
        progress(len(rows), len(rows))
    report = Report()
    for i, (row, reply) in enumerate(zip(rows, replies)):
        expect = _expected(row)
        correct = is_correct(expect, reply)
        report.total += 1
        report.correct += correct
        report.results.append({"line": i + 1, "text": row["text"], "expect": expect,
                               "kind": reply.kind, "id": reply.id, "reason": reply.reason,
                               "confidence": reply.confidence,
                               "lang": row.get("lang") or reply.lang,
                               "split": row.get("split") or "", "correct": correct})
    return report


def progress_bar(done: int, total: int) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
