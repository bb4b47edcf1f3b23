// Copyright 2026 The libbot Authors.
//
// The native half of the Python package: a thin layer over libbot/engine.h.
// The Python half (libbot/__init__.py) turns statuses into exceptions and
// adds evaluation. Text goes in as UTF-8 bytes (a Python str with lone
// surrogates encodes with "surrogatepass" and is then treated as ill-formed,
// safely); spans come back as Python string indices.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kb.h"
#include "libbot/engine.h"

namespace py = pybind11;

namespace {

// Code points before byte offset `byte` of UTF-8 `text` (continuation bytes
// do not start a character).
size_t CharIndex(std::string_view text, size_t byte) {
  size_t n = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return n;
}

py::dict TraceDict(const libbot::Trace& t) {
  py::list candidates;
  for (const auto& c : t.candidates) {
    py::dict d;
    d["source"] = c.source;
    d["id"] = c.id;
    d["where"] = c.where;
    d["pattern"] = c.pattern;
    d["priority"] = c.priority;
    d["specificity"] = c.specificity;
    d["score"] = c.score;
    d["verdict"] = c.verdict;
    candidates.append(d);
  }
  py::dict out;
  out["language"] = t.language;
  out["tokens"] = t.tokens;
  out["entities"] = t.entities;
  out["candidates"] = candidates;
  out["decisions"] = t.decisions;
  out["text"] = t.ToString();
  return out;
}

// A reply as plain Python values; the Python Reply class wraps it.
py::dict ReplyDict(const libbot::Reply& r, std::string_view text) {
  py::list entities;
  for (const auto& e : r.entities) {
    py::dict d;
    d["name"] = e.name;
    d["value"] = e.value;
    d["start"] = CharIndex(text, e.begin);
    d["end"] = CharIndex(text, e.end);
    entities.append(d);
  }
  py::dict out;
  out["kind"] = std::string(libbot::ReplyKindName(r.kind));
  out["id"] = r.id;
  out["text"] = r.text;
  out["confidence"] = r.confidence;
  out["lang"] = std::string(libbot::LangCode(r.lang));
  out["source"] = std::string(libbot::ReplySourceName(r.source));
  out["reason"] = r.reason;
  out["entities"] = entities;
  out["trace"] = TraceDict(r.trace);
  return out;
}

libbot::Lang ToLang(const std::string& code) {
  libbot::Lang lang;
  if (!libbot::ParseLang(code, &lang))
    throw py::value_error("lang must be 'hu', 'pl' or None");
  return lang;
}

class PyEngine {
 public:
  // Returns (engine or None, status code name, message).
  static py::tuple Open(const std::string& rules, const std::string& kb,
                        const std::string& dictionaries,
                        size_t max_message_bytes) {
    libbot::EngineOptions options;
    options.rules_dir = rules;
    options.kb_path = kb;
    if (!dictionaries.empty()) options.analyzer.dictionary_dir = dictionaries;
    if (max_message_bytes > 0) options.max_message_bytes = max_message_bytes;
    std::unique_ptr<libbot::Engine> engine;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = libbot::Engine::Open(options, &engine);
    }
    static const char* kCodes[] = {"ok",       "invalid_argument", "not_found",
                                   "io_error", "corruption",       "internal"};
    const std::string code = kCodes[static_cast<int>(status.code())];
    if (!status.ok()) return py::make_tuple(py::none(), code, status.message());
    return py::make_tuple(PyEngine(std::move(engine)), code, "");
  }

  explicit PyEngine(std::unique_ptr<libbot::Engine> engine)
      : engine_(std::move(engine)) {}

  // Returns (reply dict, session JSON).
  py::tuple Respond(const py::bytes& text, const std::string& session_json,
                    const std::string& lang) {
    const std::string message = text;
    libbot::Session session;
    if (!session_json.empty()) {
      if (libbot::Status s = libbot::Session::FromJson(session_json, &session);
          !s.ok()) {
        throw py::value_error(s.message());
      }
    }
    libbot::Reply reply;
    {
      py::gil_scoped_release release;
      reply = engine_->Respond(message, &session, ToLang(lang));
    }
    return py::make_tuple(ReplyDict(reply, message), session.ToJson());
  }

  // Each text in a fresh conversation, on `threads` threads (0: all cores),
  // without the GIL.
  py::list RespondMany(const std::vector<std::string>& texts,
                       const std::string& lang, int threads) {
    const libbot::Lang forced = ToLang(lang);
    std::vector<libbot::Reply> replies(texts.size());
    {
      py::gil_scoped_release release;
      size_t workers = threads > 0
                           ? static_cast<size_t>(threads)
                           : std::max(1u, std::thread::hardware_concurrency());
      workers = std::min(workers, std::max<size_t>(1, texts.size()));
      std::vector<std::thread> pool;
      for (size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
          for (size_t i = w; i < texts.size(); i += workers) {
            libbot::Session session;
            replies[i] = engine_->Respond(texts[i], &session, forced);
          }
        });
      }
      for (auto& t : pool) t.join();
    }
    py::list out;
    for (size_t i = 0; i < texts.size(); ++i)
      out.append(ReplyDict(replies[i], texts[i]));
    return out;
  }

  py::list Lint() const {
    py::list out;
    for (const auto& f : engine_->Lint()) {
      py::dict d;
      d["where"] = f.where;
      d["message"] = f.message;
      d["error"] = f.error;
      out.append(d);
    }
    return out;
  }

 private:
  std::shared_ptr<libbot::Engine> engine_;
};

}  // namespace

PYBIND11_MODULE(_libbot, m) {
  m.doc() = "Native core of libbot; use the `libbot` package.";
  py::class_<PyEngine>(m, "Engine")
      .def_static("open", &PyEngine::Open, py::arg("rules"), py::arg("kb"),
                  py::arg("dictionaries"), py::arg("max_message_bytes"))
      .def("respond", &PyEngine::Respond, py::arg("text"),
           py::arg("session_json"), py::arg("lang"))
      .def("respond_many", &PyEngine::RespondMany, py::arg("texts"),
           py::arg("lang"), py::arg("threads"))
      .def("lint", &PyEngine::Lint);
  // Returns (status code name, message, entries, questions).
  m.def("build_kb", [](const std::string& sources, const std::string& out,
                       const std::string& dictionaries) {
    libbot::AnalyzerOptions options;
    if (!dictionaries.empty()) options.dictionary_dir = dictionaries;
    std::unique_ptr<libbot::Analyzer> analyzer;
    libbot::internal::KbBuildStats stats;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = libbot::Analyzer::Open(options, &analyzer);
      if (status.ok()) {
        status = libbot::internal::BuildKnowledgeBase(sources, out, *analyzer,
                                                      &stats);
      }
    }
    return py::make_tuple(status.ok(), status.message(), stats.entries,
                          stats.questions);
  });
  m.def("session_json_valid", [](const std::string& json) {
    libbot::Session s;
    const libbot::Status status = libbot::Session::FromJson(json, &s);
    return status.ok() ? std::string() : status.message();
  });
}
