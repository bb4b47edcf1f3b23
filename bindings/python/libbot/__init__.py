"""libbot: customer-service answers in Hungarian and Polish.

    import libbot
    engine = libbot.Engine(rules="rules")            # and kb/faq.sqlite beside it
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
import warnings
from typing import Iterable, NamedTuple, NoReturn

from . import _libbot
from ._evaluate import Report, TestReport, _utf8, evaluate
from ._import import ImportReport, import_nlpjs

__all__ = [
    "Engine", "Session", "Reply", "Entity", "RuleError", "KnowledgeBaseError",
    "KnowledgeBaseWarning", "Report", "TestReport", "evaluate", "build_kb",
    "default_kb_path", "KnowledgeBase", "KbHit", "import_nlpjs", "ImportReport",
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


class KnowledgeBaseWarning(UserWarning):
    """The FAQ database is missing or older than the FAQ sources beside it:
    the bot answers without them, or from the old entries."""


def default_kb_path(rules: str | os.PathLike = "rules") -> str | None:
    """The FAQ database a rules folder uses when none is named: kb/faq.sqlite
    beside it, if that file exists (the same rule as the `libbot` program)."""
    path = _libbot.default_kb_path(_path(rules))
    return os.fsdecode(path) if path else None


def _encode(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"a message must be a str, not {type(text).__name__}")
    return _utf8(text)


def _path(path: str | os.PathLike | None) -> bytes:
    """A path as the file system's bytes: names that are not UTF-8 (a
    surrogate-escaped str, bytes) pass through; a str that no encoding can
    hold (a lone surrogate) is a ValueError, not a UnicodeEncodeError."""
    if path is None:
        return b""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError as e:
        raise ValueError(f"not a valid path: {path!r} ({e.reason})") from None


def _lang(lang: str | None) -> str:
    if lang is None:
        return ""
    if lang not in ("hu", "pl"):
        raise ValueError(f"lang must be 'hu', 'pl' or None, not {lang!r}")
    return lang


# Replies and entities are native objects (cheap to create in bulk); their
# fields: Reply.kind ("answer", "clarify", "handoff", "fallback"), id, text,
# confidence [0, 1], lang, source ("rule", "example", "faq", "policy"),
# reason (handoffs), entities (Entity: name, value, start, end as string
# indices), trace (a dict, built when read), to_dict().
Reply = _libbot.Reply
Entity = _libbot.Entity


class Session:
    """One conversation's state. Keep it between messages anywhere: as JSON
    (to_json / from_json) or pickled. The state is held natively: JSON is
    parsed once, by from_json, without holding the GIL. A session may come
    from an untrusted place; from_json refuses JSON over libbot's limits
    (4 MiB, 1,000 turns, 64 contexts, slots or choices; docs/reliability.md)
    with ValueError. Threads that share one Session take turns."""

    def __init__(self) -> None:
        self._native = _libbot.SessionState()

    def to_json(self) -> str:
        return self._native.to_json()

    @classmethod
    def from_json(cls, text: str | bytes) -> "Session":
        if isinstance(text, str):
            try:
                text = text.encode("utf-8")
            except UnicodeEncodeError as e:  # a lone surrogate
                raise ValueError(f"session JSON: not valid Unicode ({e.reason})") from None
        elif not isinstance(text, (bytes, bytearray)):
            raise ValueError(f"session JSON must be str or bytes, not {type(text).__name__}")
        session = cls()
        session._native = _libbot.SessionState.from_json(bytes(text))
        return session

    @property
    def state(self) -> dict:
        """The state as a dict (read-only view of the JSON)."""
        return json.loads(self.to_json())

    @property
    def handed_over(self) -> bool:
        """True after a handoff: the bot then says a colleague is coming
        (reason "handed_over") until you set it back to False, when your
        agent hands the conversation back."""
        return self._native.handed_over

    @handed_over.setter
    def handed_over(self, value: bool) -> None:
        self._native.handed_over = bool(value)

    def __getstate__(self) -> dict:
        return {"json": self.to_json()}

    def __setstate__(self, state: dict) -> None:
        text = state.get("json", "")
        self._native = (_libbot.SessionState.from_json(text.encode("utf-8"))
                        if text else _libbot.SessionState())

    def __repr__(self) -> str:
        s = self.state
        return (f"Session(lang={s.get('lang', 'unknown')!r}, turns={s.get('turn_count', 0)}, "
                f"pending={s.get('pending_intent', '')!r})")


# The exception for each libbot::Status code (libbot::StatusCodeName): chosen
# by the code alone, never by the message's wording.
_EXCEPTIONS = {
    "invalid_argument": RuleError,
    "not_found": FileNotFoundError,
    "io_error": OSError,
    "corruption": KnowledgeBaseError,
    "unavailable": KnowledgeBaseError,  # a database another program holds locked
    "internal": RuleError,  # e.g. out of memory on a huge rule set
}


def _raise_load_error(code: str, message: str) -> NoReturn:
    raise _EXCEPTIONS.get(code, RuntimeError)(message)


class Engine:
    """A loaded bot: rules (and optionally an FAQ database). Thread-safe; one
    engine serves any number of threads.

    Raises RuleError (a ValueError) listing every "file:line:col: message"
    when the rules have mistakes, FileNotFoundError for a missing folder,
    dictionary or database, KnowledgeBaseError for a damaged, locked or
    other-version database.

    `kb` is the FAQ database: None (the default) takes kb/faq.sqlite beside
    the rules folder when it exists, as `libbot` does; False loads none. A
    KnowledgeBaseWarning says when that database is missing or older than
    the FAQ sources in its folder.

    With trace=False replies carry an empty trace (no tokens, candidates or
    decisions): the same answers, faster, for a server that never shows
    why. trace_candidates: how many example and FAQ candidates a trace
    lists (1-100; the replies are the same whatever it is).

    max_learned_texts: above this many texts (examples, FAQ questions,
    titles, article sentences) in a language, its n-gram model keeps its
    centroids instead of learning at load (0: never learn); see
    docs/kb.md, "What "words" and "n-grams" mean"."""

    def __init__(self, rules: str | os.PathLike = "rules",
                 kb: str | os.PathLike | None | bool = None,
                 *, dictionaries: str | os.PathLike | None = None,
                 max_message_bytes: int = 0, trace: bool = True,
                 trace_candidates: int = 5, max_learned_texts: int = 20000) -> None:
        if kb is True:
            raise ValueError("kb must be a path, None (the default place) or False (none)")
        if not 1 <= int(trace_candidates) <= 100:
            raise ValueError(f"trace_candidates must be 1 to 100, not {trace_candidates!r}")
        if int(max_learned_texts) < 0:
            raise ValueError(f"max_learned_texts must be 0 or more, not {max_learned_texts!r}")
        named = b"" if kb is None or kb is False else _path(kb)
        if kb is not False:
            warning = _libbot.kb_warning(_path(rules), named)
            if warning:
                warnings.warn(warning, KnowledgeBaseWarning, stacklevel=2)
        chosen = b"" if kb is False else named or _libbot.default_kb_path(_path(rules))
        native, code, message = _libbot.Engine.open(
            _path(rules), chosen,
            _path(dictionaries) if dictionaries else b"", int(max_message_bytes),
            bool(trace), int(trace_candidates), int(max_learned_texts))
        if native is None:
            _raise_load_error(code, message)
        self._native = native

    @property
    def rules(self) -> str:
        """The rules folder."""
        return os.fsdecode(self._native.paths()[0])

    @property
    def kb(self) -> str | None:
        """The FAQ database loaded, or None."""
        path = self._native.paths()[1]
        return os.fsdecode(path) if path else None

    @property
    def size(self) -> dict[str, int]:
        """What the engine holds: intents, patterns, examples, faq_entries
        (distinct ids over both languages; 0 without a database), tests."""
        return self._native.size()

    def __repr__(self) -> str:
        s = self.size
        return (f"Engine(rules={self.rules!r}, kb={self.kb!r}, intents={s['intents']}, "
                f"faq_entries={s['faq_entries']}, generation={self.generation})")

    def reload(self) -> None:
        """Loads the rules and the FAQ database again from the same paths and
        swaps them in at once, while other threads keep answering (hot
        reload). On any error the engine keeps answering with what it had
        and the same exceptions as the constructor's are raised."""
        code, message = self._native.reload()
        if code != "ok":
            _raise_load_error(code, message)

    @property
    def generation(self) -> int:
        """1 after loading, one more for each successful reload()."""
        return self._native.generation

    def respond(self, text: str, session: Session | None = None,
                lang: str | None = None) -> Reply:
        """Answers one message; `session` (if given) is read and updated.
        `lang` forces "hu" or "pl"; None detects the language."""
        native = session._native if session is not None else None
        return self._native.respond(_encode(text), native, _lang(lang))

    def respond_many(self, texts: Iterable[str], lang: str | None = None,
                     threads: int = 0) -> list[Reply]:
        """Answers each text in a fresh conversation, on `threads` threads
        (0: all cores), without holding the GIL."""
        encoded = [_encode(t) for t in texts]
        return self._native.respond_many(encoded, _lang(lang), int(threads))

    def lint(self) -> list[dict]:
        """Findings about the rules and the FAQ, as `libbot lint` gives them:
        {"where", "message", "error", "kind"}; `kind` names what a finding is
        about ("untested_pattern", "placeholder", ...), so that
        collections.Counter(f["kind"] for f in engine.lint()) groups them."""
        return self._native.lint()

    def run_tests(self) -> TestReport:
        """Runs the inline tests of the rules and the FAQ, as `libbot test`:
        a TestReport (passed, failed, failures, tests, coverage)."""
        return TestReport._from_native(*self._native.run_tests())

    def coverage(self) -> dict:
        """What the inline tests leave untested (runs them): {"uncovered_patterns",
        "uncovered_faq_entries", "faq_loaded"}; each place as
        "file:line:col: ..." like `libbot test` prints them."""
        report = self.run_tests()
        return {"uncovered_patterns": report.uncovered_patterns,
                "uncovered_faq_entries": report.uncovered_faq_entries,
                "faq_loaded": report.faq_loaded}


