// NLP.js (node-nlp v4) as a peer of libbot in bench/run.
//
//   node run.js CORPUS.json MESSAGES.jsonl OUT.json
//
// CORPUS.json: {"languages": ["hu", "pl"],
//               "documents": [{"lang": "hu", "intent": "...", "text": "..."}]}
// MESSAGES.jsonl: one {"text": "...", "lang": "hu"} per line.
// OUT.json: load (training) time, peak RSS, and per message the intent NLP.js
// answers ("None" below its threshold), its top intent and score, and the
// time the call took. Messages are answered one after another on one core,
// as libbot's side (bench/peer_libbot) does.
'use strict';

const fs = require('fs');
const { NlpManager } = require('node-nlp');
const { LangHu } = require('@nlpjs/lang-hu');
const { LangPl } = require('@nlpjs/lang-pl');

// This process's peak resident memory (VmHWM). Not resourceUsage().maxRSS:
// after a fork and exec that is at least the parent's size at the fork.
function peakRssKb() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const m = status.match(/^VmHWM:\s+(\d+) kB/m);
  return m ? Number(m[1]) : process.resourceUsage().maxRSS;
}

function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

async function main() {
  const [corpusPath, messagesPath, outPath] = process.argv.slice(2);
  if (!outPath) {
    console.error('usage: node run.js CORPUS.json MESSAGES.jsonl OUT.json');
    process.exit(2);
  }
  const corpus = JSON.parse(fs.readFileSync(corpusPath, 'utf8'));
  const messages = fs.readFileSync(messagesPath, 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

  const start = nowMs();
  // Defaults otherwise: this is NLP.js as people use it.
  const manager = new NlpManager({
    languages: corpus.languages,
    forceNER: false,
    autoSave: false,
    autoLoad: false,
    nlu: { log: false },
  });
  // The language packages the issue names: stemmers and tokenizers for
  // Hungarian and Polish.
  manager.container.use(LangHu);
  manager.container.use(LangPl);
  for (const d of corpus.documents) manager.addDocument(d.lang, d.text, d.intent);
  await manager.train();
  const loadMs = nowMs() - start;

  const results = [];
  for (const m of messages) {
    const t0 = nowMs();
    const r = await manager.process(m.lang, m.text);
    const us = (nowMs() - t0) * 1000;
    const top = (r.classifications && r.classifications[0]) || {};
    results.push({
      intent: r.intent,
      score: r.score,
      top: top.intent || r.intent,
      us,
    });
  }
  const out = {
    engine: 'nlpjs',
    load_ms: loadMs,
    rss_kb: peakRssKb(),
    results,
  };
  fs.writeFileSync(outPath, JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
