"""What the development benchmarks of issue 17 share (bench/fewshot.py,
bench/demo_bots.py, bench/helpcentre.py): the calibration error and writing
a result into its section of docs/benchmarks.md."""

from __future__ import annotations

import pathlib
import statistics


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error of (confidence, right) pairs: the mean gap
    between confidence and accuracy over equal-width confidence bins,
    weighted by how many pairs each bin holds."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c >= 1.0)]
        if inside:
            confidence = statistics.fmean(c for c, _ in inside)
            accuracy = statistics.fmean(1.0 if ok else 0.0 for _, ok in inside)
            total += abs(confidence - accuracy) * len(inside)
    return total / len(pairs)


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
