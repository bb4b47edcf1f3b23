"""The help-centre development benchmark (issue 17): articles, not questions.

    build/venv/bin/python bench/helpcentre.py [--markdown docs/benchmarks.md]

bench/helpcentre/{hu,pl}/articles.yaml are 40 articles per language (title
and long answer, no questions); bench/helpcentre/questions.jsonl are 320
customer questions (and 40 out of scope) written before any engine saw them.

libbot reads the articles as written (title and answer, each answer
sentence searched with a lower weight), as answers alone (no title: a help
centre exported as it is), and as FAQ entries whose only question is the
title (what an editor did by hand before articles were supported; an entry
of one question is searched by its answer too, but its confidence reads as
a question's, not an article's). Scored per language:

- right article first: the expected article is the best candidate;
- answered right: an answer with the expected article;
- answer precision: right answers among all answers;
- out-of-scope answered; clarify and fallback rates; ECE of the answers.

Beside it, on the same articles and questions:
- SQLite FTS5 bm25 (`libbot kb search`'s ranking, through Python's
  libbot.KnowledgeBase) over the same three databases: titles as questions
  (with their answers' sentences), titles and answer sentences, answer
  sentences alone;
- TF-IDF over character 2-5-grams of title and answer, best cosine
  similarity (scikit-learn), for ranking only.

Needs the libbot Python package, PyYAML and scikit-learn in the interpreter.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import time

import yaml

import libbot
from devsets import ECE_IF_CALIBRATED, ece, ece_floor_cell, publish, reliability

REPO = pathlib.Path(__file__).resolve().parents[1]
DATA = REPO / "bench/helpcentre"


def articles(lang: str) -> list[dict]:
    return yaml.safe_load((DATA / lang / "articles.yaml").read_text(encoding="utf-8"))["entries"]


def in_half(question: dict, number: int, order: dict[str, int]) -> int:
    """Which half of the questions this one is in (0 or 1): that of its
    article's position in the file, or for out-of-scope ones that of its line.
    bench/fit_confidence.py learns the articles' confidence on half 0."""
    if question["expect"] in order:
        return order[question["expect"]] % 2
    return number % 2


