// Copyright 2026 The libbot Authors.
#include "load/kb_source.h"

#include <map>

#include "load/yaml_reader.h"
#include "util/csv.h"

namespace libbot::internal {
namespace {

const std::vector<std::string> kTopKeys = {"lang", "entries"};
const std::vector<std::string> kEntryKeys = {
    "id",       "lang", "questions", "answer",
    "category", "tags", "follow_up", "tests"};
const std::vector<std::string> kCsvColumns = {
    "id",       "lang", "question",  "answer",
    "category", "tags", "follow_up", "test"};

bool ValidFaqId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c == '-'))
      return false;
  }
  return true;
}

class FaqReader : public YamlReader {
 public:
  FaqReader(const std::string& file, Lang lang, const LoadLimits& limits,
            std::vector<FaqEntry>* entries,
            std::vector<Diagnostic>* diagnostics)
      : YamlReader(file, limits, diagnostics), lang_(lang), entries_(entries) {}

  void Read(const std::string& text) {
    YAML::Node root;
    if (!Parse(text, &root) || root.IsNull()) return;
    if (!root.IsMap()) {
      Error(At(root), "a knowledge-base file is a mapping with 'entries'");
      return;
    }
    CheckKeys(root, kTopKeys, "top-level");
    if (auto n = root["lang"]) {
      Lang lang;
      if (ReadLangCode(n, &lang)) lang_ = lang;
    }
    const YAML::Node list = root["entries"];
    if (!list) return;
    if (!list.IsSequence()) {
      Error(At(list),
            "entries must be a list (each item starts with '- id: ...')");
      return;
    }
    for (const auto& item : list) ReadEntry(item);
  }

 private:
  void ReadEntry(const YAML::Node& node) {
    if (!CheckKeys(node, kEntryKeys, "entry")) return;
    FaqEntry e;
    e.where = At(node);
    e.lang = lang_;
    if (auto n = node["lang"]) ReadLangCode(n, &e.lang);
    const YAML::Node id = node["id"];
    if (!id || !ReadString(id, "id", &e.id)) {
      if (!id) Error(e.where, "an entry needs an id");
      return;
    }
    if (!ValidFaqId(e.id)) {
      Error(At(id), "entry id '" + e.id + "' may use only a-z, 0-9, _ . -");
      return;
    }
    if (e.lang == Lang::kUnknown) {
      Error(e.where, "entry '" + e.id +
                         "' needs a language: put the file under kb/hu or "
                         "kb/pl, or add 'lang:'");
      return;
    }
    if (auto n = node["questions"]) ReadTexts(n, "questions", &e.questions);
    if (auto n = node["answer"]) {
      if (n.IsScalar()) {
        e.answer = Text(n);
      } else {
        Error(At(n), "answer must be a text");
      }
    }
    if (auto n = node["category"]) ReadString(n, "category", &e.category);
    if (auto n = node["tags"]) ReadNames(n, "tags", &e.tags);
    if (auto n = node["follow_up"]) ReadNames(n, "follow_up", &e.follow_up);
    if (auto n = node["tests"]) ReadTests(n, e.id, e.lang, &e.tests);
    if (e.questions.empty())
      Error(e.where, "entry '" + e.id + "' has no questions");
    if (e.answer.text.empty())
      Error(e.where, "entry '" + e.id + "' has no answer");
    entries_->push_back(std::move(e));
  }

