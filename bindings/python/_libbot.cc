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
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "libbot/engine.h"
#include "libbot/engine_handle.h"
#include "libbot/evaluate.h"
#include "libbot/kb.h"

namespace py = pybind11;

namespace {

// An evaluation case as Python hands it over: (text, expect, lang,
// conversation, split, line).
using EvalTuple = std::tuple<std::string, std::vector<std::string>, std::string,
                             std::string, std::string, int>;

// A conversation's state, kept native between messages: parsed once (from
// JSON, without the GIL), then read and updated in place by each respond().
// The lock makes two Python threads that share one Session take turns
// instead of racing on it.
struct PySession {
  std::mutex mu;
  libbot::Session session;
};

// Code points before byte offset `byte` of UTF-8 `text` (continuation bytes
// do not start a character).
size_t CharIndex(std::string_view text, size_t byte) {
  size_t n = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return n;
}

// The trace as Python values, from libbot's one JSON form of it
// (Trace::ToJson), plus its readable text.
py::dict TraceDict(const libbot::Trace& t) {
  static const py::object& loads = *new py::object(
      py::module_::import("json").attr("loads"));  // never destroyed
  py::dict out = loads(py::str(t.ToJson()));
  out["text"] = t.ToString();
  return out;
}

struct PyEntity {
  std::string name, value;
  size_t start, end;  // Python string indices
};

// A reply, kept native: fields are read on access and the trace becomes
// Python objects only when asked for, so answering many messages costs
// little more than in C++.
class PyReply {
 public:
  // The message is kept only to turn entities' byte offsets into Python
  // string indices, so a reply without entities (most) copies none of it.
  PyReply(libbot::Reply reply, std::string_view message)
      : reply_(std::move(reply)),
        message_(reply_.entities.empty() ? std::string_view() : message) {}
  const libbot::Reply& reply() const { return reply_; }
  std::vector<PyEntity> entities() const {
    std::vector<PyEntity> out;
    for (const auto& e : reply_.entities) {
      out.push_back({e.name, e.value, CharIndex(message_, e.begin),
                     CharIndex(message_, e.end)});
    }
    return out;
  }
  py::list slots() const {
    py::list out;
    for (const auto& slot : reply_.slots) {
      py::dict d;
      d["name"] = slot.name;
      d["value"] = slot.value;
      d["turn"] = slot.turn;
      out.append(d);
    }
    return out;
  }
  py::list signals() const {
    py::list out;
    for (libbot::Signal s : reply_.signals)
      out.append(std::string(libbot::SignalName(s)));
    return out;
  }
  py::dict to_dict() const {
    py::list entities;
    for (const auto& e : this->entities()) {
      py::dict d;
      d["name"] = e.name;
      d["value"] = e.value;
      d["start"] = e.start;
      d["end"] = e.end;
      entities.append(d);
    }
    py::dict out;
    out["kind"] = std::string(libbot::ReplyKindName(reply_.kind));
    out["id"] = reply_.id;
    out["text"] = reply_.text;
    out["confidence"] = reply_.confidence;
    out["lang"] = std::string(libbot::LangCode(reply_.lang));
    out["source"] = std::string(libbot::ReplySourceName(reply_.source));
    out["reason"] = std::string(libbot::ReplyReasonName(reply_.reason));
    out["generation"] = reply_.generation;
    out["entities"] = entities;
    out["slots"] = slots();
    out["frustrated"] = reply_.frustrated;
    out["signals"] = signals();
    out["trace"] = TraceDict(reply_.trace);
    return out;
  }

