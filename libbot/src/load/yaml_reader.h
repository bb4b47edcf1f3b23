// Copyright 2026 The libbot Authors.
//
// What every YAML reader of libbot needs (rules, FAQ sources): parsing with a
// node budget, places as file:line:col, key checks with did-you-mean,
// duplicate keys, and typed reads that report what is wrong. Only the
// loaders include this (it brings yaml-cpp).
#ifndef LIBBOT_SRC_LOAD_YAML_READER_H_
#define LIBBOT_SRC_LOAD_YAML_READER_H_

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "load/rules.h"
#include "load/rules_loader.h"

namespace libbot::internal {

class YamlReader {
 public:
  YamlReader(std::string file, const LoadLimits& limits,
             std::vector<Diagnostic>* diagnostics)
      : file_(std::move(file)), limits_(limits), diagnostics_(diagnostics) {}

  // Parses `text`; false (with a diagnostic) on a syntax error or a document
  // over the node budget.
  bool Parse(const std::string& text, YAML::Node* root) {
    // YAML allows no NUL, and yaml-cpp's parser can stop making progress
    // on one (LoadAll() loops forever): refuse it first.
    if (const size_t nul = text.find('\0'); nul != std::string::npos) {
      Error(Where(text, nul), "a NUL byte: not a text file");
      return false;
    }
    int second_line = 0, second_column = 0;
    try {
      *root = YAML::Load(text);
      if (MayHoldSecondDocument(text) &&
          SecondDocument(text, &second_line, &second_column)) {
        // It would be ignored: say so instead.
        Error({file_, second_line, second_column},
              "a second YAML document (after '---'): a rule file holds one; "
              "put the rest in another file");
        return false;
      }
    } catch (const YAML::Exception& e) {
      Error(
          {file_, e.mark.line + 1, e.mark.column + 1},
          "YAML syntax: " + e.msg + QuestionMarkInListHint(text, e.mark.line));
      return false;
    }
    size_t nodes = 0;
    if (!WithinBudget(*root, 0, &nodes)) {
      Error({file_, 0, 0}, "document too large or too deep (more than " +
                               std::to_string(limits_.max_yaml_nodes) +
                               " nodes or " +
                               std::to_string(limits_.max_yaml_depth) +
                               " levels, counting every use of an alias; "
                               "LoadLimits::max_yaml_nodes, max_yaml_depth)");
      return false;
    }
    return true;
  }

  // Questions end in '?', and in a [...] list a '?' just before ']' or ','
  // is YAML's key marker: `examples: [Hol van a csomagom?]` does not parse,
  // and the parser only says "unknown token". When the error's line has
  // one, the message says what to do.
  static std::string QuestionMarkInListHint(const std::string& text, int line) {
    size_t begin = 0;
    for (int l = 0; l < line; ++l) {
      const size_t newline = text.find('\n', begin);
      if (newline == std::string::npos) return "";
      begin = newline + 1;
    }
    const size_t end = std::min(text.find('\n', begin), text.size());
    const std::string_view row =
        std::string_view(text).substr(begin, end - begin);
    const size_t open = row.find_first_of("[{");
    if (open == std::string_view::npos) return "";
    for (size_t q = row.find('?', open); q != std::string_view::npos;
         q = row.find('?', q + 1)) {
      const size_t next = row.find_first_not_of(' ', q + 1);
      if (next != std::string_view::npos && std::strchr("],}", row[next]))
        return " (a question in a [...] list: put it in quotes, "
               "[\"Hol van a csomagom?\"], or write the list one item per "
               "line, '- Hol van a csomagom?')";
    }
    return "";
  }

