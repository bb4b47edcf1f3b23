"""libbot.import_nlpjs and `python -m libbot import-nlpjs`: an NLP.js corpus
becomes rule files that load, answer its utterances, and decline what its
"None" intent holds."""

import json
import subprocess
import sys

import pytest

import libbot

CORPUS = {
    "name": "Bolt", "locale": "hu-HU",
    "entities": {"termek": {"options": {"telefon": ["telefon", "mobil"],
                                        "laptop": ["laptop"]}}},
    "data": [
        {"intent": "greetings.hello", "utterances": ["Szia", "Jó napot!"],
         "answers": ["Szia! Miben segíthetek?"]},
        {"intent": "order.status",
         "utterances": ["Hol tart a rendelésem?", "Mikor jön a @termek?",
                        "Megérkezett már a %termek%?", "Hol van a csomagom?"],
         "answers": [{"answer": "Úton van, {{ name }}."}]},
        {"intent": "Számla kérés", "utterances": ["Kérek számlát a %date% rendelésről",
                                                  "Küldjetek számlát a jan@example.com címre"],
         "answers": []},
        {"intent": "None", "utterances": ["Milyen idő lesz holnap?", "Ki nyerte a meccset?",
                                          "Mennyi a benzin ára?"]},
        {"intent": "empty", "utterances": [], "answers": ["x"]},
        {"intent": "not a list", "utterances": "Szia", "answers": ["x"]},
    ]}


def test_a_corpus_becomes_a_bot(tmp_path):
    report = libbot.import_nlpjs([CORPUS], tmp_path)
    assert report.files == [str(tmp_path / "hu" / "nlpjs.yaml")]
    assert (report.intents, report.examples) == ({"hu": 4}, {"hu": 11})
    text = (tmp_path / "hu" / "nlpjs.yaml").read_text(encoding="utf-8")
    # Entities become one of their texts; a built-in one is left out; an @
    # of the text itself stays.
    assert '"Mikor jön a laptop?"' in text and '"Megérkezett már a telefon?"' in text
    assert '"Kérek számlát a rendelésről"' in text
    assert "jan@example.com" in text
    assert '"Úton van, [name]."' in text
    notes = "\n".join(report.notes)
    for what in ("%date%", "'empty' has no utterances", "'not a list' has no utterances",
                 "'Számla kérés' has no answers",
                 "'szamla_keres'", "{{...}}"):
        assert what in notes
    engine = libbot.Engine(rules=tmp_path)
    assert engine.respond("Hol tart a rendelésem?", lang="hu").id == "order.status"
    # An intent without answers hands over; "None" declines.
    assert engine.respond("Kérek számlát", lang="hu").kind == "handoff"
    declined = engine.respond("Milyen idő lesz holnap?", lang="hu")
    assert (declined.kind, declined.reason, declined.id) == ("fallback", "out_of_scope", "none")


def test_what_it_refuses(tmp_path):
    with pytest.raises(ValueError, match="locale 'de-DE'"):
        libbot.import_nlpjs([dict(CORPUS, locale="de-DE")], tmp_path)
    with pytest.raises(ValueError, match="no \"data\" list"):
        libbot.import_nlpjs([{"locale": "pl-PL"}], tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json:1:2: not JSON"):
        libbot.import_nlpjs([bad], tmp_path)
    assert not (tmp_path / "hu").exists()
    libbot.import_nlpjs([CORPUS], tmp_path)
    with pytest.raises(FileExistsError):
        libbot.import_nlpjs([CORPUS], tmp_path)
    libbot.import_nlpjs([CORPUS], tmp_path, force=True)


def test_python_m_libbot_import_nlpjs(tmp_path):
    hu, pl = tmp_path / "hu.json", tmp_path / "pl.json"
    hu.write_text(json.dumps(CORPUS, ensure_ascii=False), encoding="utf-8")
    pl.write_text(json.dumps({"locale": "pl", "data": [
        {"intent": "greetings.hello", "utterances": ["Dzień dobry", "Cześć"],
         "answers": ["Dzień dobry! W czym mogę pomóc?"]}]}), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "libbot", "import-nlpjs", str(hu), str(pl),
                          "--out", str(tmp_path / "rules")],
                         capture_output=True, text=True, check=True).stdout
    assert "hu/nlpjs.yaml: 4 intents" in out and "pl/nlpjs.yaml: 1 intents" in out
    again = subprocess.run([sys.executable, "-m", "libbot", "import-nlpjs", str(pl),
                            "--out", str(tmp_path / "rules")], capture_output=True, text=True)
    assert again.returncode == 1 and "exists" in again.stderr
    engine = libbot.Engine(rules=tmp_path / "rules")
    assert engine.respond("Cześć!", lang="pl").id == "greetings.hello"