def build_kb(sources: str | os.PathLike = "kb", out: str | os.PathLike = "kb/faq.sqlite", *,
             dictionaries: str | os.PathLike | None = None) -> tuple[int, int]:
    """Builds the FAQ database from the sources in `sources` (docs/kb.md), like
    `libbot kb build`. Returns (entries, questions). Raises RuleError listing
    every "file:line: message" when the sources have mistakes; the previous
    database is then left as it was."""
    code, message, entries, questions = _libbot.build_kb(
        _path(sources), _path(out), _path(dictionaries) if dictionaries else b"")
    if code != "ok":
        _raise_load_error(code, message)
    return entries, questions


class KbHit(NamedTuple):
    """One entry a KnowledgeBase search found, by its best text: `kind` is
    "question", "title" or "answer" (a sentence of the answer of an article
    or of an entry of one question) and
    `text` is that text."""
    entry_id: str
    kind: str
    text: str


class KnowledgeBase:
    """An FAQ database opened for searching, as `libbot kb search` does:
    SQLite's full-text search (bm25) over the texts the bot searches
    (questions, titles, the answer sentences of articles and of entries of
    one question). For editors' tools and
    comparisons; the bot itself ranks with its own index (Engine.respond).

        kb = libbot.KnowledgeBase("kb/faq.sqlite")
        for hit in kb.search("Meddig küldhetem vissza?", "hu"):
            print(hit.entry_id, hit.kind, hit.text)

    Opening loads the dictionaries once (about half a second); searches may
    then run on any threads. Each search reads the file as it is then, so a
    rebuilt database is seen at once. Raises FileNotFoundError for a missing
    file or dictionary and KnowledgeBaseError for a damaged, locked or
    other-version database (rebuild it with build_kb)."""

    def __init__(self, path: str | os.PathLike = "kb/faq.sqlite", *,
                 dictionaries: str | os.PathLike | None = None) -> None:
        native, code, message = _libbot.KnowledgeBase.open(
            _path(path), _path(dictionaries) if dictionaries else b"")
        if native is None:
            _raise_load_error(code, message)
        self._native = native

    @property
    def path(self) -> str:
        """The database file."""
        return os.fsdecode(self._native.path())

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.path!r})"

    def search(self, text: str, lang: str | None = None, limit: int = 10) -> list[KbHit]:
        """The entries of language `lang` ("hu" or "pl"; None detects the
        message's language, as the bot does) whose texts have the message's
        words, best first, at most `limit` (1-1000), each once. Words are
        matched by their dictionary form, as the bot matches them; the text
        is never read as search syntax. ValueError when the language is
        unclear and not given."""
        if not 1 <= int(limit) <= 1000:
            raise ValueError(f"limit must be 1 to 1000, not {limit!r}")
        code, message, hits = self._native.search(_encode(text), _lang(lang), int(limit))
        if code == "invalid_argument":
            raise ValueError(message)
        if code != "ok":
            _raise_load_error(code, message)
        return [KbHit(*hit) for hit in hits]