  // False when `text` cannot hold a second document: after the first, a
  // document starts only after a line beginning "---" or "...". The full
  // check (SecondDocument) parses the text a second time, which was 14% of
  // opening a bot of 1,000 intents x 10 examples; most files have no such
  // line after their first.
  static bool MayHoldSecondDocument(const std::string& text) {
    for (size_t line = 0; line < text.size();) {
      const std::string_view head = std::string_view(text).substr(line, 3);
      // A first line "---" opens the first document.
      if (head == "..." || (head == "---" && line > 0)) return true;
      const size_t end = text.find('\n', line);
      if (end == std::string::npos) break;
      line = end + 1;
    }
    return false;
  }

  // Whether `text` holds a second document, and where it starts. The
  // parser is asked for at most two documents, so this ends whatever the
  // text is.
  static bool SecondDocument(const std::string& text, int* line, int* column) {
    struct Starts : YAML::EventHandler {
      YAML::Mark last;
      void OnDocumentStart(const YAML::Mark& mark) override { last = mark; }
      void OnDocumentEnd() override {}
      void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
      void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
      void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    const std::string&) override {}
      void OnSequenceStart(const YAML::Mark&, const std::string&,
                           YAML::anchor_t, YAML::EmitterStyle::value) override {
      }
      void OnSequenceEnd() override {}
      void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                      YAML::EmitterStyle::value) override {}
      void OnMapEnd() override {}
    } starts;
    std::istringstream in(text);
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(starts) ||
        !parser.HandleNextDocument(starts))
      return false;
    *line = starts.last.line + 1;
    *column = starts.last.column + 1;
    return true;
  }

  // file:line:col of byte `offset` of `text`.
  SourceLocation Where(const std::string& text, size_t offset) const {
    int line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return {file_, line, column};
  }

  // A language code; false (with a diagnostic) if it is not hu or pl.
  bool ReadLangCode(const YAML::Node& node, Lang* lang) {
    std::string code;
    if (!ReadString(node, "lang", &code)) return false;
    if (!ParseLang(code, lang) || *lang == Lang::kUnknown) {
      Error(At(node), "lang must be 'hu' or 'pl', not '" + code + "'");
      return false;
    }
    return true;
  }

  SourceLocation At(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

  void Error(const SourceLocation& where, const std::string& message) {
    diagnostics_->push_back({where, message, true});
  }

  bool WithinBudget(const YAML::Node& node, int depth, size_t* nodes) const {
    if (++*nodes > limits_.max_yaml_nodes || depth > limits_.max_yaml_depth)
      return false;
    if (node.IsMap()) {
      for (const auto& kv : node) {
        if (!WithinBudget(kv.first, depth + 1, nodes) ||
            !WithinBudget(kv.second, depth + 1, nodes)) {
          return false;
        }
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!WithinBudget(item, depth + 1, nodes)) return false;
      }
    }
    return true;
  }

  // Reports keys given twice: YAML would silently keep one of them.
  bool CheckDuplicateKeys(const YAML::Node& map, const std::string& what) {
    if (!map.IsMap()) {
      Error(At(map), what + " must be a mapping (key: value)");
      return false;
    }
    std::map<std::string, SourceLocation> seen;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) {
        Error(At(kv.first), "a key must be a plain word");
        continue;
      }
      const std::string key = kv.first.Scalar();
      if (auto it = seen.find(key); it != seen.end()) {
        Error(At(kv.first), "duplicate key '" + key + "' (first at " +
                                it->second.ToString() +
                                "; YAML would silently keep only one)");
      } else {
        seen.emplace(key, At(kv.first));
      }
    }
    return true;
  }

  // Also reports keys that are not allowed, with a suggestion.
  bool CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                 const std::string& what) {
    if (!CheckDuplicateKeys(map, what)) return false;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) continue;
      const std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        const std::string hint = DidYouMean(key, allowed);
        Error(At(kv.first),
              "unknown key '" + key + "' in " + what +
                  (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      }
    }
    return true;
  }

  bool ReadString(const YAML::Node& node, const std::string& what,
                  std::string* out) {
    if (!node.IsScalar()) {
      Error(At(node), what + " must be a text");
      return false;
    }
    *out = node.Scalar();
    return true;
  }

  // A text, or a list of texts.
  Located Text(const YAML::Node& scalar) const {
    Located located{scalar.Scalar(), At(scalar), 0};
    // yaml-cpp tags quoted scalars "!" and plain ones "?".
    located.text_col = located.where.col + (scalar.Tag() == "!" ? 1 : 0);
    return located;
  }

  void ReadTexts(const YAML::Node& node, const std::string& what,
                 std::vector<Located>* out) {
    if (node.IsScalar()) {
      out->push_back(Text(node));
      return;
    }
    if (!node.IsSequence()) {
      Error(At(node), what + " must be a text or a list of texts");
      return;
    }
    for (const auto& item : node) {
      if (item.IsScalar()) {
        out->push_back(Text(item));
      } else {
        Error(At(item), "each of " + what + " must be a text");
      }
    }
  }

  // Names (contexts, tags): 1 to kMaxNameBytes, as ids.
  void ReadNames(const YAML::Node& node, const std::string& what,
                 std::vector<std::string>* out) {
    std::vector<Located> texts;
    ReadTexts(node, what, &texts);
    for (const auto& t : texts) {
      if (NameFits(t.text, t.where, "each of " + what)) out->push_back(t.text);
    }
  }

  // False, with an error, when `name` is empty or over kMaxNameBytes.
  bool NameFits(const std::string& name, const SourceLocation& where,
                const std::string& what) {
    if (!name.empty() && name.size() <= kMaxNameBytes) return true;
    Error(where,
          what + " must be 1 to " + std::to_string(kMaxNameBytes) + " bytes");
    return false;
  }

  bool ReadInt(const YAML::Node& node, const std::string& what, int lo, int hi,
               int* out) {
    int value = 0;
    try {
      value = node.as<int>();
    } catch (const YAML::Exception&) {
      Error(At(node), what + " must be a whole number");
      return false;
    }
    if (value < lo || value > hi) {
      Error(At(node), what + " must be between " + std::to_string(lo) +
                          " and " + std::to_string(hi));
      return false;
    }
    *out = value;
    return true;
  }

  bool ReadFraction(const YAML::Node& node, const std::string& what,
                    double* out) {
    double value = 0;
    try {
      value = node.as<double>();
    } catch (const YAML::Exception&) {
      Error(At(node), what + " must be a number between 0 and 1");
      return false;
    }
    if (!(value >= 0 && value <= 1)) {
      Error(At(node), what + " must be between 0 and 1");
      return false;
    }
    *out = value;
    return true;
  }

  bool ReadBool(const YAML::Node& node, const std::string& what, bool* out) {
    try {
      *out = node.as<bool>();
      return true;
    } catch (const YAML::Exception&) {
      Error(At(node), what + " must be true or false");
      return false;
    }
  }

  // Inline tests: messages, or {text, expect} mappings; `default_expect`
  // when a test does not say what it expects.
  void ReadTests(const YAML::Node& node, const std::string& default_expect,
                 Lang lang, std::vector<InlineTest>* tests) {
    if (!node.IsSequence()) {
      Error(At(node), "tests must be a list of messages");
      return;
    }
    static const std::vector<std::string> kTestKeys = {"text", "expect"};
    for (const auto& item : node) {
      InlineTest test;
      test.where = At(item);
      test.expect = default_expect;
      test.lang = lang;
      if (item.IsScalar()) {
        test.text = item.Scalar();
      } else if (CheckKeys(item, kTestKeys, "test")) {
        if (auto t = item["text"]) ReadString(t, "text", &test.text);
        if (auto e = item["expect"]) ReadString(e, "expect", &test.expect);
        if (!item["text"]) {
          Error(test.where, "a test needs a text");
          continue;
        }
      } else {
        continue;
      }
      tests->push_back(std::move(test));
    }
  }

 protected:
  std::string file_;
  const LoadLimits& limits_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_YAML_READER_H_