  Lang lang_;
  std::vector<FaqEntry>* entries_;
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  for (char c : s + ";") {
    if (c == ';') {
      const size_t b = item.find_first_not_of(' '),
                   e = item.find_last_not_of(' ');
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

void LoadFaqYaml(const std::string& text, const std::string& file_name,
                 Lang folder_lang, std::vector<FaqEntry>* entries,
                 std::vector<Diagnostic>* diagnostics) {
  FaqReader(file_name, folder_lang, LoadLimits(), entries, diagnostics)
      .Read(text);
}

void LoadFaqCsv(const std::string& text, const std::string& file_name,
                Lang folder_lang, std::vector<FaqEntry>* entries,
                std::vector<Diagnostic>* diagnostics) {
  auto error = [&](int line, const std::string& message) {
    diagnostics->push_back({{file_name, line, 0}, message, true});
  };
  std::vector<CsvRecord> records;
  int bad_line = 0;
  if (!ParseCsv(text, &records, &bad_line))
    return error(bad_line, "a quote is not closed");
  if (records.empty()) return;
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < records[0].fields.size(); ++c) {
    const std::string& name = records[0].fields[c];
    if (std::find(kCsvColumns.begin(), kCsvColumns.end(), name) ==
        kCsvColumns.end()) {
      const std::string hint = DidYouMean(name, kCsvColumns);
      error(1, "unknown column '" + name + "'" +
                   (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    column[name] = c;
  }
  for (const char* required : {"id", "question"}) {
    if (!column.count(required))
      return error(1, std::string("a '") + required + "' column is needed");
  }
  auto cell = [&](const CsvRecord& r, const char* name) -> std::string {
    auto it = column.find(name);
    return it != column.end() && it->second < r.fields.size()
               ? r.fields[it->second]
               : "";
  };
  std::map<std::pair<std::string, Lang>, size_t> index;  // entries of this file
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    const std::string id = cell(r, "id");
    Lang lang = folder_lang;
    if (const std::string code = cell(r, "lang"); !code.empty()) {
      if (!ParseLang(code, &lang) || lang == Lang::kUnknown) {
        error(r.line, "lang must be 'hu' or 'pl', not '" + code + "'");
        continue;
      }
    }
    if (!ValidFaqId(id)) {
      error(r.line, "entry id '" + id + "' may use only a-z, 0-9, _ . -");
      continue;
    }
    if (lang == Lang::kUnknown) {
      error(
          r.line,
          "entry '" + id +
              "' needs a language (a 'lang' column or a kb/hu, kb/pl folder)");
      continue;
    }
    auto [it, inserted] =
        index.emplace(std::make_pair(id, lang), entries->size());
    if (inserted) {
      FaqEntry e;
      e.id = id;
      e.lang = lang;
      e.where = {file_name, r.line, 0};
      entries->push_back(std::move(e));
    }
    FaqEntry& e = (*entries)[it->second];
    if (const std::string q = cell(r, "question"); !q.empty()) {
      e.questions.push_back({q, {file_name, r.line, 0}, 0});
    }
    if (const std::string t = cell(r, "test"); !t.empty()) {
      e.tests.push_back({t, id, {file_name, r.line, 0}, lang});
    }
    if (const std::string a = cell(r, "answer"); !a.empty()) {
      if (!e.answer.text.empty() && e.answer.text != a) {
        error(r.line, "entry '" + id + "' has another answer at line " +
                          std::to_string(e.answer.where.line));
      } else {
        e.answer = {a, {file_name, r.line, 0}, 0};
      }
    }
    if (const std::string c = cell(r, "category"); !c.empty()) e.category = c;
    for (const auto& t : SplitList(cell(r, "tags"))) e.tags.push_back(t);
    for (const auto& f : SplitList(cell(r, "follow_up")))
      e.follow_up.push_back(f);
  }
  for (const auto& [key, i] : index) {
    const FaqEntry& e = (*entries)[i];
    if (e.answer.text.empty())
      error(e.where.line, "entry '" + e.id + "' has no answer");
    if (e.questions.empty())
      error(e.where.line, "entry '" + e.id + "' has no questions");
  }
}

std::vector<FaqEntry> LoadFaqSources(const std::string& dir,
                                     std::vector<Diagnostic>* diagnostics) {
  std::vector<FaqEntry> entries;
  const LoadLimits limits;
  for (const SourceFile& file :
       ReadSourceFiles(dir, {".yaml", ".yml", ".csv"}, limits, diagnostics)) {
    if (file.extension == ".csv") {
      LoadFaqCsv(file.text, file.name, file.lang, &entries, diagnostics);
    } else {
      LoadFaqYaml(file.text, file.name, file.lang, &entries, diagnostics);
    }
  }
  // Ids are unique per language, across files; follow-ups must exist.
  std::map<std::pair<std::string, Lang>, const FaqEntry*> seen;
  for (const FaqEntry& e : entries) {
    auto [it, inserted] = seen.emplace(std::make_pair(e.id, e.lang), &e);
    if (!inserted) {
      diagnostics->push_back({e.where,
                              "entry '" + e.id + "' (" +
                                  std::string(LangCode(e.lang)) +
                                  ") is defined twice (first at " +
                                  it->second->where.ToString() + ")",
                              true});
    }
  }
  for (const FaqEntry& e : entries) {
    for (const std::string& f : e.follow_up) {
      if (!seen.count({f, e.lang})) {
        const std::string hint = [&] {
          std::vector<std::string> ids;
          for (const auto& [key, entry] : seen) {
            if (key.second == e.lang) ids.push_back(key.first);
          }
          return DidYouMean(f, ids);
        }();
        diagnostics->push_back(
            {e.where,
             "entry '" + e.id + "' follows up with unknown entry '" + f + "'" +
                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)"),
             true});
      }
    }
  }
  return entries;
}

}  // namespace libbot::internal
