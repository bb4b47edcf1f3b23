"""Rule files from another engine's bot: an NLP.js corpus (docs/rules.md,
"Bringing a bot from NLP.js").

An NLP.js corpus is JSON: {"locale": "hu-HU", "entities": {...}, "data":
[{"intent", "utterances", "answers"}]}. Each intent becomes a libbot intent
whose examples are the utterances and whose replies are the answers; the
"None" intent, which NLP.js trains as "none of the others", becomes an
intent marked out_of_scope. What does not carry over is said in the
report's notes, never dropped silently.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

LANGS = ("hu", "pl")
# NLP.js marks an entity in an utterance as @name or %name%.
_PLACEHOLDER = re.compile(r"@([A-Za-z_][\w-]*)|%([A-Za-z_][\w-]*)%")
# ... and in an answer as {{name}} (Handlebars).
_HANDLEBARS = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_ID_CHARS = re.compile(r"[^a-z0-9_.-]+")


@dataclass
class ImportReport:
    """What import_nlpjs wrote: the files, per language the intents,
    examples and replies, and notes on what did not carry over."""
    files: list[str] = field(default_factory=list)
    intents: dict[str, int] = field(default_factory=dict)
    examples: dict[str, int] = field(default_factory=dict)
    replies: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{path}: {self.intents[lang]} intents, {self.examples[lang]} examples, "
                 f"{self.replies[lang]} replies"
                 for path, lang in zip(self.files, self.intents)]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def import_nlpjs(corpora: list[Any], out_dir: str | os.PathLike, *,
                 force: bool = False) -> ImportReport:
    """Writes OUT_DIR/<lang>/nlpjs.yaml for each language of `corpora`
    (paths of NLP.js corpus files, or their parsed JSON). Raises ValueError
    on a corpus libbot cannot read (a locale other than Hungarian or
    Polish, no "data" list) and FileExistsError when a file it would write
    exists and `force` is false; writes nothing then."""
    by_lang: dict[str, list[dict]] = {}
    report = ImportReport()
    for corpus in corpora:
        name, data = _read(corpus)
        lang = _lang_of(data, name)
        by_lang.setdefault(lang, []).extend(_intents(data, name, report))
    targets = {lang: os.path.join(os.fspath(out_dir), lang, "nlpjs.yaml") for lang in by_lang}
    if not force:
        for path in targets.values():
            if os.path.exists(path):
                raise FileExistsError(f"{path} exists (force=True, or --force, replaces it)")
    for lang, intents in sorted(by_lang.items()):
        _unique_ids(intents, report)
        os.makedirs(os.path.dirname(targets[lang]), exist_ok=True)
        with open(targets[lang], "w", encoding="utf-8") as f:
            f.write(_yaml(intents))
        report.files.append(targets[lang])
        report.intents[lang] = len(intents)
        report.examples[lang] = sum(len(i["examples"]) for i in intents)
        report.replies[lang] = sum(len(i.get("replies", [])) for i in intents)
    return report


def _read(corpus: Any) -> tuple[str, dict]:
    if isinstance(corpus, dict):
        return corpus.get("name", "corpus"), corpus
    with open(corpus, encoding="utf-8") as f:
        try:
            data = json.load(f)
        except json.JSONDecodeError as e:
            raise ValueError(f"{corpus}:{e.lineno}:{e.colno}: not JSON: {e.msg}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{corpus}: an NLP.js corpus is a JSON object")
    return os.fspath(corpus), data


def _lang_of(data: dict, name: str) -> str:
    locale = str(data.get("locale", ""))
    lang = locale[:2].lower()
    if lang not in LANGS:
        raise ValueError(f"{name}: locale {locale!r}: libbot answers Hungarian (hu) and "
                         "Polish (pl)")
    if not isinstance(data.get("data"), list):
        raise ValueError(f"{name}: no \"data\" list of intents")
    return lang


def _intents(data: dict, name: str, report: ImportReport) -> list[dict]:
    entities = data.get("entities") if isinstance(data.get("entities"), dict) else {}
    out = []
    for item in data["data"]:
        if not isinstance(item, dict) or not isinstance(item.get("intent"), str):
            report.notes.append(f"{name}: an item without an \"intent\" name was skipped")
            continue
        intent = item["intent"]
        examples = _examples(item.get("utterances", []), entities, intent, report)
        if not examples:
            report.notes.append(f"{name}: intent {intent!r} has no utterances: skipped "
                                "(nothing could trigger it)")
            continue
        replies = _replies(item.get("answers", []), intent, report)
        converted: dict[str, Any] = {"id": _id(intent), "source": intent,
                                     "examples": examples}
        if intent.lower() == "none":
            # NLP.js's "none of the others": what the bot does not answer.
            converted["out_of_scope"] = True
        elif not replies:
            converted["handoff"] = True
            report.notes.append(f"intent {intent!r} has no answers: it hands over to a "
                                "person (handoff: true) until you write its replies")
        if replies:
            converted["replies"] = replies
        out.append(converted)
    return out


def _examples(utterances: Any, entities: dict, intent: str,
              report: ImportReport) -> list[str]:
    seen: list[str] = []
    if not isinstance(utterances, list):
        return seen  # a string would otherwise give one example a letter
    for n, text in enumerate(u for u in utterances if isinstance(u, str)):
        text = _fill_placeholders(text, n, entities, intent, report)
        text = " ".join(text.split())
        if text and text not in seen:
            seen.append(text)
    return seen


def _fill_placeholders(text: str, n: int, entities: dict, intent: str,
                       report: ImportReport) -> str:
    """An entity of the corpus becomes one of its texts (a different one
    from utterance to utterance); a built-in one (@date, @number) is left
    out: libbot finds those by itself."""
    def value(match: re.Match) -> str:
        entity = match.group(1) or match.group(2)
        if match.group(1) and entity not in entities:
            return match.group(0)  # an @ of the text itself ("jan@example.com")
        texts = _entity_texts(entities.get(entity))
        if texts:
            return texts[n % len(texts)]
        note = (f"utterances of {intent!r}: %{entity}% has no texts in the corpus (a "
                "built-in entity?): left out of the examples")
        if note not in report.notes:
            report.notes.append(note)
        return ""
    return _PLACEHOLDER.sub(value, text)


def _entity_texts(entity: Any) -> list[str]:
    if not isinstance(entity, dict) or not isinstance(entity.get("options"), dict):
        return []
    return [t for texts in entity["options"].values() if isinstance(texts, list)
            for t in texts[:1] if isinstance(t, str) and t.strip()]


def _replies(answers: Any, intent: str, report: ImportReport) -> list[str]:
    out = []
    for answer in answers if isinstance(answers, list) else []:
        text = answer.get("answer") if isinstance(answer, dict) else answer
        if not isinstance(text, str) or not text.strip():
            continue
        if _HANDLEBARS.search(text):
            report.notes.append(f"an answer of {intent!r} uses {{{{...}}}}: written as [...]; "
                                "a libbot reply names a value as {name} (docs/rules.md)")
            text = _HANDLEBARS.sub(lambda m: f"[{m.group(1)}]", text)
        # A lone { or } would read as a libbot placeholder.
        text = text.replace("{", "(").replace("}", ")")
        if text not in out:
            out.append(text)
    return out


def _id(intent: str) -> str:
    folded = unicodedata.normalize("NFKD", intent.lower().replace("ł", "l"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return _ID_CHARS.sub("_", ascii_only).strip("_.-") or "intent"


def _unique_ids(intents: list[dict], report: ImportReport) -> None:
    used: set[str] = set()
    for intent in intents:
        base, n = intent["id"], 2
        while intent["id"] in used:
            intent["id"] = f"{base}_{n}"
            n += 1
        if intent["id"] != intent["source"].lower():
            report.notes.append(f"intent {intent['source']!r} is {intent['id']!r} "
                                "(libbot ids use a-z, 0-9, _ . -)")
        used.add(intent["id"])


def _yaml(intents: list[dict]) -> str:
    # Every text double-quoted as JSON writes it: valid YAML whatever it holds
    # ("?", ":", "#", quotes, accents).
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = ["# Imported from an NLP.js corpus by `python -m libbot import-nlpjs`.",
             "intents:"]
    for intent in intents:
        lines.append(f"  - id: {q(intent['id'])}")
        if intent.get("out_of_scope"):
            lines.append("    out_of_scope: true")
        if intent.get("handoff"):
            lines.append("    handoff: true")
        lines.append("    examples:")
        lines += [f"      - {q(e)}" for e in intent["examples"]]
        if intent.get("replies"):
            lines.append("    replies:")
            lines += [f"      - {q(r)}" for r in intent["replies"]]
    return "\n".join(lines) + "\n"