 private:
  libbot::Reply reply_;
  std::string message_;
};

std::string CodeName(const libbot::Status& status) {
  return std::string(libbot::StatusCodeName(status.code()));
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
                        size_t max_message_bytes, bool trace,
                        size_t trace_candidates, size_t max_learned_texts) {
    libbot::EngineOptions options;
    options.trace = trace;
    options.trace_candidates = trace_candidates;
    options.max_learned_texts = max_learned_texts;
    options.rules_dir = rules;
    options.kb_path = kb;
    if (!dictionaries.empty()) options.analyzer.dictionary_dir = dictionaries;
    if (max_message_bytes > 0) options.max_message_bytes = max_message_bytes;
    std::unique_ptr<libbot::EngineHandle> handle;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = libbot::EngineHandle::Open(options, &handle);
    }
    if (!status.ok())
      return py::make_tuple(py::none(), CodeName(status),
                            libbot::ToValidUtf8(status.message()));
    return py::make_tuple(PyEngine(std::move(handle)), CodeName(status), "");
  }

  explicit PyEngine(std::unique_ptr<libbot::EngineHandle> handle)
      : handle_(std::move(handle)) {}

  // Returns (status code name, message); the old engine stays on failure.
  py::tuple Reload() {
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = handle_->Reload();
    }
    return py::make_tuple(CodeName(status),
                          libbot::ToValidUtf8(status.message()));
  }

  uint64_t generation() const { return handle_->generation(); }

  // The reply; `session` (None for a one-off message) is updated in place.
  PyReply Respond(const py::bytes& text, PySession* session,
                  const std::string& lang) {
    const std::string message = text;
    libbot::Reply reply;
    {
      py::gil_scoped_release release;
      if (session == nullptr) {
        libbot::Session fresh;
        reply = handle_->Respond(message, &fresh, ToLang(lang));
      } else {
        std::lock_guard<std::mutex> lock(session->mu);
        reply = handle_->Respond(message, &session->session, ToLang(lang));
      }
    }
    return PyReply(std::move(reply), message);
  }

  // Each text in a fresh conversation, on `threads` threads (0: all cores),
  // without the GIL: libbot's RespondMany runs on a thread of its own and
  // reports each finished chunk; meanwhile this thread turns finished chunks
  // into Python objects (it needs the GIL for that, the workers never do),
  // so the conversion overlaps the answering instead of following it.
  py::list RespondMany(const std::vector<std::string>& texts,
                       const std::string& lang, int threads) {
    const size_t n = texts.size();
    py::list out(n);
    if (n == 0) return out;
    constexpr size_t kChunk = libbot::RespondManyOptions::kChunk;
    const size_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<libbot::Reply> replies;
    std::mutex mu;
    std::condition_variable ready_cv;
    std::vector<std::pair<size_t, size_t>> ready;  // finished, not converted
    ready.reserve(chunks);  // so that reporting a chunk never allocates
    bool finished = false;
    std::exception_ptr failure;
    std::atomic<bool> cancel{false};
    libbot::RespondManyOptions options;
    options.lang = ToLang(lang);
    options.threads = threads;
    options.cancel = &cancel;
    options.on_ready = [&](size_t begin, size_t end) {
      std::lock_guard<std::mutex> lock(mu);
      ready.emplace_back(begin, end);
      ready_cv.notify_one();
    };
    // Joined however this function ends: a conversion that throws (out of
    // memory) must not destroy a running thread, which would abort Python.
    struct JoinOnExit {
      std::thread thread;
      ~JoinOnExit() {
        if (!thread.joinable()) return;
        py::gil_scoped_release release;
        thread.join();
      }
    } runner;
    runner.thread = std::thread([&] {
      // No exception may leave a thread: it is handed to this one.
      try {
        handle_->RespondMany(texts, &replies, options);
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mu);
      finished = true;
      ready_cv.notify_one();
    });
    for (;;) {
      std::vector<std::pair<size_t, size_t>> batch;
      bool done = false;
      {
        py::gil_scoped_release release;  // other Python threads run meanwhile
        std::unique_lock<std::mutex> lock(mu);
        // Woken at least every 100 ms, to see a Ctrl-C in time.
        ready_cv.wait_for(lock, std::chrono::milliseconds(100),
                          [&] { return !ready.empty() || finished; });
        batch.swap(ready);
        ready.reserve(chunks);
        done = finished && batch.empty();
      }
      if (done) break;
      if (PyErr_CheckSignals() != 0) {
        // KeyboardInterrupt (or another signal's exception): the workers
        // stop after their chunk, the runner is joined, and Python raises.
        cancel = true;
        {
          py::gil_scoped_release release;
          runner.thread.join();
        }
        throw py::error_already_set();
      }
      for (const auto& [begin, end] : batch) {
        for (size_t i = begin; i < end; ++i)
          // Built in place: a temporary would move the reply twice.
          out[i] = py::cast(
              std::make_unique<PyReply>(std::move(replies[i]), texts[i]));
      }
    }
    {
      py::gil_scoped_release release;
      runner.thread.join();
    }
    if (failure) std::rethrow_exception(failure);
    return out;
  }

  // Evaluates `cases` ((text, [expect], lang, conversation, split, line)
  // each); returns (report as JSON, report as text).
  py::tuple Evaluate(const std::vector<EvalTuple>& cases,
                     const std::string& lang, int threads,
                     const py::object& progress, bool trace) {
    std::vector<libbot::EvalCase> native;
    native.reserve(cases.size());
    for (const EvalTuple& t : cases) {
      libbot::EvalCase c;
      c.text = std::get<0>(t);
      c.expect = std::get<1>(t);
      c.lang = ToLang(std::get<2>(t));
      c.conversation = std::get<3>(t);
      c.split = std::get<4>(t);
      c.line = std::get<5>(t);
      native.push_back(std::move(c));
    }
    libbot::EvalOptions options;
    options.lang = ToLang(lang);
    options.threads = threads;
    options.trace = trace;
    if (!progress.is_none()) {
      // Called on this thread (without the GIL): take it for Python.
      options.progress = [&progress](size_t done, size_t total) {
        py::gil_scoped_acquire acquire;
        progress(done, total);
      };
    }
    // An expectation the bot cannot meet (a typo in an id) is a mistake in
    // the set, not a miss: ValueError with every such row.
    const libbot::Status known =
        libbot::CheckExpectations(*handle_->Current(), native, "row");
    if (!known.ok())
      throw py::value_error(libbot::ToValidUtf8(known.message()));
    libbot::EvalReport report;
    {
      py::gil_scoped_release release;
      report = libbot::Evaluate(*handle_, native, options);
    }
    return py::make_tuple(report.ToJson(), report.ToText());
  }

  py::list Lint() const {
    std::vector<libbot::Finding> findings;
    {
      py::gil_scoped_release release;
      findings = handle_->Current()->Lint();
    }
    py::list out;
    for (const auto& f : findings) {
      py::dict d;
      d["where"] = libbot::ToValidUtf8(f.where);
      d["message"] = libbot::ToValidUtf8(f.message);
      d["error"] = f.error;
      d["kind"] = std::string(libbot::FindingKindName(f.kind));
      out.append(d);
    }
    return out;
  }

  // Empty, or why `expect` can never be met (Engine::UnknownExpectation).
  std::string UnknownExpectation(const std::string& expect) const {
    return libbot::ToValidUtf8(handle_->Current()->UnknownExpectation(expect));
  }

  // The inline tests and coverage (libbot::RunTests): (JSON, text).
  std::pair<std::string, std::string> RunTests() const {
    py::gil_scoped_release release;
    const libbot::TestReport report = libbot::RunTests(*handle_->Current());
    return {report.ToJson(), libbot::ToValidUtf8(report.ToText())};
  }

  py::dict Size() const {
    const libbot::EngineSize size = handle_->Current()->Size();
    py::dict d;
    d["intents"] = size.intents;
    d["patterns"] = size.patterns;
    d["examples"] = size.examples;
    d["faq_entries"] = size.faq_entries;
    d["tests"] = size.tests;
    return d;
  }

  // (rules folder, FAQ database or "") as the engine was opened with.
  py::tuple Paths() const {
    const libbot::EngineOptions& o = handle_->Current()->options();
    return py::make_tuple(py::bytes(o.rules_dir), py::bytes(o.kb_path));
  }

 private:
  std::shared_ptr<libbot::EngineHandle> handle_;
};

