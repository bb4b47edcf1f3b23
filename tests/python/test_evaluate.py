import csv
import json
import subprocess
import sys

import pytest

import libbot
from conftest import REPO

ROWS = [
    {"text": "Jó napot!", "expect": "greeting"},
    {"text": "hol van a csomagom?", "expect": "@clarify", "conversation": "a"},
    {"text": "#123456", "expect": "order_status", "conversation": "a"},
    {"text": "Zapomniałem hasła", "lang": "pl", "expect": ["password_reset"]},
    {"text": "chce rozmawiac z czlowiekiem", "expect": "@handoff"},
    {"text": "Milyen idő lesz holnap?", "expect": "@oos"},
    {"text": "Köszönöm szépen!", "expect": "greeting"},  # wrong on purpose: it is thanks
]


def test_report_numbers(engine):
    report = libbot.evaluate(engine, ROWS)
    assert (report.total, report.correct) == (7, 6)
    assert abs(report.accuracy - 6 / 7) < 1e-9
    assert report.oos_false_answer_rate == 0.0
    assert abs(report.handoff_rate - 1 / 7) < 1e-9
    assert abs(report.clarify_rate - 1 / 7) < 1e-9
    assert [f["text"] for f in report.failures] == ["Köszönöm szépen!"]
    assert report.confusions()[0] == ("greeting", "thanks", 1)
    per_id = report.per_id()
    assert per_id["greeting"]["recall"] == 0.5
    assert per_id["thanks"]["precision"] == 0.0
    assert per_id["password_reset"]["f1"] == 1.0
    d = report.to_dict()
    json.dumps(d)
    assert d["accuracy"] == report.accuracy and len(d["results"]) == 7
    text = str(report)
    assert "6/7 correct" in text and "expected greeting, got thanks" in text


def test_answers_by_confidence(engine):
    report = libbot.evaluate(engine, ROWS)
    answers = [r for r in report.results if r["kind"] == "answer"]
    buckets = report.reliability()
    assert [(b["low"], b["high"]) for b in buckets][:3] == [(0.0, 0.3), (0.3, 0.5), (0.5, 0.6)]
    assert buckets[-1]["high"] == 1.0
    assert sum(b["answers"] for b in buckets) == len(answers) > 0
    assert sum(b["correct"] for b in buckets) == sum(r["correct"] for r in answers)
    for b in buckets:
        inside = [r["confidence"] for r in answers
                  if b["low"] <= r["confidence"] < b["high"] or (b["high"] == 1.0 and r["confidence"] >= 1.0)]
        assert b["answers"] == len(inside)
        if inside:
            assert abs(b["mean_confidence"] - sum(inside) / len(inside)) < 1e-9
    assert 0.0 <= report.calibration_error <= 1.0
    assert 0.0 < report.calibration_error_by_chance < 0.5
    assert report.to_dict()["calibration_error_by_chance"] == report.calibration_error_by_chance
    assert "answers by confidence:" in str(report)


def test_slot_question_is_understood_not_correct(engine):
    rows = [{"text": "hol van a csomagom?", "lang": "hu", "expect": "order_status"},
            {"text": "hol van a csomagom?", "lang": "hu", "expect": "ask:order_status"}]
    report = libbot.evaluate(engine, rows)
    assert (report.correct, report.understood) == (1, 2)
    first = report.results[0]
    assert (first["correct"], first["understood"], first["understood_as"]) == (
        False, True, "ask:order_status")
    assert report.confusions() == [("order_status", "ask:order_status", 1)]
    assert report.per_id()["order_status"]["asked"] == 1


def test_groups_by_language_and_split(engine):
    rows = [dict(r, split="dev" if i < 4 else "held_out") for i, r in enumerate(ROWS)]
    groups = libbot.evaluate(engine, rows).groups()
    # Held out: the weather (hu, @oos, not answered), the wrong "greeting"
    # (hu) and the request for a person (detected as pl).
    assert groups["hu/held_out"] == {"total": 2, "correct": 1, "oos": 1, "oos_answered": 0,
                                     "accuracy": 0.5, "oos_answer_rate": 0.0,
                                     "understood": 1, "understood_rate": 0.5}
    assert groups["pl/held_out"]["total"] == 1 and groups["pl/dev"]["correct"] == 1
    assert sum(g["total"] for g in groups.values()) == len(ROWS)
    # Without splits: one group per language.
    assert set(libbot.evaluate(engine, ROWS).groups()) == {"hu", "pl"}
    # Or each language over all its splits.
    languages = libbot.evaluate(engine, rows).groups(by_split=False)
    assert set(languages) == {"hu", "pl"}
    assert languages["hu"]["total"] == groups["hu/dev"]["total"] + groups["hu/held_out"]["total"]


