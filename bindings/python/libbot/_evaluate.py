"""Batch answer testing: libbot.evaluate(engine, source) -> Report.

A row is {"text", "expect", "lang"?, "conversation"?, "split"?} (the `libbot
eval` format). `split` names a part of the set ("dev", "held_out"); the
report gives accuracy per language and split. `expect` is an id or a list of
ids, "ask:ID" (a question for a detail of intent ID), or "@handoff", "@oos"
(must not be answered), "@clarify", "@fallback". A row is correct when the
reply is an answer or a handoff whose id is expected, or meets the "ask:" or
@-expectation. A question for a detail of an expected id is not correct: it
counts as "understood" (Report.understood), in its own column. Rows with the
same `conversation` share one Session, in order.

The answering and every number come from libbot's C++ evaluation
(libbot/evaluate.h), the same code as `libbot eval`; this module turns its
report into Python values.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Callable

from . import _libbot


def _expected(row: dict) -> list[str]:
    expect = row.get("expect")
    if isinstance(expect, str):
        # "a|b" as in the CSV format (ids never contain "|").
        return [e for e in expect.split("|") if e] or [expect]
    if isinstance(expect, (list, tuple)) and expect and all(isinstance(e, str) for e in expect):
        return list(expect)
    raise ValueError(f"row needs 'expect' (an id, a list of ids or @...): {row!r}")


def _missing(value: Any) -> bool:
    """None, or a DataFrame's empty cell (NaN, pandas.NA)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the one value unequal to itself
    except (TypeError, ValueError):  # pandas.NA refuses bool()
        return True


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _rows(source: Any) -> Iterable[dict]:
    """The rows of an iterable of dicts, or of a pandas DataFrame (iterating a
    DataFrame gives its column names, not its rows)."""
    to_dict = getattr(source, "to_dict", None)
    if callable(to_dict) and hasattr(source, "columns"):
        return to_dict("records")
    if isinstance(source, dict):
        raise ValueError("evaluate() takes a path, a DataFrame or an iterable of rows "
                         "(dicts), not one dict")
    return source


def _utf8(text: str) -> bytes:
    """A message as libbot takes it: lone surrogates survive as ill-formed
    UTF-8, which libbot handles safely."""
    return text.encode("utf-8", "surrogatepass")


def _cases(source: Any) -> list[tuple]:
    """The cases as the native evaluate() takes them: (text, expect, lang,
    conversation, split, line)."""
    if isinstance(source, (str, os.PathLike)):
        code, message, cases = _libbot.read_eval_cases(os.fspath(source))
        if code == "not_found":
            raise FileNotFoundError(message)
        if code != "ok":
            raise ValueError(message)
        return cases
    cases = []
    for line, row in enumerate(_rows(source), 1):
        if not isinstance(row, Mapping):
            raise ValueError(f"row {line} is not a dict (with 'text' and 'expect'): {row!r}")
        row = dict(row)
        if not isinstance(row.get("text"), str):
            raise ValueError(f"row needs 'text' (a string): {row!r}")
        lang = _text(row.get("lang"))
        if lang not in ("", "hu", "pl"):
            raise ValueError(f"'lang' must be 'hu', 'pl' or empty: {row!r}")
        # Bytes, as Engine.respond sends them.
        cases.append((_utf8(row["text"]), [_utf8(e) for e in _expected(row)], lang,
                      _utf8(_text(row.get("conversation"))),
                      _utf8(_text(row.get("split"))), line))
    return cases


