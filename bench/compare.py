#!/usr/bin/env python3
"""libbot against NLP.js, on the same data, on this machine (bench/run).

For each set, libbot (build/bench/peer_libbot) and NLP.js
(bench/peers/nlpjs/run.js) are run one after the other, each in a process of
its own, each answering the messages one by one on one core. Both get the
same training material:

- demo: the demo bot. libbot loads rules/ and kb/ as they are; NLP.js gets
  every example, FAQ question and inline test (of an intent or entry,
  expecting it) as a training utterance, since it cannot use patterns. That
  is more than libbot learns from. Scored on bench/demo_eval.jsonl with the
  rule of `libbot eval` (NLP.js answers when its intent is not "None").
- massive-hu, massive-pl: MASSIVE 1.1 train as examples, dev as messages;
  top-1 intent (libbot: the reply's id, or its best candidate when it did
  not answer; NLP.js: its first classification).
- fewshot-hu, fewshot-pl (issue 17): the k = 8 draw of bench/fewshot.py
  with seed 1: 50 MASSIVE intents with 8 train examples each, the other 10
  left out; every dev message, those of the left-out intents expecting no
  answer (@oos). Scored with the `libbot eval` rule: answered right, and
  unknown-intent messages answered.
- helpcentre-hu, helpcentre-pl (issue 17): bench/helpcentre's articles.
  libbot reads them as articles (title and answer); NLP.js gets each title
  and each sentence of its answer as a training utterance of the article.
  Scored on bench/helpcentre/questions.jsonl with the `libbot eval` rule.
- intents-N, faq-N: synthetic Hungarian bots (bench/compare.py makes them
  from the Hunspell word list): N intents with 3 examples each (libbot: rule
  examples), or N FAQ entries with 3 questions each (libbot: a knowledge
  base built by `libbot kb build`); each has a pair of words no other has,
  among common words. A message is that pair with two common words; in a
  third of them one of the pair is misspelt (two letters swapped), in a
  third inflected (an -ot/-et/-t or -ban/-ben ending).

Writes build/bench_run/results.json, the table between <!-- peers:begin -->
and <!-- peers:end --> in docs/benchmarks.md, and docs/peers.png.
"""

import argparse
import glob
import json
import os
import random
import statistics
import subprocess
import sys
import time

import yaml

from devsets import draw, read  # bench/: the one MASSIVE reader and few-shot draw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
WORK = os.path.join(BUILD, "bench_run")
NLPJS = os.path.join(ROOT, "bench", "peers", "nlpjs")
MASSIVE = os.path.join(os.path.dirname(ROOT), "shared", "data", "massive")


# ---------------------------------------------------------------- running

def run_libbot(name, rules_dir, kb_path, msgs, timeout):
    out = os.path.join(WORK, f"{name}.libbot.json")
    cmd = [os.path.join(BUILD, "bench", "peer_libbot"), "--rules", rules_dir]
    if kb_path:
        cmd += ["--kb", kb_path]
    return run(cmd + [msgs, out], out, timeout)


def run_nlpjs(name, documents, languages, msgs, timeout):
    corpus = os.path.join(WORK, f"{name}.corpus.json")
    with open(corpus, "w", encoding="utf-8") as f:
        json.dump({"languages": languages, "documents": documents}, f, ensure_ascii=False)
    out = os.path.join(WORK, f"{name}.nlpjs.json")
    cmd = ["node", "--max-old-space-size=16384", os.path.join(NLPJS, "run.js"), corpus, msgs, out]
    return run(cmd, out, timeout)


def run(cmd, out, timeout):
    """The engine's output, or {"error": why} when it failed or ran out of time."""
    if os.path.exists(out):
        os.remove(out)
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout} s"}
    if proc.returncode != 0 or not os.path.exists(out):
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
        return {"error": f"exit {proc.returncode}: {tail[0][:200]}"}
    with open(out, encoding="utf-8") as f:
        result = json.load(f)
    result["wall_s"] = time.monotonic() - start
    return result


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- scoring

