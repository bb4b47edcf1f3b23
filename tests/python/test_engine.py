import json
import pickle
import subprocess
import sys
import threading

import pytest

import libbot
from conftest import REPO


def test_not_imported_from_the_source_tree():
    assert "site-packages" in libbot.__file__ or "dist-packages" in libbot.__file__


def test_respond_fields(engine):
    r = engine.respond("mennyi a szallitasi dij?")
    assert (r.kind, r.id, r.source, r.lang) == ("answer", "faq.shipping_cost", "faq", "hu")
    assert 0.5 < r.confidence <= 1.0
    assert r.trace["candidates"][0]["source"] == "faq"
    # What a script needs to recompute the evidence (bench/fit_confidence.py).
    assert 0 <= r.trace["unknown_words"] <= 1
    assert 0 <= r.trace["outside_ngram_score"] < 1
    assert r.trace["candidates"][0]["document_score"] == 0  # not an article
    d = r.to_dict()
    assert d["kind"] == "answer" and d["id"] == "faq.shipping_cost"
    json.dumps(d)  # plain data


def test_slot_filling_with_a_session_and_spans_as_string_indices(engine):
    session = libbot.Session()
    first = engine.respond("Hol tart a rendelésem?", session)
    assert first.kind == "clarify" and first.id == "order_status"
    message = "Ő kérdezi: a rendelés száma #483920 😀"
    second = engine.respond(message, session)
    assert second.kind == "answer" and "483920" in second.text
    entity = next(e for e in second.entities if e.name == "order_number")
    assert message[entity.start:entity.end] == "#483920"
    assert entity.value == "483920"


def test_respond_many_gives_entity_spans_as_string_indices(engine):
    # respond_many keeps a message only for replies with entities; the
    # spans must still index each reply's own message.
    messages = ["Szia!", "Ő kérdezi: hol a #483920 😀 rendelésem?", "Dzień dobry",
                "Zamówienie #99123 😀 gdzie jest?"]
    replies = engine.respond_many(messages, threads=2)
    spans = [(m, e) for m, r in zip(messages, replies) for e in r.entities]
    assert {m[e.start:e.end] for m, e in spans if e.name == "order_number"} == {
        "#483920", "#99123"}
    assert not replies[0].entities


def test_session_json_and_pickle_round_trips(engine):
    session = libbot.Session()
    engine.respond("gdzie jest moja paczka", session)
    restored = libbot.Session.from_json(session.to_json())
    pickled = pickle.loads(pickle.dumps(session))
    for s in (restored, pickled):
        reply = engine.respond("12345678", s)
        assert reply.kind == "answer" and "12345678" in reply.text
    assert session.state["pending_intent"] == "order_status"
    with pytest.raises(ValueError):
        libbot.Session.from_json('{"version": 99}')
    with pytest.raises(ValueError):
        libbot.Session.from_json("not json")


def test_language_forcing_and_bad_lang(engine):
    assert engine.respond("faktura?", lang="pl").lang == "pl"
    with pytest.raises(ValueError):
        engine.respond("x", lang="de")
    with pytest.raises(TypeError):
        engine.respond(b"bytes")


def test_hostile_text_is_safe(engine):
    for text in ["", "\ud800 lone surrogate", "\x00\x01", "a" * 200_000, "😀" * 1000,
                 '" OR 1=1 NEAR( *']:
        reply = engine.respond(text)
        assert reply.kind in ("fallback", "clarify", "answer", "handoff")


def test_respond_many_matches_respond_and_uses_threads(engine):
    texts = ["mennyi a szallitasi dij", "Zapomniałem hasła", "Hol tart a rendelésem?",
             "qwerty"] * 50
    many = engine.respond_many(texts, threads=4)
    assert [(r.kind, r.id) for r in many] == [(r.kind, r.id) for r in map(engine.respond, texts)]
    results = []

    def work():
        results.append([r.id for r in engine.respond_many(texts[:20])])

    workers = [threading.Thread(target=work) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert all(r == results[0] for r in results)


def test_rule_errors_carry_their_place(tmp_path):
    (tmp_path / "hu").mkdir()
    (tmp_path / "hu" / "a.yaml").write_text(
        "intents:\n  - id: a\n    pattens: [x]\n    replies: [y]\n", encoding="utf-8")
    with pytest.raises(libbot.RuleError) as error:
        libbot.Engine(tmp_path)
    assert isinstance(error.value, ValueError)
    assert any("a.yaml:3:5: unknown key 'pattens'" in e for e in error.value.errors)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        libbot.Engine(tmp_path / "nothing")
    with pytest.raises(FileNotFoundError):
        libbot.Engine(REPO / "rules", tmp_path / "no.sqlite")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"x" * 4096)
    with pytest.raises(libbot.KnowledgeBaseError):
        libbot.Engine(REPO / "rules", garbage)