def _cell(value: Any) -> Any:
    """A customer's message as a spreadsheet cell: text starting with = + - @
    (or a tab or carriage return) would run as a formula when the CSV is
    opened, so it gets a leading apostrophe (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass
class Report:
    """What libbot.evaluate() measured. `results` has one dict per row:
    line, text, expect (a list), kind, id, reason, signals, confidence, lang,
    split, conversation, correct, understood, understood_as ("id", "ask:id"
    or "")."""
    total: int = 0
    correct: int = 0
    results: list[dict] = field(default_factory=list)
    _data: dict = field(default_factory=dict, repr=False)
    _text: str = field(default="", repr=False)

    @property
    def accuracy(self) -> float:
        return self._data.get("accuracy", 0.0)

    @property
    def understood(self) -> int:
        """Rows answered right, plus those where the bot asked for a detail
        of the expected intent instead (understood, not yet answered)."""
        return self._data.get("understood", 0)

    @property
    def understood_rate(self) -> float:
        return self._data.get("understood_rate", 0.0)

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.results if not r["correct"]]

    @property
    def answer_rate(self) -> float:
        return self._data.get("answer_rate", 0.0)

    @property
    def handoff_rate(self) -> float:
        return self._data.get("handoff_rate", 0.0)

    @property
    def clarify_rate(self) -> float:
        return self._data.get("clarify_rate", 0.0)

    @property
    def fallback_rate(self) -> float:
        return self._data.get("fallback_rate", 0.0)

    @property
    def oos_false_answer_rate(self) -> float:
        """Of the rows that expect @oos, the share that got an answer."""
        return self._data.get("oos_answer_rate", 0.0)

    @property
    def calibration_error(self) -> float:
        """The answers' expected calibration error: the gap between their
        confidence and the share right, over ten bins (0: no answers).
        Read it beside calibration_error_by_chance."""
        return self._data.get("calibration_error", 0.0)

    @property
    def calibration_error_by_chance(self) -> float:
        """What calibration_error would be by chance alone if each answer
        were right with exactly its confidence (simulated, fixed seed): a
        calibration error near it says nothing."""
        return self._data.get("calibration_error_by_chance", 0.0)

    def reliability(self) -> list[dict]:
        """The answers by confidence, in the buckets 0-0.3, 0.3-0.5, 0.5-0.6,
        ..., 0.9-1.0: low, high, answers, correct, mean_confidence. Answers
        at 0.6-0.7 should be right about 65% of the time; read on your own
        test set, this shows where to put answer_threshold."""
        return [dict(b) for b in self._data.get("reliability", [])]

    def groups(self, by_split: bool = True) -> dict[str, dict[str, float]]:
        """Per language, or "language/split" when rows name a split (unless
        by_split is False): total, correct, accuracy, out-of-scope rows and
        how many got an answer."""
        return dict(self._data.get("groups" if by_split else "languages", {}))

    def per_id(self) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 per expected id (rows expecting one id)."""
        return dict(self._data.get("per_id", {}))

    def confusions(self, top: int = 20) -> list[tuple[str, str, int]]:
        """The most frequent (expected, got, count) among the wrong rows."""
        return [(c["expected"], c["got"], c["count"])
                for c in self._data.get("confusions", [])[:top]]

    def to_dict(self) -> dict:
        return {**self._data, "oos_false_answer_rate": self.oos_false_answer_rate}

    def to_dataframe(self):
        """One row per evaluated message as a pandas DataFrame (pandas is an
        optional dependency: pip install pandas). Columns: line, text,
        expect ("a|b"), kind, id, reason, confidence, lang, split,
        conversation, correct, understood, understood_as; a traced report
        (evaluate(..., trace=True)) also has top_candidates, the ids of the
        trace's candidates, best first."""
        try:
            import pandas
        except ImportError:
            raise ImportError("Report.to_dataframe() needs pandas: pip install pandas") from None
        columns = ["line", "text", "expect", "kind", "id", "reason", "confidence", "lang",
                   "split", "conversation", "correct", "understood", "understood_as"]
        rows = []
        for r in self.results:
            row = {c: r.get(c) for c in columns}
            row["expect"] = "|".join(r["expect"])
            if "trace" in r:
                row["top_candidates"] = [c["id"] for c in r["trace"]["candidates"]]
            rows.append(row)
        return pandas.DataFrame(rows, columns=columns + (
            ["top_candidates"] if any("trace" in r for r in self.results) else []))

    def to_csv(self, path: str | os.PathLike) -> None:
        """One row per evaluated message. A message that starts with = + - @
        is written with a leading apostrophe, so that a spreadsheet shows it
        instead of running it as a formula."""
        columns = ["line", "text", "expect", "kind", "id", "confidence", "lang", "split",
                   "correct"]
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            for r in self.results:
                writer.writerow({**{c: r[c] for c in columns}, "expect": "|".join(r["expect"]),
                                 "text": _cell(r["text"])})

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return (f"Report(total={self.total}, correct={self.correct}, "
                f"accuracy={self.accuracy:.3f}, understood={self.understood}, "
                f"failures={self.total - self.correct})")


@dataclass
class TestReport:
    """What Engine.run_tests() found, as `libbot test` prints it. `tests` has
    one dict per inline test: where, intent, text, expect, passed, error,
    kind, id, reason, confidence, understood_as, got ("a question for a detail
    of order_status"), and a failed test's trace."""
    __test__ = False  # not a pytest test class, whatever its name

    passed: int = 0
    failed: int = 0
    faq_loaded: bool = False
    tests: list[dict] = field(default_factory=list, repr=False)
    uncovered_patterns: list[str] = field(default_factory=list, repr=False)
    uncovered_faq_entries: list[str] = field(default_factory=list, repr=False)
    _text: str = field(default="", repr=False)

    @classmethod
    def _from_native(cls, data: str, text: str) -> "TestReport":
        d = json.loads(data)
        return cls(passed=d["passed"], failed=d["failed"], faq_loaded=d["faq_loaded"],
                   tests=d["tests"], uncovered_patterns=d["uncovered_patterns"],
                   uncovered_faq_entries=d["uncovered_faq_entries"], _text=text)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @property
    def failures(self) -> list[dict]:
        return [t for t in self.tests if not t["passed"]]

    def __str__(self) -> str:
        """As `libbot test` prints it (libbot::TestReport::ToText)."""
        return self._text


def evaluate(engine, source: Any, *, lang: str | None = None, threads: int = 0,
             progress: Callable[[int, int], None] | None = None,
             trace: bool = False) -> Report:
    """Answers every row of `source` (a .jsonl or .csv path, a pandas
    DataFrame, or any iterable of dicts) and reports accuracy, per-id
    precision/recall/F1, confusions, out-of-scope answers, reply rates, and
    the failing rows. Rows without a conversation run in parallel
    (`threads`, 0: all cores). With trace=True each result also has its
    reply's "trace" (candidates with id, source, score, probability and
    verdict: recall@k), at a few KB a row."""
    if lang not in (None, "hu", "pl"):
        raise ValueError(f"lang must be 'hu', 'pl' or None, not {lang!r}")
    cases = _cases(source)
    data_json, text = engine._native.evaluate(cases, lang or "", int(threads), progress,
                                              bool(trace))
    data = json.loads(data_json)
    return Report(total=data["total"], correct=data["correct"], results=data["results"],
                  _data=data, _text=text)


def progress_bar(done: int, total: int) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
