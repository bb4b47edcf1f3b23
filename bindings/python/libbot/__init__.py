"""libbot: customer-service answers in Hungarian and Polish.

    import libbot
    engine = libbot.Engine(rules="rules", kb="kb/faq.sqlite")
    session = libbot.Session()
    reply = engine.respond("Hol tart a rendelésem?", session)
    print(reply.kind, reply.id, reply.text)          # clarify order_status ...
    reply = engine.respond("#483920", session)      # answer order_status ...

    report = libbot.evaluate(engine, "tests.jsonl")  # batch answer testing
    print(report)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from . import _libbot
from ._evaluate import Report, evaluate

__all__ = [
    "Engine", "Session", "Reply", "Entity", "RuleError", "KnowledgeBaseError",
    "Report", "evaluate", "build_kb",
]
__version__ = "0.1.0"


class RuleError(ValueError):
    """The rules (or the FAQ sources) have mistakes. `errors` lists them, each
    "file:line:col: message"; str() shows them all, one per line."""

    def __init__(self, message: str):
        super().__init__(message)
        self.errors = message.splitlines()


class KnowledgeBaseError(ValueError):
    """The FAQ database is damaged, locked or of another version."""


def _encode(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"a message must be a str, not {type(text).__name__}")
    # Lone surrogates survive as ill-formed UTF-8, which libbot handles safely.
    return text.encode("utf-8", "surrogatepass")


def _lang(lang: str | None) -> str:
    if lang is None:
        return ""
    if lang not in ("hu", "pl"):
        raise ValueError(f"lang must be 'hu', 'pl' or None, not {lang!r}")
    return lang


@dataclass(frozen=True)
class Entity:
    name: str   # "order_number", "money", ...
    value: str  # normalised: "123456", "234.50 PLN", "2023-05-01"
    start: int  # message[start:end] is what the customer typed
    end: int


@dataclass(frozen=True)
class Reply:
    kind: str          # "answer", "clarify", "handoff" or "fallback"
    id: str            # intent or FAQ id ("" for a plain fallback)
    text: str
    confidence: float  # [0, 1]
    lang: str          # "hu" or "pl"
    source: str        # "rule", "example", "faq" or "policy"
    reason: str        # for handoffs: "requested", "repeated_fallback", "complaint"
    entities: tuple[Entity, ...] = ()
    trace: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def _from_native(cls, d: dict) -> "Reply":
        return cls(kind=d["kind"], id=d["id"], text=d["text"], confidence=d["confidence"],
                   lang=d["lang"], source=d["source"], reason=d["reason"],
                   entities=tuple(Entity(**e) for e in d["entities"]), trace=d["trace"])

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "text": self.text,
                "confidence": self.confidence, "lang": self.lang, "source": self.source,
                "reason": self.reason,
                "entities": [e.__dict__.copy() for e in self.entities],
                "trace": self.trace}


class Session:
    """One conversation's state. Keep it between messages anywhere: as JSON
    (to_json / from_json) or pickled."""

    def __init__(self) -> None:
        self._json = ""

    def to_json(self) -> str:
        return self._json or '{"version":1}'

    @classmethod
    def from_json(cls, text: str) -> "Session":
        problem = _libbot.session_json_valid(text)
        if problem:
            raise ValueError(problem)
        session = cls()
        session._json = text
        return session

    @property
    def state(self) -> dict:
        """The state as a dict (read-only view of the JSON)."""
        return json.loads(self.to_json())

    def __getstate__(self) -> dict:
        return {"json": self._json}

    def __setstate__(self, state: dict) -> None:
        self._json = state["json"]

    def __repr__(self) -> str:
        s = self.state
        return (f"Session(lang={s.get('lang', 'unknown')!r}, turns={s.get('turn_count', 0)}, "
                f"pending={s.get('pending_intent', '')!r})")


class Engine:
    """A loaded bot: rules (and optionally an FAQ database). Thread-safe; one
    engine serves any number of threads.

    Raises RuleError (a ValueError) listing every "file:line:col: message"
    when the rules have mistakes, FileNotFoundError for a missing folder,
    dictionary or database, KnowledgeBaseError for a damaged, locked or
    other-version database."""

    def __init__(self, rules: str | os.PathLike = "rules", kb: str | os.PathLike | None = None,
                 *, dictionaries: str | os.PathLike | None = None,
                 max_message_bytes: int = 0) -> None:
        native, code, message = _libbot.Engine.open(
            os.fspath(rules), os.fspath(kb) if kb else "",
            os.fspath(dictionaries) if dictionaries else "", int(max_message_bytes))
        if native is None:
            if code == "not_found" or "no such rules folder" in message:
                raise FileNotFoundError(message)
            if code == "corruption":
                raise KnowledgeBaseError(message)
            if code == "io_error":
                raise (KnowledgeBaseError if "locked" in message else OSError)(message)
            raise RuleError(message)
        self._native = native

    def respond(self, text: str, session: Session | None = None,
                lang: str | None = None) -> Reply:
        """Answers one message; `session` (if given) is read and updated.
        `lang` forces "hu" or "pl"; None detects the language."""
        state = session._json if session is not None else ""
        reply, new_state = self._native.respond(_encode(text), state, _lang(lang))
        if session is not None:
            session._json = new_state
        return Reply._from_native(reply)

    def respond_many(self, texts: Iterable[str], lang: str | None = None,
                     threads: int = 0) -> list[Reply]:
        """Answers each text in a fresh conversation, on `threads` threads
        (0: all cores), without holding the GIL."""
        encoded = [_encode(t) for t in texts]
        return [Reply._from_native(d)
                for d in self._native.respond_many(encoded, _lang(lang), int(threads))]

    def lint(self) -> list[dict]:
        """Findings about the rules: {"where", "message", "error"}."""
        return self._native.lint()


def build_kb(sources: str | os.PathLike = "kb", out: str | os.PathLike = "kb/faq.sqlite", *,
             dictionaries: str | os.PathLike | None = None) -> tuple[int, int]:
    """Builds the FAQ database from the sources in `sources` (docs/kb.md), like
    `libbot kb build`. Returns (entries, questions). Raises RuleError listing
    every "file:line: message" when the sources have mistakes; the previous
    database is then left as it was."""
    ok, message, entries, questions = _libbot.build_kb(
        os.fspath(sources), os.fspath(out), os.fspath(dictionaries) if dictionaries else "")
    if not ok:
        if "no such folder" in message:
            raise FileNotFoundError(message)
        raise RuleError(message)
    return entries, questions