def test_jsonl_and_csv_sources(engine, tmp_path):
    jsonl = tmp_path / "set.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    assert libbot.evaluate(engine, jsonl).correct == 6
    table = tmp_path / "set.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["text", "expect", "lang", "conversation"])
        writer.writeheader()
        for r in ROWS:
            expect = r["expect"] if isinstance(r["expect"], str) else "|".join(r["expect"])
            writer.writerow({"text": r["text"], "expect": expect, "lang": r.get("lang", ""),
                             "conversation": r.get("conversation", "")})
    report = libbot.evaluate(engine, table)
    assert report.correct == 6
    out = tmp_path / "results.csv"
    report.to_csv(out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8


def test_python_m_libbot_eval(kb_path, tmp_path):
    jsonl = tmp_path / "set.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "libbot", "eval", str(jsonl), "--rules",
                           str(REPO / "rules"), "--kb", str(kb_path), "--json", "--no-fail"],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["correct"] == 6
    plain = subprocess.run([sys.executable, "-m", "libbot", "eval", str(jsonl), "--rules",
                            str(REPO / "rules"), "--kb", str(kb_path)],
                           capture_output=True, text=True)
    assert "6/7 correct" in plain.stdout and plain.returncode == 1  # a wrong row
    missing = subprocess.run([sys.executable, "-m", "libbot", "eval", "nope.jsonl", "--rules",
                              str(REPO / "rules")], capture_output=True, text=True)
    assert missing.returncode == 1


def test_the_example_script_runs(kb_path, tmp_path):
    # It uses rules/ and kb/faq.sqlite relative to where it runs.
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "faq.sqlite").write_bytes(kb_path.read_bytes())
    (tmp_path / "rules").symlink_to(REPO / "rules")
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS[:-1]),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "examples/python/batch_test.py"), str(data)],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6/6 correct" in done.stdout
    assert (tmp_path / "results.csv").exists()


def test_csv_cells_never_run_as_formulas(engine, tmp_path):
    # Issue 18: customer messages starting with = + - @ became spreadsheet
    # formulas in Report.to_csv.
    rows = [{"text": t, "expect": "@oos"} for t in
            ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(1)", "szia"]]
    report = libbot.evaluate(engine, rows)
    out = tmp_path / "r.csv"
    report.to_csv(out)
    import csv
    texts = [r["text"] for r in csv.DictReader(open(out, encoding="utf-8"))]
    assert texts == ["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2", "'@SUM(1)", "szia"]


def test_odd_paths_and_texts_raise_documented_errors(engine, tmp_path):
    # Issue 18: UnicodeDecodeError / TypeError where FileNotFoundError,
    # ValueError were documented.
    with pytest.raises(FileNotFoundError):
        libbot.Engine(rules=str(tmp_path / "\udcff"))
    with pytest.raises(FileNotFoundError):
        libbot.Engine(rules=bytes(tmp_path) + b"/\xff")
    with pytest.raises(ValueError):
        libbot.Engine(rules="rules", kb=str(tmp_path / "\ud800.sqlite"))
    with pytest.raises(FileNotFoundError):
        libbot.build_kb(str(tmp_path / "\udcff"), str(tmp_path / "x.sqlite"))
    report = libbot.evaluate(engine, [{"text": "szia \ud800", "expect": "greeting"}])
    assert report.total == 1


def test_unknown_expected_id_is_an_error(engine):
    """A typo in an expected id is a mistake in the set, not a miss."""
    with pytest.raises(ValueError, match=r"unknown expected id 'greting' \(did you mean 'greeting'\?\)"):
        libbot.evaluate(engine, [{"text": "Jó napot!", "expect": "greting"}])


def test_an_out_of_scope_intent_declines_and_counts_as_not_answered(tmp_path):
    # An energy bot taught what it is not for: the decline is a fallback
    # with reason "out_of_scope" and the intent's id, and an evaluation
    # counts it as not answered, so "@oos" rows it catches are right.
    (tmp_path / "hu").mkdir()
    (tmp_path / "hu" / "bot.yaml").write_text(
        "intents:\n"
        "  - id: price_info\n"
        "    examples: ['Mennyibe kerül egy kilowattóra?', 'Mennyi az áram ára?',"
        " 'Mennyi a gáz egységára?']\n"
        "    replies: ['Az árakat a honlapon találja.']\n"
        "  - id: off_topic\n"
        "    out_of_scope: true\n"
        "    examples: ['Mennyibe kerül a tej?', 'Mennyi a kenyér ára?',"
        " 'Milyen idő lesz holnap?']\n"
        "    replies: ['Ebben nem tudok segíteni.']\n", encoding="utf-8")
    engine = libbot.Engine(rules=tmp_path)
    r = engine.respond("Mennyibe kerül a kenyér?", lang="hu")
    assert (r.kind, r.reason, r.id, r.text) == (
        "fallback", "out_of_scope", "off_topic", "Ebben nem tudok segíteni.")
    report = libbot.evaluate(engine, [
        {"text": "Mennyibe kerül a kenyér?", "expect": "@oos", "lang": "hu"},
        {"text": "Mennyibe kerül a kenyér?", "expect": "off_topic", "lang": "hu"},
        {"text": "Mennyi az áram ára?", "expect": "price_info", "lang": "hu"},
    ])
    assert report.correct == 3
    assert report.oos_false_answer_rate == 0
    rows = report.to_dataframe()
    assert list(rows["understood_as"]) == ["off_topic", "off_topic", "price_info"]
