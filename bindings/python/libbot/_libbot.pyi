"""Type stubs of the native module (see _libbot.cc)."""

from typing import Any

class Entity:
    name: str
    value: str
    start: int
    end: int

class Reply:
    kind: str
    id: str
    text: str
    confidence: float
    lang: str
    source: str
    reason: str
    generation: int
    entities: list[Entity]
    slots: list[dict[str, Any]]
    frustrated: bool
    signals: list[str]
    trace: dict[str, Any]
    def to_dict(self) -> dict[str, Any]: ...

class Engine:
    @staticmethod
    def open(rules: str, kb: str, dictionaries: str,
             max_message_bytes: int) -> tuple[Engine | None, str, str]: ...
    def respond(self, text: bytes, session_json: str, lang: str) -> tuple[Reply, str]: ...
    def respond_many(self, texts: list[bytes], lang: str, threads: int) -> list[Reply]: ...
    def evaluate(self, cases: list[tuple[str, list[str], str, str, str, int]], lang: str,
                 threads: int, progress: Any) -> tuple[str, str]: ...
    def lint(self) -> list[dict[str, Any]]: ...
    def reload(self) -> tuple[str, str]: ...
    @property
    def generation(self) -> int: ...

def meets_expectation(reply: Reply, expect: str) -> bool: ...
def session_json_valid(json: str) -> str: ...
def build_kb(sources: str, out: str, dictionaries: str) -> tuple[str, str, int, int]: ...
def read_eval_cases(path: str) -> tuple[str, str, list[tuple[str, list[str], str, str, str, int]]]: ...
