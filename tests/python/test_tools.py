"""Issue 20: the editors' and testers' tools from Python (run_tests, coverage,
lint, reprs, DataFrames, one FAQ default, libbot.testing, traces)."""

import json
import shutil
import subprocess
import sys
import warnings

import pandas
import pytest

import libbot
from libbot.testing import (assert_answers, assert_asks, assert_hands_off,
                            assert_not_answered, assert_reply)
from conftest import REPO


@pytest.fixture
def bot_copy(tmp_path, kb_path):
    """The demo bot in a folder of its own: rules/, kb/ sources, a database."""
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copytree(REPO / "kb", tmp_path / "kb",
                    ignore=shutil.ignore_patterns("*.sqlite"))
    return tmp_path


def test_one_default_for_the_knowledge_base(bot_copy, kb_path):
    rules = bot_copy / "rules"
    # Sources but no database: said, and the engine answers without FAQ.
    with pytest.warns(libbot.KnowledgeBaseWarning, match="has FAQ sources but no database"):
        bare = libbot.Engine(rules)
    assert bare.kb is None and bare.size["faq_entries"] == 0
    # Built beside the rules: the default, as for the `libbot` program.
    shutil.copy(kb_path, bot_copy / "kb" / "faq.sqlite")
    (bot_copy / "kb" / "faq.sqlite").touch()
    assert libbot.default_kb_path(rules) == str(bot_copy / "kb" / "faq.sqlite")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        engine = libbot.Engine(rules)
    assert engine.kb == str(bot_copy / "kb" / "faq.sqlite")
    assert engine.size["faq_entries"] == 45  # distinct ids, both languages
    # kb=False: none, and nothing to warn about.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert libbot.Engine(rules, kb=False).kb is None


def test_stale_database_is_said(bot_copy, kb_path):
    shutil.copy(kb_path, bot_copy / "kb" / "faq.sqlite")
    source = next((bot_copy / "kb" / "hu").glob("*.yaml"))
    import os
    stamp = os.stat(bot_copy / "kb" / "faq.sqlite").st_mtime
    os.utime(source, (stamp + 60, stamp + 60))
    with pytest.warns(libbot.KnowledgeBaseWarning, match=f"is older than .*{source.name}"):
        libbot.Engine(bot_copy / "rules")
    finding = [f for f in libbot.Engine(bot_copy / "rules", kb=False).lint()
               if f["kind"] == "stale_kb"]
    assert len(finding) == 1 and "libbot kb build" in finding[0]["message"]


def test_engine_repr_paths_and_size(engine, kb_path):
    assert engine.rules == str(REPO / "rules") and engine.kb == str(kb_path)
    size = engine.size
    assert size["intents"] >= 18 and size["faq_entries"] == 45 and size["tests"] >= 700
    text = repr(engine)
    assert text.startswith("Engine(rules=") and "faq_entries=45" in text and len(text) < 300


def test_run_tests_coverage_and_lint_as_in_the_cli(engine):
    report = engine.run_tests()
    cli = json.loads(subprocess.run(
        [str(REPO / "build/bin/libbot"), "test", "--json", "--kb", engine.kb, engine.rules],
        capture_output=True, text=True).stdout) if (REPO / "build/bin/libbot").exists() else None
    assert report.ok and report.failed == 0 and report.passed == len(report.tests) >= 700
    assert report.faq_loaded and report.uncovered_faq_entries == []
    if cli is not None:
        assert (cli["passed"], cli["failed"]) == (report.passed, report.failed)
    assert "uncovered FAQ entries: 0" in str(report)
    assert len(repr(report)) < 200
    asked = [t for t in report.tests if t["expect"] == "ask:order_status"]
    assert asked and all(t["got"] == "a question for a detail of order_status" for t in asked)
    assert engine.coverage() == {"uncovered_patterns": [], "uncovered_faq_entries": [],
                                 "faq_loaded": True}
    assert engine.lint() == []  # the demo bot is clean


def test_run_tests_failure_and_lint_kinds(tmp_path):
    (tmp_path / "rules" / "hu").mkdir(parents=True)
    (tmp_path / "rules" / "hu" / "a.yaml").write_text(
        "intents:\n"
        "  - id: greeting\n    patterns: [szia]\n    replies: ['Szia {nev}!']\n"
        "    tests: ['szia', {text: 'jó napot', expect: greting}, 'mizu']\n",
        encoding="utf-8")
    engine = libbot.Engine(tmp_path / "rules")
    report = engine.run_tests()
    assert (report.passed, report.failed) == (1, 2) and not report.ok
    typo, miss = report.failures
    assert "did you mean 'greeting'" in typo["error"]
    assert miss["text"] == "mizu" and miss["got"] == "fallback" and "trace" in miss
    assert "FAQ entries: none loaded, not checked" in str(report)
    kinds = {f["kind"] for f in engine.lint()}
    assert {"placeholder", "unknown_expectation", "one_language"} <= kinds