def write_entries(out: pathlib.Path, entry_of) -> None:
    """FAQ sources in `out`, one entry per article, made by entry_of(article)."""
    for lang in ("hu", "pl"):
        entries = [entry_of(a) for a in articles(lang)]
        (out / lang).mkdir(parents=True, exist_ok=True)
        (out / lang / "articles.yaml").write_text(
            yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")


def titles_as_questions(out: pathlib.Path) -> None:
    """FAQ sources with each article's title as its one question."""
    write_entries(out, lambda a: {"id": a["id"], "questions": [a["title"]],
                                  "answer": a["answer"]})


def answers_only(out: pathlib.Path) -> None:
    """FAQ sources with the articles' answers alone: no title, no question
    (a help centre exported as it is, like the real one issue 17 measured)."""
    write_entries(out, lambda a: {"id": a["id"], "answer": a["answer"]})


def faq_only_engine(sources: pathlib.Path, tmp: pathlib.Path) -> tuple[libbot.Engine, pathlib.Path]:
    """A bot of no intents over the knowledge base built from `sources`
    (in `tmp`), and that database."""
    db = tmp / (sources.name + ".sqlite")
    libbot.build_kb(sources, db)
    rules = tmp / "rules"
    if not rules.exists():
        (rules / "hu").mkdir(parents=True)
        (rules / "hu" / "empty.yaml").write_text("intents: []\n", encoding="utf-8")
    return libbot.Engine(rules=rules, kb=db), db


def score_libbot(questions: list[dict], sources: pathlib.Path,
                 tmp: pathlib.Path) -> tuple[dict[str, dict], pathlib.Path]:
    engine, db = faq_only_engine(sources, tmp)
    out = {}
    for lang in ("hu", "pl"):
        order = {a["id"]: i for i, a in enumerate(articles(lang))}
        numbered = [(n, q) for n, q in enumerate(questions) if q["lang"] == lang]
        halves = [in_half(q, n, order) for n, q in numbered]
        rows = [q for _, q in numbered]
        replies = engine.respond_many([q["text"] for q in rows], lang=lang)
        m = {"first": 0, "right": 0, "answers": 0, "clarify": 0, "fallback": 0,
             "oos": 0, "oos_answered": 0}
        pairs = []
        half_pairs: list[list[tuple[float, bool]]] = [[], []]
        known = 0
        for q, r, half in zip(rows, replies, halves):
            candidates = [c for c in r.trace["candidates"] if c["source"] == "faq"]
            top = candidates[0]["id"] if candidates else ""
            answered = r.kind == "answer"
            m["clarify"] += r.kind == "clarify"
            m["fallback"] += r.kind == "fallback"
            if q["expect"] == "@oos":
                m["oos"] += 1
                m["oos_answered"] += answered
                if answered:
                    pairs.append((r.confidence, False))
                    half_pairs[half].append((r.confidence, False))
                continue
            known += 1
            m["first"] += top == q["expect"]
            m["right"] += answered and r.id == q["expect"]
            m["answers"] += answered
            if answered:
                pairs.append((r.confidence, r.id == q["expect"]))
                half_pairs[half].append((r.confidence, r.id == q["expect"]))
        answers = len(pairs)
        out[lang] = {
            "first": m["first"] / known,
            "right": m["right"] / known,
            "precision": (sum(ok for _, ok in pairs) / answers) if answers else 0.0,
            "oos_answered": m["oos_answered"] / max(1, m["oos"]),
            "clarify": m["clarify"] / len(rows),
            "fallback": m["fallback"] / len(rows),
            "ece": ece(pairs),
            "ece_floor": ece_floor_cell(pairs),
            "ece_halves": [ece(half_pairs[0]), ece(half_pairs[1])],
            "pairs": pairs,
        }
    return out, db


def score_fts(questions: list[dict], db: pathlib.Path) -> dict[str, float]:
    kb = libbot.KnowledgeBase(db)
    out = {}
    for lang in ("hu", "pl"):
        rows = [q for q in questions if q["lang"] == lang and q["expect"] != "@oos"]
        first = 0
        for q in rows:
            hits = kb.search(q["text"], lang, limit=1)
            first += bool(hits) and hits[0].entry_id == q["expect"]
        out[lang] = first / len(rows)
    return out


def score_char_ngrams(questions: list[dict]) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    out = {}
    for lang in ("hu", "pl"):
        docs = articles(lang)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        matrix = vectorizer.fit_transform([d["title"] + " " + d["answer"] for d in docs])
        rows = [q for q in questions if q["lang"] == lang and q["expect"] != "@oos"]
        similarity = vectorizer.transform([q["text"] for q in rows]) @ matrix.T
        first = sum(docs[int(similarity[i].toarray().argmax())]["id"] == q["expect"]
                    for i, q in enumerate(rows))
        out[lang] = first / len(rows)
    return out


def framed(questions: list[dict], group: str) -> list[dict]:
    """The questions, each wrapped in a template of helpcentre_framing.yaml's
    `group` ("dev", "held_out": greetings, thanks, sign-offs; "context_dev",
    "context_held_out": a sentence of context), the templates taken in turn;
    out-of-scope ones too (they must still not be answered)."""
    templates = yaml.safe_load((DATA.parent / "helpcentre_framing.yaml").read_text(encoding="utf-8"))[group]
    out = []
    for n, q in enumerate(questions):
        text = q["text"].strip()
        if not text.endswith(("?", ".", "!")):
            text += "?"
        chosen = templates[q["lang"]]
        out.append(dict(q, text=chosen[n % len(chosen)].format(q=text)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown", default=None)
    parser.add_argument("--libbot-only", action="store_true",
                        help="skip the FTS5 and n-gram baselines (quick runs while developing)")
    args = parser.parse_args()
    started = time.time()
    questions = [json.loads(line) for line in
                 (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        ours, article_db = score_libbot(questions, DATA, tmp)
        answers_only(tmp / "answers")
        by_answer, answer_db = score_libbot(questions, tmp / "answers", tmp)
        titles_as_questions(tmp / "titles")
        by_title, title_db = score_libbot(questions, tmp / "titles", tmp)
        # The same questions with a greeting, thanks or sign-off around them.
        wrapped = {}
        for group in ("dev", "held_out"):
            for form, sources in (("articles", DATA), ("answers alone", tmp / "answers")):
                sub = tmp / f"framed_{group}_{form.replace(' ', '_')}"
                sub.mkdir()
                wrapped[(form, group)], _ = score_libbot(framed(questions, group), sources, sub)
        # And with a sentence of context before or after them.
        for group in ("context_dev", "context_held_out"):
            sub = tmp / group
            sub.mkdir()
            wrapped[("answers alone", group)], _ = score_libbot(
                framed(questions, group), tmp / "answers", sub)
        # `libbot kb search` over each database: what FTS5 finds in the same texts.
        fts = {name: ({"hu": 0.0, "pl": 0.0} if args.libbot_only else score_fts(questions, db))
               for name, db in (("titles as questions (with their answers)", title_db),
                                ("title + answer", article_db),
                                ("answers alone", answer_db))}
    ngrams = {"hu": 0.0, "pl": 0.0} if args.libbot_only else score_char_ngrams(questions)
    lines = [f"Measured by `bench/helpcentre.py` ({time.time() - started:.0f} s): "
             "bench/helpcentre, 40 articles and 160 questions (+20 out of scope) per language.",
             "", "| lang | libbot reads | right first | answered right | answer precision | "
             "out-of-scope answered | clarify | fallback | ECE | ECE if calibrated | "
             "ECE, half 0 / half 1 |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for lang in ("hu", "pl"):
        for name, result in (("articles (title + answer)", ours),
                             ("answers alone (no title)", by_answer),
                             ("titles as questions", by_title),
                             ("articles, questions framed (dev templates)",
                              wrapped[("articles", "dev")]),
                             ("articles, questions framed (held-out templates)",
                              wrapped[("articles", "held_out")]),
                             ("answers alone, questions framed (dev templates)",
                              wrapped[("answers alone", "dev")]),
                             ("answers alone, questions framed (held-out templates)",
                              wrapped[("answers alone", "held_out")]),
                             ("answers alone, a sentence of context (dev templates)",
                              wrapped[("answers alone", "context_dev")]),
                             ("answers alone, a sentence of context (held-out templates)",
                              wrapped[("answers alone", "context_held_out")])):
            m = result[lang]
            lines.append(f"| {lang} | {name} | {100 * m['first']:.1f}% | {100 * m['right']:.1f}% | "
                         f"{100 * m['precision']:.1f}% | {100 * m['oos_answered']:.1f}% | "
                         f"{100 * m['clarify']:.1f}% | {100 * m['fallback']:.1f}% | "
                         f"{m['ece']:.3f} | {m['ece_floor']} | {m['ece_halves'][0]:.3f} / "
                         f"{m['ece_halves'][1]:.3f} |")
    lines += ["", "Ranking baselines, right article first: "
              + "; ".join(f"{lang}: "
                          + ", ".join(f"FTS5 bm25 on {name} {100 * by_db[lang]:.1f}%"
                                      for name, by_db in fts.items())
                          + f", TF-IDF character 2-5-grams on title + answer "
                          f"{100 * ngrams[lang]:.1f}%"
                          for lang in ("hu", "pl")) + "."]
    lines += ["", "Reliability of the answers: answers per confidence bucket and how many of "
              "them were right.", ""]
    lines += reliability([(f"{lang}, {name}", result[lang]["pairs"])
                          for lang in ("hu", "pl")
                          for name, result in (("articles", ours), ("answers alone", by_answer),
                                               ("titles", by_title))])
    lines += ["", "Framed: each question wrapped in a greeting, thanks or sign-off "
              "(bench/helpcentre_framing.yaml, its templates in turn), as customers write "
              "them: \"Dzień dobry, {question} Z góry dziękuję za odpowiedź.\" A sentence "
              "of context: one sentence before or after the question, from the same file "
              "(\"Od kilku dni próbuję to załatwić sam, ale nic z tego nie wychodzi. "
              "{question}\")."]
    lines += ["", "The confidence of articles is learned on half 0 of these questions "
              "(bench/fit_confidence.py: those of the even-numbered articles and every other "
              "out-of-scope question); half 1 measures it out of sample."]
    lines += ["", ECE_IF_CALIBRATED]
    publish("\n".join(lines), args.markdown, "helpcentre")
    return 0


if __name__ == "__main__":
    sys.exit(main())
