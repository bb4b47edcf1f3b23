"""Assertions for a QA team's pytest suite:

    from libbot.testing import assert_answers, assert_asks, assert_not_answered

    def test_order_status(engine):
        assert_answers(engine, "Hol a #123456 csomagom?", "order_status")
        assert_asks(engine, "Hol a csomagom?", "order_status")   # asks for the number
        assert_not_answered(engine, "Milyen idő lesz holnap?")

Each one answers the message (in a fresh conversation unless `session` is
given, which it then updates) and returns the Reply. When the reply is not
what was expected, the AssertionError shows the reply and the bot's
reasoning: its tokens, every candidate with its scores and verdict, and the
decisions (the trace), so the failure explains itself in pytest's output
(an Engine opened with trace=False has no reasoning to show).
"Expected" means what `libbot eval` and `libbot test` mean by it
(docs/rules.md).
"""

from __future__ import annotations

from . import _libbot

__all__ = ["assert_reply", "assert_answers", "assert_asks", "assert_hands_off",
           "assert_not_answered"]


def _describe(reply) -> str:
    what = reply.kind
    if reply.kind == "clarify" and reply.reason == "slot":
        what = "a question for a detail of"
    head = f"{what} {reply.id}".rstrip()
    extra = f", reason {reply.reason}" if reply.reason else ""
    return f"{head} ({reply.confidence:.2f}{extra}): {reply.text!r}"


def assert_reply(engine, text: str, expect: str | list[str], *, lang: str | None = None,
                 session=None):
    """The reply meets `expect` (any one of a list): an intent or FAQ id
    (answered or handed off with it), "ask:ID" (a question for a detail of
    intent ID), "@handoff", "@fallback", "@clarify" or "@oos" (not an
    answer). An expectation the bot cannot meet (a typo in an id) is an
    error of the test, raised as ValueError with the nearest id."""
    expected = [expect] if isinstance(expect, str) else list(expect)
    if not expected:
        raise ValueError("expect names nothing")
    # The same check as libbot.evaluate(): a typo is not a miss.
    for e in expected:
        why = engine._native.unknown_expectation(e.encode("utf-8", "surrogatepass"))
        if why:
            raise ValueError(why)
    reply = engine.respond(text, session, lang)
    if any(_libbot.meets_expectation(reply, e) for e in expected):
        return reply
    raise AssertionError(
        f"{text!r}: expected {' or '.join(expected)}, got {_describe(reply)}\n"
        f"{reply.trace['text']}")


def assert_answers(engine, text: str, expected_id: str, **kwargs):
    """The bot answers (or hands off, as that intent does) with `expected_id`."""
    return assert_reply(engine, text, expected_id, **kwargs)


def assert_asks(engine, text: str, intent_id: str, **kwargs):
    """The bot understood intent `intent_id` and asks for a detail it lacks."""
    return assert_reply(engine, text, "ask:" + intent_id, **kwargs)


def assert_hands_off(engine, text: str, **kwargs):
    """The bot hands the conversation to a person."""
    return assert_reply(engine, text, "@handoff", **kwargs)


def assert_not_answered(engine, text: str, **kwargs):
    """The bot does not answer (out of scope: a fallback, a question or a
    handoff are all fine)."""
    return assert_reply(engine, text, "@oos", **kwargs)