def test_report_repr_is_short(engine):
    rows = [{"text": "Jó napot!", "expect": "greeting"}] * 300
    report = libbot.evaluate(engine, rows)
    assert repr(report) == ("Report(total=300, correct=300, accuracy=1.000, understood=300, "
                            "failures=0)")


def test_dataframe_in_and_out(engine):
    frame = pandas.DataFrame([
        {"text": "Jó napot!", "expect": "greeting", "lang": None},
        {"text": "hol van a csomagom?", "expect": "order_status", "lang": "hu"},
        {"text": "Zapomniałem hasła", "expect": "password_reset|@handoff", "lang": "pl"},
    ])
    report = libbot.evaluate(engine, frame)  # was: "dictionary update sequence ..."
    assert (report.total, report.correct, report.understood) == (3, 2, 3)
    out = report.to_dataframe()
    assert list(out["correct"]) == [True, False, True]
    assert out.loc[1, "understood_as"] == "ask:order_status"
    assert out.loc[2, "expect"] == "password_reset|@handoff"
    # Any iterable of dicts: a generator too.
    assert libbot.evaluate(engine, (dict(r) for r in frame.to_dict("records"))).correct == 2
    with pytest.raises(ValueError, match="not a dict"):
        libbot.evaluate(engine, ["Jó napot!"])


def test_traced_evaluation_gives_every_candidate(kb_path):
    engine = libbot.Engine(REPO / "rules", kb_path, trace_candidates=10)
    report = libbot.evaluate(engine, [{"text": "Mennyi a szállítási díj?",
                                       "expect": "faq.shipping_cost"}], trace=True)
    candidates = report.results[0]["trace"]["candidates"]
    assert len(candidates) > 5
    assert {"id", "source", "score", "probability", "verdict"} <= set(candidates[0])
    assert report.to_dataframe().loc[0, "top_candidates"][0] == "faq.shipping_cost"
    assert "trace" not in libbot.evaluate(engine, [{"text": "szia", "expect": "greeting"}]
                                          ).results[0]
    with pytest.raises(ValueError, match="trace_candidates"):
        libbot.Engine(REPO / "rules", kb_path, trace_candidates=0)


def test_max_learned_texts_keeps_centroids(kb_path):
    # 0 never learns: the n-gram similarities are the centroids' cosines,
    # not the learned ones; the same question is still answered.
    text = "Mennyi a szállítási díj?"
    learned = libbot.Engine(REPO / "rules", kb_path).respond(text)
    centroids = libbot.Engine(REPO / "rules", kb_path, max_learned_texts=0).respond(text)
    assert learned.id == centroids.id == "faq.shipping_cost"
    ngrams = [[c["ngram_score"] for c in r.trace["candidates"]] for r in (learned, centroids)]
    assert ngrams[0] != ngrams[1]
    with pytest.raises(ValueError, match="max_learned_texts"):
        libbot.Engine(REPO / "rules", kb_path, max_learned_texts=-1)


def test_testing_helpers(engine):
    assert assert_answers(engine, "hol van a csomagom #123456", "order_status").kind == "answer"
    assert_asks(engine, "Hol a csomagom?", "order_status")
    assert_hands_off(engine, "Ügyintézővel szeretnék beszélni")
    assert_not_answered(engine, "Milyen idő lesz holnap?")
    assert_reply(engine, "Zapomniałem hasła", ["@handoff", "password_reset"], lang="pl")
    with pytest.raises(AssertionError) as failure:
        assert_answers(engine, "Hol a csomagom?", "order_status")
    message = str(failure.value)
    # What happened, and why: the candidates and decisions of the trace.
    assert "expected order_status, got a question for a detail of order_status" in message
    assert "rule order_status" in message and "decision:" in message
    with pytest.raises(ValueError, match="did you mean 'order_status'"):
        assert_answers(engine, "Hol a csomagom?", "order_statsu")


def test_python_m_libbot_eval_fails_on_a_wrong_row(kb_path, tmp_path):
    rows = tmp_path / "set.jsonl"
    rows.write_text(json.dumps({"text": "hol van a csomagom?", "expect": "order_status"}),
                    encoding="utf-8")
    run = [sys.executable, "-m", "libbot", "eval", str(rows), "--rules", str(REPO / "rules"),
           "--kb", str(kb_path)]
    assert subprocess.run(run, capture_output=True).returncode == 1
    assert subprocess.run(run + ["--no-fail"], capture_output=True).returncode == 0