def test_build_kb_reports_source_errors(tmp_path):
    (tmp_path / "hu").mkdir()
    (tmp_path / "hu" / "a.yaml").write_text("entries:\n  - id: x\n    questions: [q]\n",
                                            encoding="utf-8")
    with pytest.raises(libbot.RuleError) as error:
        libbot.build_kb(tmp_path, tmp_path / "faq.sqlite")
    assert "has no answer" in str(error.value)
    assert not (tmp_path / "faq.sqlite").exists()


def test_lint_of_the_demo_bot_is_clean(engine):
    assert engine.lint() == []


def test_reload_swaps_rules_and_keeps_the_old_on_errors(tmp_path):
    rules = tmp_path / "rules"
    (rules / "hu").mkdir(parents=True)
    intent = "intents:\n  - id: greeting\n    patterns: [szia]\n    replies: [\"{}\"]\n"
    (rules / "hu" / "a.yaml").write_text(intent.format("Első"), encoding="utf-8")
    engine = libbot.Engine(rules)
    assert engine.generation == 1
    assert engine.respond("szia").text == "Első"

    (rules / "hu" / "a.yaml").write_text(intent.format("Második"), encoding="utf-8")
    engine.reload()
    reply = engine.respond("szia")
    assert (reply.text, reply.generation, engine.generation) == ("Második", 2, 2)
    assert reply.to_dict()["generation"] == 2

    (rules / "hu" / "a.yaml").write_text("intents:\n  - id: x\n    pattens: [a]\n",
                                         encoding="utf-8")
    with pytest.raises(libbot.RuleError) as error:
        engine.reload()
    assert any("a.yaml:3:5: unknown key 'pattens'" in e for e in error.value.errors)
    assert engine.respond("szia").text == "Második"
    assert engine.generation == 2


def test_trace_off_gives_the_same_replies_without_a_trace(engine, kb_path):
    quiet = libbot.Engine(REPO / "rules", kb_path, trace=False)
    for text in ["Hol a csomagom?", "Mennyi a szállítási díj?", "xyzzy qwerty"]:
        traced, plain = engine.respond(text), quiet.respond(text)
        assert (plain.kind, plain.id, plain.text) == (traced.kind, traced.id, traced.text)
        assert traced.trace["candidates"]
        assert plain.trace["candidates"] == []
        assert 0 <= traced.trace["candidates"][0]["probability"] <= 1


def test_hostile_sessions_raise_value_error_and_are_parsed_once(engine):
    # Issue 18: sessions over the limits, with lone surrogates or of the
    # wrong type raise ValueError (not UnicodeEncodeError or TypeError).
    turns = ",".join('{"user":"","kind":""}' for _ in range(1001))
    for bad in ['{"version":1,"turns":[' + turns + "]}",
                '{"version":1,"x":"' + "y" * (5 << 20) + '"}',
                '{"version":1,"lang":"\ud800"}',
                '{"version":1,"consecutive_fallbacks":1e9}',
                12]:
        with pytest.raises(ValueError):
            libbot.Session.from_json(bad)
    # A session is native state: respond updates it in place, and its JSON
    # reads back (bytes are accepted too).
    s = libbot.Session.from_json(b'{"version":1,"turn_count":5}')
    engine.respond("szia", s)
    assert s.state["turn_count"] == 6
    assert libbot.Session.from_json(s.to_json()).to_json() == s.to_json()