// The text pipeline over the Hunspell dictionaries in `dictionaries` ("":
// the default place). Called without the GIL.
libbot::Status OpenAnalyzer(const std::string& dictionaries,
                            std::unique_ptr<libbot::Analyzer>* analyzer) {
  libbot::AnalyzerOptions options;
  if (!dictionaries.empty()) options.dictionary_dir = dictionaries;
  return libbot::Analyzer::Open(options, analyzer);
}

// An FAQ database opened for `libbot kb search`'s FTS5 search. It holds the
// analyzer (dictionaries: the costly part to open) for all its searches;
// each search opens the database again, so a rebuilt file is seen at once.
// The analyzer is read-only, so searches may run on any threads.
class PyKnowledgeBase {
 public:
  // Returns (knowledge base or None, status code name, message).
  static py::tuple Open(const std::string& path,
                        const std::string& dictionaries) {
    std::unique_ptr<libbot::Analyzer> analyzer;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = OpenAnalyzer(dictionaries, &analyzer);
      // An empty search opens and checks the database and matches nothing:
      // a missing or damaged file is reported here, not at the first search.
      std::vector<libbot::KbSearchHit> none;
      if (status.ok()) {
        status = libbot::SearchKnowledgeBase(path, *analyzer, libbot::Lang::kHu,
                                             "", 1, &none);
      }
    }
    if (!status.ok())
      return py::make_tuple(py::none(), CodeName(status),
                            libbot::ToValidUtf8(status.message()));
    return py::make_tuple(PyKnowledgeBase(path, std::move(analyzer)),
                          CodeName(status), "");
  }

  PyKnowledgeBase(std::string path, std::unique_ptr<libbot::Analyzer> analyzer)
      : path_(std::move(path)), analyzer_(std::move(analyzer)) {}

  // Returns (status code name, message, [(entry id, kind name, text)]).
  // `lang` "" detects the message's language, as the bot does.
  py::tuple Search(const py::bytes& text, const std::string& lang, int limit) {
    const std::string message = text;
    const libbot::Lang language = ToLang(lang);
    std::vector<libbot::KbSearchHit> hits;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = libbot::SearchKnowledgeBase(path_, *analyzer_, language, message,
                                           limit, &hits);
    }
    // kInvalidArgument: the language was not given and is unclear.
    if (status.code() == libbot::Status::Code::kInvalidArgument) {
      status = libbot::Status::InvalidArgument(status.message() +
                                               ": give lang='hu' or lang='pl'");
    }
    py::list out;
    for (const libbot::KbSearchHit& hit : hits) {
      out.append(py::make_tuple(libbot::ToValidUtf8(hit.entry_id),
                                libbot::KbTextKindName(hit.kind),
                                libbot::ToValidUtf8(hit.text)));
    }
    return py::make_tuple(CodeName(status),
                          libbot::ToValidUtf8(status.message()), out);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::shared_ptr<const libbot::Analyzer> analyzer_;
};

}  // namespace