def meets(kind, rid, reason, expect, can_ask=True):
    """The rule of `libbot eval` (MeetsExpectation in libbot/src/engine/evaluate.cc).
    "ask:ID" expects a question for a detail of ID; an engine without slots
    (can_ask False: NLP.js here) is credited when it names ID, the most it
    can do."""
    if expect.startswith("ask:"):
        if not can_ask:
            return kind in ("answer", "handoff") and rid == expect[4:]
        return kind == "clarify" and reason == "slot" and rid == expect[4:]
    if expect == "@handoff":
        return kind == "handoff"
    if expect == "@fallback":
        return kind == "fallback"
    if expect == "@clarify":
        return kind == "clarify"
    if expect == "@oos":
        return kind != "answer"
    return rid == expect and kind in ("answer", "handoff")


def nlpjs_reply(r, handoff_ids):
    """NLP.js's answer as a reply kind and id."""
    if r["intent"] == "None":
        return "fallback", "", ""
    return ("handoff" if r["intent"] in handoff_ids else "answer"), r["intent"], ""


def summarize(result, messages, mode, handoff_ids=()):
    """Accuracy, out-of-scope answered, speed and memory of one engine's run."""
    if "error" in result:
        return {"error": result["error"]}
    rows = result["results"]
    right = oos = oos_answered = 0
    for r, m in zip(rows, messages):
        expects = m["expect"] if isinstance(m["expect"], list) else [m["expect"]]
        if result["engine"] == "nlpjs":
            if mode == "top1":
                kind, rid, reason = "answer", r["top"], ""
            else:
                kind, rid, reason = nlpjs_reply(r, handoff_ids)
        else:
            kind, rid, reason = r["kind"], r["id"], r.get("reason", "")
            if mode == "top1":
                kind, rid = "answer", r["top"]
        can_ask = result["engine"] != "nlpjs" and mode != "top1"
        right += any(meets(kind, rid, reason, e, can_ask) for e in expects)
        if "@oos" in expects:
            oos += 1
            oos_answered += kind == "answer"
    us = sorted(r["us"] for r in rows)
    return {
        "accuracy": right / len(rows),
        "right": right,
        "messages": len(rows),
        "oos": oos,
        "oos_answered": oos_answered,
        "msgs_per_s": len(us) / (sum(us) / 1e6),
        "p50_us": us[len(us) // 2],
        "p99_us": us[min(len(us) - 1, int(len(us) * 0.99))],
        "load_ms": result["load_ms"],
        "rss_mb": result["rss_kb"] / 1024,
    }


# ---------------------------------------------------------------- the sets

def inline_tests(item):
    """An intent's or entry's own tests: those that expect it."""
    out = []
    for t in item.get("tests") or []:
        if isinstance(t, str):
            out.append(t)
        elif isinstance(t, dict) and t.get("expect", item["id"]) == item["id"]:
            out.append(t["text"])
    return out


def demo_set():
    documents, handoff = [], set()
    for lang in ("hu", "pl"):
        for path in sorted(glob.glob(os.path.join(ROOT, "rules", lang, "*.yaml"))):
            doc = yaml.safe_load(open(path, encoding="utf-8")) or {}
            for intent in doc.get("intents") or []:
                if intent.get("handoff"):
                    handoff.add(intent["id"])
                for text in (intent.get("examples") or []) + inline_tests(intent):
                    documents.append({"lang": lang, "intent": intent["id"], "text": text})
        for path in sorted(glob.glob(os.path.join(ROOT, "kb", lang, "*.yaml"))):
            doc = yaml.safe_load(open(path, encoding="utf-8")) or {}
            for entry in doc.get("entries") or []:
                for text in (entry.get("questions") or []) + inline_tests(entry):
                    documents.append({"lang": lang, "intent": entry["id"], "text": text})
    messages = [json.loads(l) for l in open(os.path.join(ROOT, "bench", "demo_eval.jsonl"),
                                            encoding="utf-8") if l.strip()]
    kb = os.path.join(WORK, "demo_faq.sqlite")
    subprocess.run([os.path.join(BUILD, "bin", "libbot"), "kb", "build",
                    os.path.join(ROOT, "kb"), "-o", kb], check=True, capture_output=True)
    return {"name": "demo", "rules": os.path.join(ROOT, "rules"), "kb": kb,
            "documents": documents, "languages": ["hu", "pl"], "messages": messages,
            "mode": "eval", "handoff": handoff, "size": None}


def massive_split(lang, split):
    return read(os.path.join(MASSIVE, f"{lang}_{split}.jsonl"))


def massive_set(lang):
    train, dev = massive_split(lang, "train"), massive_split(lang, "dev")
    by_intent = {}
    for row in train:
        by_intent.setdefault(row["intent"], []).append(row["text"])
    rules = os.path.join(WORK, f"massive_{lang}_rules")
    write_rules(rules, lang, by_intent)
    documents = [{"lang": lang, "intent": r["intent"], "text": r["text"]} for r in train]
    messages = [{"text": r["text"], "lang": lang, "expect": r["intent"]} for r in dev]
    return {"name": f"massive-{lang}", "rules": rules, "kb": None, "documents": documents,
            "languages": [lang], "messages": messages, "mode": "top1", "size": None}


def fewshot_set(lang):
    """bench/fewshot.py's k = 8, seed 1 draw (the same examples)."""
    unknown, examples = draw(massive_split(lang, "train"), 1, 8)
    rules = os.path.join(WORK, f"fewshot_{lang}_rules")
    write_rules(rules, lang, examples)
    documents = [{"lang": lang, "intent": i, "text": t}
                 for i, texts in sorted(examples.items()) for t in texts]
    messages = [{"text": r["text"], "lang": lang,
                 "expect": "@oos" if r["intent"] in unknown else r["intent"]}
                for r in massive_split(lang, "dev")]
    return {"name": f"fewshot-{lang}", "rules": rules, "kb": None, "documents": documents,
            "languages": [lang], "messages": messages, "mode": "eval", "size": None}


def helpcentre_set(lang):
    """bench/helpcentre's articles and questions of one language."""
    source = os.path.join(ROOT, "bench", "helpcentre")
    articles = yaml.safe_load(open(os.path.join(source, lang, "articles.yaml"),
                                   encoding="utf-8"))["entries"]
    sources = os.path.join(WORK, f"helpcentre_{lang}_kb")
    os.makedirs(os.path.join(sources, lang), exist_ok=True)
    with open(os.path.join(sources, lang, "articles.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump({"entries": articles}, f, allow_unicode=True, width=1000)
    kb = os.path.join(WORK, f"helpcentre_{lang}.sqlite")
    subprocess.run([os.path.join(BUILD, "bin", "libbot"), "kb", "build", sources, "-o", kb],
                   check=True, capture_output=True)
    rules = os.path.join(WORK, f"helpcentre_{lang}_rules")
    write_rules(rules, lang, {})
    documents = []
    for a in articles:
        sentences = [s.strip() for s in a["answer"].replace("!", ".").replace("?", ".").split(".")]
        for text in [a["title"]] + [s for s in sentences if len(s.split()) >= 3]:
            documents.append({"lang": lang, "intent": a["id"], "text": text})
    messages = [json.loads(l) for l in open(os.path.join(source, "questions.jsonl"),
                                            encoding="utf-8") if l.strip()]
    messages = [m for m in messages if m["lang"] == lang]
    return {"name": f"helpcentre-{lang}", "rules": rules, "kb": kb, "documents": documents,
            "languages": [lang], "messages": messages, "mode": "eval", "size": None}


def servicebot_set():
    """bench/servicebot: an energy utility's example-only bot (both
    languages), its tests written before either engine saw it."""
    source = os.path.join(ROOT, "bench", "servicebot")
    documents = []
    for lang in ("hu", "pl"):
        doc = yaml.safe_load(open(os.path.join(source, "rules", lang, "intents.yaml"),
                                  encoding="utf-8"))
        for intent in doc["intents"]:
            documents += [{"lang": lang, "intent": intent["id"], "text": t}
                          for t in intent["examples"]]
    messages = [json.loads(l) for l in open(os.path.join(source, "tests.jsonl"),
                                            encoding="utf-8") if l.strip()]
    return {"name": "servicebot", "rules": os.path.join(source, "rules"), "kb": None,
            "documents": documents, "languages": ["hu", "pl"], "messages": messages,
            "mode": "eval", "size": None}


def write_rules(folder, lang, by_intent):
    os.makedirs(os.path.join(folder, lang), exist_ok=True)
    intents = [{"id": name, "examples": texts, "replies": ["ok"]}
               for name, texts in sorted(by_intent.items())]
    with open(os.path.join(folder, lang, "intents.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump({"intents": intents}, f, allow_unicode=True, width=1000)


def vocabulary(rng):
    """Hungarian dictionary words of 4-10 plain letters, shuffled."""
    words = []
    with open("/usr/share/hunspell/hu_HU.dic", encoding="utf-8", errors="replace") as f:
        next(f)
        for line in f:
            w = line.split("/")[0].split("\t")[0].strip()
            if 4 <= len(w) <= 10 and w.isascii() and w.isalpha() and w.islower():
                words.append(w)
    words = sorted(set(words))
    rng.shuffle(words)
    return words


def synthetic_set(kind, n, words, rng, message_count=1000):
    """n intents (or FAQ entries) of 3 phrasings; messages that paraphrase them."""
    common = words[:300]
    rare = words[300:]
    def common_word():
        return common[min(int(rng.paretovariate(1.2)) - 1, len(common) - 1)]
    # Each item's two words of its own: a pair no other item has (a word
    # alone is shared by several items once there are more items than words).
    pairs, seen = [], set()
    while len(pairs) < n:
        a, b = rng.sample(range(len(rare)), 2)
        if (a, b) not in seen:
            seen.add((a, b))
            pairs.append((rare[a], rare[b]))
    items = {}
    for i, key in enumerate(pairs):
        phrasings = []
        for _ in range(3):
            p = list(key) + [common_word() for _ in range(3)]
            rng.shuffle(p)
            phrasings.append(" ".join(p))
        items[f"{'faq.' if kind == 'faq' else ''}s{i:06d}"] = phrasings
    messages = []
    names = sorted(items)
    for _ in range(message_count):
        i = rng.randrange(n)
        key = list(pairs[i])
        change = rng.random()
        j = rng.randrange(2)
        w = key[j]
        if change < 1 / 3 and len(w) >= 5:  # misspelt: two letters swapped
            k = rng.randrange(1, len(w) - 2)
            key[j] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
        elif change < 2 / 3:  # inflected: a case ending, by vowel harmony
            back = any(c in "aou" for c in w)
            key[j] = w + ("t" if w[-1] in "aeiou" else ("ot" if back else "et")) \
                if rng.random() < 0.5 else w + ("ban" if back else "ben")
        m = key + [common_word(), common_word()]
        rng.shuffle(m)
        messages.append({"text": " ".join(m), "lang": "hu", "expect": names[i]})
    name = f"{kind}-{n}"
    rules = os.path.join(WORK, f"{name}_rules")
    kb = None
    if kind == "intents":
        write_rules(rules, "hu", items)
    else:
        write_rules(rules, "hu", {})
        src = os.path.join(WORK, f"{name}_kb")
        os.makedirs(os.path.join(src, "hu"), exist_ok=True)
        entries = [{"id": k, "questions": v, "answer": "ok"} for k, v in sorted(items.items())]
        with open(os.path.join(src, "hu", "faq.yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump({"entries": entries}, f, allow_unicode=True, width=1000)
        kb = os.path.join(WORK, f"{name}.sqlite")
        subprocess.run([os.path.join(BUILD, "bin", "libbot"), "kb", "build", src, "-o", kb],
                       check=True, capture_output=True)
    documents = [{"lang": "hu", "intent": k, "text": t} for k, v in items.items() for t in v]
    return {"name": name, "rules": rules, "kb": kb, "documents": documents,
            "languages": ["hu"], "messages": messages, "mode": "top1",
            "size": n, "kind": kind}


# ---------------------------------------------------------------- report

def fmt(v, spec):
    return "–" if v is None else format(v, spec)


def ratio(a, b, higher_better=True, better="faster", worse="slower"):
    """How many times better libbot's `a` is than NLP.js's `b`, in words."""
    if a is None or b is None or a == 0 or b == 0:
        return "–"
    r = a / b if higher_better else b / a
    word = better
    if r < 1:
        r, word = 1 / r, worse
    return (f"{r:,.1f}× " if r < 100 else f"{r:,.0f}× ") + word


def table(runs):
    lines = [
        "| set | engine | accuracy | out-of-scope answered | msg/s (1 core) | p50 µs | p99 µs "
        "| load / train | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for engine in ("libbot", "nlpjs"):
            s = run[engine]
            label = "libbot" if engine == "libbot" else "NLP.js"
            if "error" in s:
                lines.append(f"| {run['name']} | {label} | {s['error']} | | | | | | |")
                continue
            oos = f"{s['oos_answered']}/{s['oos']}" if s["oos"] else "–"
            lines.append(
                f"| {run['name']} | {label} | {100 * s['accuracy']:.1f}% ({s['right']}/{s['messages']}) "
                f"| {oos} | {s['msgs_per_s']:,.0f} | {s['p50_us']:,.0f} | {s['p99_us']:,.0f} "
                f"| {s['load_ms'] / 1000:,.2f} s | {s['rss_mb']:,.0f} MB |")
        a, b = run["libbot"], run["nlpjs"]
        if "error" not in a and "error" not in b:
            lines.append(
                f"| {run['name']} | **libbot / NLP.js** | {100 * (a['accuracy'] - b['accuracy']):+.1f} points "
                f"| | **{ratio(a['msgs_per_s'], b['msgs_per_s'], True, 'more', 'fewer')}** "
                f"| {ratio(a['p50_us'], b['p50_us'], False)} | {ratio(a['p99_us'], b['p99_us'], False)} "
                f"| {ratio(a['load_ms'], b['load_ms'], False)} "
                f"| **{ratio(a['rss_mb'], b['rss_mb'], False, 'less', 'more')}** |")
    return "\n".join(lines)


def plot(runs, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for kind, style in (("intents", "-"), ("faq", "--")):
        for engine, color in (("libbot", "tab:blue"), ("nlpjs", "tab:orange")):
            points = [(r["size"], r[engine]) for r in runs
                      if r.get("kind") == kind and "error" not in r[engine]]
            if not points:
                continue
            xs = [p[0] for p in points]
            label = f"{'libbot' if engine == 'libbot' else 'NLP.js'}, {kind}"
            axes[0].plot(xs, [p[1]["msgs_per_s"] for p in points], style, marker="o",
                         color=color, label=label)
            axes[1].plot(xs, [p[1]["rss_mb"] for p in points], style, marker="o",
                         color=color, label=label)
    for ax, title in ((axes[0], "messages per second, one core"), (axes[1], "peak RSS (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("intents or FAQ entries (3 phrasings each)")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("libbot and NLP.js on synthetic Hungarian bots (bench/run)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_section(markdown, name, report):
    with open(markdown, encoding="utf-8") as f:
        text = f.read()
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    b, e = text.find(begin), text.find(end)
    if b < 0 or e < b:
        sys.exit(f"{markdown}: markers {begin} ... {end} not found")
    text = text[:b + len(begin)] + "\n" + report + "\n" + text[e:]
    with open(markdown, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sets only (a smoke run)")
    ap.add_argument("--timeout", type=int, default=300,
                    help="seconds one engine may take on one set (default 300)")
    ap.add_argument("--markdown", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    ap.add_argument("--plot", default=os.path.join(ROOT, "docs", "peers.png"))
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    rng = random.Random(20261123)
    words = vocabulary(rng)

    sets = [demo_set]
    if not args.quick:
        sets += [lambda: massive_set("hu"), lambda: massive_set("pl")]
        sets += [lambda lang=lang, make=make: make(lang)
                 for make in (fewshot_set, helpcentre_set) for lang in ("hu", "pl")]
        sets += [servicebot_set]
    sizes = [("intents", n) for n in (10, 100, 1000, 10000)] + \
            [("faq", n) for n in (1000, 10000, 100000)]
    if args.quick:
        sizes = [("intents", 10), ("intents", 100), ("faq", 1000)]
    sets += [lambda k=k, n=n: synthetic_set(k, n, words, rng) for k, n in sizes]

    runs = []
    nlpjs_gave_up = None  # the smallest synthetic size NLP.js could not do
    nlpjs_train = {}  # kind -> (size, training seconds) of its last run
    started = time.monotonic()
    for make in sets:
        data = make()
        print(f"{data['name']}: {len(data['documents'])} phrasings, "
              f"{len(data['messages'])} messages", flush=True)
        msgs = os.path.join(WORK, f"{data['name']}.messages.jsonl")
        write_jsonl(msgs, data["messages"])  # both engines answer this file
        lib = run_libbot(data["name"], data["rules"], data["kb"], msgs, args.timeout)
        previous = nlpjs_train.get(data.get("kind"))
        if data.get("size") and nlpjs_gave_up and data["size"] > nlpjs_gave_up:
            nlp = {"error": f"not run: NLP.js did not manage {nlpjs_gave_up:,} "
                            f"within {args.timeout} s"}
        elif previous and previous[1] * data["size"] / previous[0] > args.timeout:
            # Its training time grows at least in proportion to the size.
            nlp = {"error": f"not run: it trained {previous[0]:,} for {previous[1]:.0f} s, so "
                            f"{data['size']:,} would take over {args.timeout} s"}
        else:
            nlp = run_nlpjs(data["name"], data["documents"], data["languages"], msgs,
                            args.timeout)
            if "error" in nlp and data.get("size"):
                nlpjs_gave_up = data["size"]
            elif data.get("size"):
                nlpjs_train[data["kind"]] = (data["size"], nlp["load_ms"] / 1000)
        run = {"name": data["name"], "size": data.get("size"), "kind": data.get("kind"),
               "libbot": summarize(lib, data["messages"], data["mode"]),
               "nlpjs": summarize(nlp, data["messages"], data["mode"], data.get("handoff", ()))}
        runs.append(run)
        for engine in ("libbot", "nlpjs"):
            s = run[engine]
            print(f"  {engine:7} " + (s["error"] if "error" in s else
                  f"{100 * s['accuracy']:.1f}%  {s['msgs_per_s']:,.0f} msg/s  "
                  f"load {s['load_ms'] / 1000:.1f} s  {s['rss_mb']:.0f} MB"), flush=True)
    elapsed = time.monotonic() - started

    with open(os.path.join(WORK, "results.json"), "w", encoding="utf-8") as f:
        json.dump(runs, f, indent=1)
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    report = (
        f"Generated by `bench/run` ({time.strftime('%Y-%m-%d')}, {elapsed / 60:.1f} min in all; "
        f"node-nlp 4 on Node {node}). Each engine in its own process, one message at a time on "
        "one core; \"load / train\" is opening the engine (libbot) or adding the documents and "
        "training (NLP.js); peak RSS is the process's maximum resident memory. Accuracy: "
        "demo: the `libbot eval` rule (NLP.js answers unless its intent is \"None\"); other sets: "
        "top-1 intent. The plot is docs/peers.png.\n\n" + table(runs))
    write_section(args.markdown, "peers", report)
    plot(runs, args.plot)
    print(f"done in {elapsed / 60:.1f} min: {args.markdown}, {args.plot}")


if __name__ == "__main__":
    main()