def test_one_session_shared_by_threads_takes_turns(engine):
    import threading
    s = libbot.Session()

    def talk():
        for _ in range(50):
            engine.respond("Hol a csomagom?", s)

    threads = [threading.Thread(target=talk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert s.state["turn_count"] == 200


def test_ctrl_c_stops_respond_many_promptly(engine):
    # Issue 18: Ctrl-C was ignored until the whole batch ended, and then
    # the results were lost. A batch of about 40 s on one thread must raise
    # KeyboardInterrupt within a few seconds of the signal.
    # The signal comes from another process, as a terminal's Ctrl-C does: a
    # Python timer thread would need the GIL to send it.
    # Python's own SIGINT handler is installed for the test: a process
    # started in the background of a script inherits SIGINT ignored, and
    # Python then installs none (CI runs so).
    import os
    import signal
    import subprocess
    import time
    message = " ".join(["hol a csomagom rendelés jelszó számla"] * 70)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()
    killer = subprocess.Popen(["sh", "-c", f"sleep 1; kill -INT {os.getpid()}"])
    try:
        with pytest.raises(KeyboardInterrupt):
            engine.respond_many([message] * 50000, threads=1)
    finally:
        killer.wait()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 10
    # The engine is fine afterwards.
    assert engine.respond("szia").id == "greeting"


def test_conversation_state_signals_and_handoff(engine):
    """Issue 19: slots with their turns, anger signals, the handed-over state
    a host ends, and the new reasons, in Reply and to_dict()."""
    s = libbot.Session()
    engine.respond("Hol tart a rendelésem?", s)
    r = engine.respond("#483920", s)
    assert r.slots == [{"name": "order_number", "value": "483920", "turn": 2}]
    assert s.state["slots_intent"] == "order_status"
    assert s.state["slots"] == {"order_number": "483920"}

    angry = engine.respond("Már harmadszor írok, ez felháborító!!!", s)
    assert angry.frustrated
    assert angry.signals == ["repeated_contact", "shouting", "negative"]
    assert angry.to_dict()["signals"] == angry.signals

    r = engine.respond("ügyintéző", s)
    assert (r.kind, r.reason) == ("handoff", "requested")
    assert s.handed_over
    r = engine.respond("szia", s)
    assert (r.kind, r.reason) == ("handoff", "handed_over")
    s.handed_over = False  # the agent hands the conversation back
    assert engine.respond("szia", s).kind == "answer"
    assert libbot.Session.from_json(s.to_json()).handed_over is False

    t = libbot.Session()
    engine.respond("Hol tart a rendelésem?", t)
    r = engine.respond("mégsem", t)
    assert (r.kind, r.reason) == ("answer", "cancelled")


def write_kb_sources(root):
    """A Hungarian entry with questions, and a Polish article (title and
    answer, no questions)."""
    (root / "hu").mkdir(parents=True)
    (root / "pl").mkdir()
    (root / "hu" / "a.yaml").write_text(
        "entries:\n"
        "  - id: returns\n"
        "    questions: [\"Meddig küldhetem vissza a terméket?\"]\n"
        "    answer: 30 napig.\n"
        "  - id: delivery\n"
        "    questions: [\"Mennyibe kerül a szállítás?\"]\n"
        "    answer: 990 forint.\n", encoding="utf-8")
    (root / "pl" / "a.yaml").write_text(
        "entries:\n"
        "  - id: pin_puk\n"
        "    title: Kod PIN i PUK\n"
        "    answer: >-\n"
        "      Kod PIN chroni kartę SIM. Po trzech błędnych próbach karta się\n"
        "      blokuje i do odblokowania potrzebny jest kod PUK.\n", encoding="utf-8")


def test_knowledge_base_search_finds_questions_titles_and_answers(tmp_path):
    write_kb_sources(tmp_path / "kb")
    libbot.build_kb(tmp_path / "kb", tmp_path / "faq.sqlite")
    kb = libbot.KnowledgeBase(tmp_path / "faq.sqlite")
    assert kb.path == str(tmp_path / "faq.sqlite")
    # Another form of the question's words ("visszaküldeni").
    hits = kb.search("Hány napig lehet visszaküldeni a termékeket?", "hu")
    assert hits[0] == libbot.KbHit("returns", "question",
                                   "Meddig küldhetem vissza a terméket?")
    assert len({h.entry_id for h in hits}) == len(hits)  # each entry once
    # The Polish article by its title, then by a sentence of its answer
    # only (the title has no "odblokować").
    assert kb.search("kod PUK", "pl")[0].kind == "title"
    by_answer = kb.search("jak odblokować kartę", "pl")
    assert by_answer == [libbot.KbHit(
        "pin_puk", "answer",
        "Po trzech błędnych próbach karta się blokuje i do odblokowania potrzebny jest kod PUK.")]
    # Search syntax is read as words; a language has its own entries.
    assert kb.search('"kod" OR NEAR(', "pl", limit=1)[0].entry_id == "pin_puk"
    assert kb.search("kod PUK", "hu") == []
    # Without a language, the message's own is detected.
    assert kb.search("Po trzech błędnych próbach karta się blokuje")[0].entry_id == "pin_puk"


def test_knowledge_base_refuses_bad_files_and_arguments(tmp_path):
    with pytest.raises(FileNotFoundError):
        libbot.KnowledgeBase(tmp_path / "no.sqlite")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"x" * 4096)
    with pytest.raises(libbot.KnowledgeBaseError):
        libbot.KnowledgeBase(garbage)
    write_kb_sources(tmp_path / "kb")
    libbot.build_kb(tmp_path / "kb", tmp_path / "faq.sqlite")
    kb = libbot.KnowledgeBase(tmp_path / "faq.sqlite")
    with pytest.raises(ValueError):
        kb.search("kod", "en")
    with pytest.raises(ValueError, match="language is unclear: give lang="):
        kb.search("123", None)  # no language to detect
    with pytest.raises(ValueError):
        kb.search("kod", "pl", limit=0)
    with pytest.raises(TypeError):
        kb.search(b"kod", "pl")
    # A file removed after opening is an error at the search, not a crash.
    (tmp_path / "faq.sqlite").unlink()
    with pytest.raises(FileNotFoundError):
        kb.search("kod", "pl")