PYBIND11_MODULE(_libbot, m) {
  m.doc() = "Native core of libbot; use the `libbot` package.";
  py::class_<PyEntity>(m, "Entity")
      .def_readonly("name", &PyEntity::name)
      .def_readonly("value", &PyEntity::value)
      .def_readonly("start", &PyEntity::start,
                    "message[start:end] is what the customer typed")
      .def_readonly("end", &PyEntity::end)
      .def("__eq__",
           [](const PyEntity& a, const PyEntity& b) {
             return a.name == b.name && a.value == b.value &&
                    a.start == b.start && a.end == b.end;
           })
      .def("__repr__", [](const PyEntity& e) {
        return "Entity(name=" + py::repr(py::str(e.name)).cast<std::string>() +
               ", value=" + py::repr(py::str(e.value)).cast<std::string>() +
               ", start=" + std::to_string(e.start) +
               ", end=" + std::to_string(e.end) + ")";
      });
  py::class_<PyReply>(m, "Reply")
      .def_property_readonly(
          "kind",
          [](const PyReply& r) {
            return std::string(libbot::ReplyKindName(r.reply().kind));
          },
          "answer, clarify, handoff or fallback")
      .def_property_readonly("id",
                             [](const PyReply& r) { return r.reply().id; })
      .def_property_readonly("text",
                             [](const PyReply& r) { return r.reply().text; })
      .def_property_readonly(
          "confidence", [](const PyReply& r) { return r.reply().confidence; })
      .def_property_readonly(
          "lang",
          [](const PyReply& r) {
            return std::string(libbot::LangCode(r.reply().lang));
          })
      .def_property_readonly(
          "source",
          [](const PyReply& r) {
            return std::string(libbot::ReplySourceName(r.reply().source));
          },
          "rule, example, faq or policy")
      .def_property_readonly(
          "reason",
          [](const PyReply& r) {
            return std::string(libbot::ReplyReasonName(r.reply().reason));
          })
      .def_property_readonly(
          "generation", [](const PyReply& r) { return r.reply().generation; },
          "which load of the rules answered (1, then +1 per reload)")
      .def_property_readonly("entities", &PyReply::entities)
      .def_property_readonly(
          "slots", &PyReply::slots,
          "the intent's slots the customer gave: [{name, value, turn}]")
      .def_property_readonly(
          "frustrated", [](const PyReply& r) { return r.reply().frustrated; },
          "the message shows anger (see signals)")
      .def_property_readonly("signals", &PyReply::signals,
                             "profanity, repeated_contact, shouting, negative")
      .def_property_readonly(
          "trace", [](const PyReply& r) { return TraceDict(r.reply().trace); })
      .def("to_dict", &PyReply::to_dict)
      .def("__repr__", [](const PyReply& r) {
        const auto& x = r.reply();
        return "Reply(kind='" + std::string(libbot::ReplyKindName(x.kind)) +
               "', id=" + py::repr(py::str(x.id)).cast<std::string>() +
               ", confidence=" + std::to_string(x.confidence).substr(0, 4) +
               ", text=" + py::repr(py::str(x.text)).cast<std::string>() + ")";
      });
  py::class_<PyEngine>(m, "Engine")
      .def_static("open", &PyEngine::Open, py::arg("rules"), py::arg("kb"),
                  py::arg("dictionaries"), py::arg("max_message_bytes"),
                  py::arg("trace"), py::arg("trace_candidates"),
                  py::arg("max_learned_texts"))
      .def("respond", &PyEngine::Respond, py::arg("text"),
           py::arg("session").none(true), py::arg("lang"))
      .def("respond_many", &PyEngine::RespondMany, py::arg("texts"),
           py::arg("lang"), py::arg("threads"))
      .def("evaluate", &PyEngine::Evaluate, py::arg("cases"), py::arg("lang"),
           py::arg("threads"), py::arg("progress"), py::arg("trace"))
      .def("lint", &PyEngine::Lint)
      .def("run_tests", &PyEngine::RunTests)
      .def("unknown_expectation", &PyEngine::UnknownExpectation,
           py::arg("expect"))
      .def("size", &PyEngine::Size)
      .def("paths", &PyEngine::Paths)
      .def("reload", &PyEngine::Reload)
      .def_property_readonly("generation", &PyEngine::generation);
  py::class_<PyKnowledgeBase>(m, "KnowledgeBase")
      .def_static("open", &PyKnowledgeBase::Open, py::arg("path"),
                  py::arg("dictionaries"))
      .def("search", &PyKnowledgeBase::Search, py::arg("text"), py::arg("lang"),
           py::arg("limit"))
      .def("path",
           [](const PyKnowledgeBase& kb) { return py::bytes(kb.path()); });
  // Returns (status code name, message, entries, questions).
  m.def("build_kb", [](const std::string& sources, const std::string& out,
                       const std::string& dictionaries) {
    std::unique_ptr<libbot::Analyzer> analyzer;
    libbot::KbBuildStats stats;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = OpenAnalyzer(dictionaries, &analyzer);
      if (status.ok()) {
        status = libbot::BuildKnowledgeBase(sources, out, *analyzer, &stats);
      }
    }
    return py::make_tuple(CodeName(status),
                          libbot::ToValidUtf8(status.message()), stats.entries,
                          stats.questions);
  });
  // Returns (status code name, message, cases as evaluate() takes them).
  m.def("read_eval_cases", [](const std::string& path) {
    std::vector<libbot::EvalCase> cases;
    libbot::Status status;
    {
      py::gil_scoped_release release;
      status = libbot::ReadEvalCases(path, &cases);
    }
    std::vector<EvalTuple> out;
    out.reserve(cases.size());
    for (libbot::EvalCase& c : cases) {
      out.emplace_back(std::move(c.text), std::move(c.expect),
                       c.lang == libbot::Lang::kUnknown
                           ? std::string()
                           : std::string(libbot::LangCode(c.lang)),
                       std::move(c.conversation), std::move(c.split), c.line);
    }
    return py::make_tuple(CodeName(status),
                          libbot::ToValidUtf8(status.message()), out);
  });
  m.def(
      "default_kb_path",
      [](const std::string& rules) {
        return py::bytes(libbot::DefaultKbPath(rules));
      },
      py::arg("rules"));
  m.def(
      "kb_warning",
      [](const std::string& rules, const std::string& kb) {
        return libbot::ToValidUtf8(libbot::KbWarning(rules, kb));
      },
      py::arg("rules"), py::arg("kb"));
  m.def(
      "meets_expectation",
      [](const PyReply& reply, const std::string& expect) {
        return libbot::MeetsExpectation(reply.reply(), expect);
      },
      py::arg("reply"), py::arg("expect"));
  py::class_<PySession>(m, "SessionState")
      .def(py::init<>())
      // Raises ValueError with libbot's message when the JSON is refused.
      .def_static(
          "from_json",
          [](const py::bytes& json) {
            const std::string text = json;
            auto state = std::make_unique<PySession>();
            libbot::Status status;
            {
              py::gil_scoped_release release;
              status = libbot::Session::FromJson(text, &state->session);
            }
            if (!status.ok())
              throw py::value_error(libbot::ToValidUtf8(status.message()));
            return state;
          })
      .def_property(
          "handed_over",
          [](PySession& state) {
            std::lock_guard<std::mutex> lock(state.mu);
            return state.session.handed_over;
          },
          [](PySession& state, bool value) {
            std::lock_guard<std::mutex> lock(state.mu);
            state.session.handed_over = value;
          })
      .def("to_json", [](PySession& state) {
        std::string json;
        {
          py::gil_scoped_release release;
          std::lock_guard<std::mutex> lock(state.mu);
          json = state.session.ToJson();
        }
        return json;
      });
}
