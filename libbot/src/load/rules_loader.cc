// Copyright 2026 The libbot Authors.
#include "load/rules_loader.h"

#include "load/settings_table.h"
#include "load/signal_lists.h"
#include "load/yaml_reader.h"
#include "util/utf8.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace libbot::internal {

std::string SourceLocation::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (col > 0) out += ':' + std::to_string(col);
  }
  return out;
}

std::string Diagnostic::ToString() const {
  return where.ToString() + ": " + (error ? "" : "warning: ") + message;
}

std::string JoinErrors(const std::vector<Diagnostic>& diagnostics) {
  std::string errors;
  for (const Diagnostic& d : diagnostics) {
    if (d.error) errors += (errors.empty() ? "" : "\n") + d.ToString();
  }
  return errors;
}

Status ErrorsToStatus(const std::vector<Diagnostic>& diagnostics) {
  const std::string errors = JoinErrors(diagnostics);
  if (errors.empty()) return Status::Ok();
  const bool missing = std::any_of(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.error && d.code == Status::Code::kNotFound;
      });
  return missing ? Status::NotFound(errors) : Status::InvalidArgument(errors);
}

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > kMaxNameBytes) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c == '-')) {
      return false;
    }
  }
  return true;
}

std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : candidates) {
    // Levenshtein distance, two rows.
    std::vector<size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= c.size(); ++j) {
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                           prev[j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1)});
      }
      std::swap(prev, cur);
    }
    if (prev[c.size()] < best_distance) {
      best_distance = prev[c.size()];
      best = c;
    }
  }
  return best;
}

namespace {

// lang, settings, the policy's texts (LangTextsSpecs), then the rest.
const std::vector<std::string>& TopKeys() {
  static const auto* keys = [] {
    auto* out = new std::vector<std::string>{"lang", "settings"};
    for (const LangTextsSpec& spec : LangTextsSpecs())
      out->emplace_back(spec.key);
    for (const char* key :
         {"signals", "concepts", "synonyms", "entities", "intents", "tests"})
      out->emplace_back(key);
    return out;
  }();
  return *keys;
}
const std::vector<std::string> kIntentKeys = {
    "id",        "title", "patterns",    "examples",     "priority",
    "replies",   "slots", "context",     "sets_context", "handoff",
    "complaint", "tests", "out_of_scope"};
const std::vector<std::string> kSlotKeys = {"entity", "ask", "help"};
const std::vector<std::string> kEntityKeys = {"regex"};

// Reads one YAML file into a RuleSet, reporting problems with their place.
class FileReader : public YamlReader {
 public:
  FileReader(std::string file, Lang lang, const LoadLimits& limits,
             RuleSet* rules, std::vector<Diagnostic>* diagnostics)
      : YamlReader(std::move(file), limits, diagnostics),
        lang_(lang),
        rules_(rules) {}

  // The top-level keys in a fixed order: `lang:` first, since every later
  // part takes the file's language from it (or from its folder).
  void Read(const std::string& text) {
    YAML::Node root;
    if (!Parse(text, &root)) return;
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      Error(At(root),
            "a rules file is a mapping with keys such as 'intents' and "
            "'concepts'");
      return;
    }
    CheckKeys(root, TopKeys(), "top-level");
    if (const YAML::Node lang = root["lang"]) ReadLang(lang);
    if (const YAML::Node s = root["settings"]) ReadSettings(s);
    for (const LangTextsSpec& spec : LangTextsSpecs()) {
      if (const YAML::Node n = root[std::string(spec.key)])
        ReadLangReplies(n, &(rules_->settings.*spec.texts));
    }
    if (const YAML::Node s = root["signals"]) ReadSignals(s);
    if (const YAML::Node c = root["concepts"]) ReadConcepts(c);
    if (const YAML::Node s = root["synonyms"]) ReadSynonyms(s);
    if (const YAML::Node e = root["entities"]) ReadEntities(e);
    if (const YAML::Node i = root["intents"]) ReadIntents(i);
    if (const YAML::Node t = root["tests"]) {
      if (lang_ == Lang::kUnknown) {
        Error(At(t),
              "tests need a language: put the file under rules/hu or rules/pl");
      } else {
        ReadTests(t, "@oos", lang_, &rules_->tests);
      }
    }
  }

 private:
  // `lang:` may name the language of a file outside rules/hu and rules/pl;
  // inside one it must agree with the folder (a copied file keeps its old
  // `lang:` more often than not).
  void ReadLang(const YAML::Node& node) {
    Lang lang;
    if (!ReadLangCode(node, &lang)) return;
    if (lang_ != Lang::kUnknown && lang != lang_) {
      Error(At(node), "lang '" + node.Scalar() +
                          "' contradicts the folder this file is in");
      return;
    }
    lang_ = lang;
  }

  // Settings are global: one file gives them, a second `settings:` is an
  // error rather than a silent merge whose winner depends on file order.
  void ReadSettings(const YAML::Node& node) {
    if (!CheckKeys(node, SettingKeys(), "settings")) return;
    if (settings_seen_) {
      Error(At(node), "settings given twice (first at " +
                          rules_->settings.where.ToString() + ")");
      return;
    }
    Settings& s = rules_->settings;
    s.where = At(node);
    settings_seen_ = true;
    // Each key as its row in the settings table says.
    for (const SettingSpec& spec : SettingSpecs()) {
      const std::string key(spec.key);
      const YAML::Node n = node[key];
      if (!n) continue;
      switch (spec.kind) {
        case SettingSpec::Kind::kCount:
          ReadInt(n, key, static_cast<int>(spec.min),
                  static_cast<int>(spec.max), &(s.*spec.count));
          break;
        case SettingSpec::Kind::kFraction:
          ReadFraction(n, key, &(s.*spec.fraction));
          break;
        case SettingSpec::Kind::kRegex:
          ReadString(n, key, &(s.*spec.text));
          break;
        case SettingSpec::Kind::kLang:
          ReadDefaultLang(n, &s);
          break;
        case SettingSpec::Kind::kValues:
          ReadValues(n, &s);
          break;
        case SettingSpec::Kind::kFlag:
          ReadBool(n, key, &(s.*spec.flag));
          break;
      }
    }
  }

  void ReadDefaultLang(const YAML::Node& n, Settings* s) {
    std::string code;
    if (ReadString(n, "default_lang", &code) &&
        (!ParseLang(code, &s->default_lang) ||
         s->default_lang == Lang::kUnknown)) {
      Error(At(n), "default_lang must be 'hu' or 'pl'");
      s->default_lang = Lang::kHu;
    }
  }

  // `values:` {name: text} for {placeholders} in replies.
  void ReadValues(const YAML::Node& n, Settings* s) {
    if (!CheckDuplicateKeys(n, "values")) return;
    for (const auto& kv : n) {
      std::string value;
      if (ReadString(kv.second, "value '" + kv.first.Scalar() + "'", &value))
        s->values[kv.first.Scalar()] = value;
    }
  }

  // `fallback:` and `handoff:` replies: a list in a language file, or a
  // mapping {hu: [...], pl: [...]} in a shared one.
  void ReadLangReplies(const YAML::Node& node,
                       std::map<Lang, std::vector<Located>>* out) {
    if (node.IsMap()) {
      CheckKeys(node, {"hu", "pl"}, "replies by language");
      for (const char* code : {"hu", "pl"}) {
        Lang lang;
        ParseLang(code, &lang);
        if (auto n = node[code])
          ReadTexts(n, std::string(code) + " replies", &(*out)[lang]);
      }
      return;
    }
    if (lang_ == Lang::kUnknown) {
      Error(At(node),
            "in a file without a language, give replies as {hu: [...], pl: "
            "[...]}");
      return;
    }
    ReadTexts(node, "replies", &(*out)[lang_]);
  }

  // `signals:` {list: words}: the policy's word lists (SignalListNames()),
  // each a list in a language file or {hu: [...], pl: [...]}.
  void ReadSignals(const YAML::Node& node) {
    if (!node.IsMap()) {
      Error(At(node), "signals must be a mapping of lists: {cancel: [...]}");
      return;
    }
    if (!CheckKeys(node, SignalListNames(), "signals")) return;
    for (const auto& kv : node) {
      ReadLangReplies(kv.second,
                      &rules_->settings.signal_words[kv.first.Scalar()]);
    }
  }

  void ReadConcepts(const YAML::Node& node) {
    if (!CheckDuplicateKeys(node, "concepts")) return;
    for (const auto& kv : node) {
      ConceptDef c;
      c.name = kv.first.Scalar();
      c.lang = lang_;
      c.where = At(kv.first);
      if (!ValidId(c.name)) {
        Error(c.where,
              "concept name '" + c.name + "' may use only a-z, 0-9, _ . -");
        continue;
      }
      ReadTexts(kv.second, "concept '" + c.name + "'", &c.items);
      rules_->concepts.push_back(std::move(c));
    }
  }

  // synonyms: [[garancia, jótállás], [hétvége, szombat, vasárnap]]
  void ReadSynonyms(const YAML::Node& node) {
    if (lang_ == Lang::kUnknown) {
      Error(At(node),
            "synonyms need a language: put the file under rules/hu or "
            "rules/pl");
      return;
    }
    if (!node.IsSequence()) {
      Error(At(node), "synonyms must be a list of word lists");
      return;
    }
    for (const auto& group_node : node) {
      SynonymGroup group;
      group.lang = lang_;
      group.where = At(group_node);
      if (!group_node.IsSequence()) {
        Error(group.where,
              "each synonym group is a list of words: [garancia, jótállás]");
        continue;
      }
      ReadTexts(group_node, "a synonym group", &group.words);
      if (group.words.size() < 2) {
        Error(group.where, "a synonym group needs at least two words");
        continue;
      }
      rules_->synonyms.push_back(std::move(group));
    }
  }

  // entities: {name: regex} or {name: {regex: ...}}; the regexes are
  // compiled later (EntityExtractor), where RE2 reports its errors.
  void ReadEntities(const YAML::Node& node) {
    if (!CheckDuplicateKeys(node, "entities")) return;
    for (const auto& kv : node) {
      EntityDef e;
      e.name = kv.first.Scalar();
      e.where = At(kv.first);
      if (!ValidId(e.name)) {
        Error(e.where,
              "entity name '" + e.name + "' may use only a-z, 0-9, _ . -");
        continue;
      }
      if (kv.second.IsScalar()) {
        e.regex = kv.second.Scalar();
      } else if (CheckKeys(kv.second, kEntityKeys, "entity '" + e.name + "'")) {
        if (auto r = kv.second["regex"]) {
          ReadString(r, "regex", &e.regex);
        } else {
          Error(e.where, "entity '" + e.name + "' needs a regex");
          continue;
        }
      }
      rules_->entities.push_back(std::move(e));
    }
  }

  void ReadIntents(const YAML::Node& node) {
    if (!node.IsSequence()) {
      Error(At(node),
            "intents must be a list (each item starts with '- id: ...')");
      return;
    }
    if (lang_ == Lang::kUnknown && node.size() > 0) {
      Error(At(node),
            "intents need a language: put the file under rules/hu or rules/pl, "
            "or add 'lang: hu' / 'lang: pl'");
      return;
    }
    for (const auto& item : node) ReadIntent(item);
  }

  // One intent. Problems in one key do not stop the others from being read,
  // so an editor sees every mistake of the file in one run.
  void ReadIntent(const YAML::Node& node) {
    if (!CheckKeys(node, kIntentKeys, "intent")) return;
    IntentDef intent;
    intent.lang = lang_;
    intent.where = At(node);
    const YAML::Node id = node["id"];
    if (!id || !ReadString(id, "id", &intent.id)) {
      if (!id) Error(intent.where, "an intent needs an id");
      return;
    }
    if (!ValidId(intent.id)) {
      Error(At(id),
            "intent id '" + intent.id + "' may use only a-z, 0-9, _ . -");
      return;
    }
    if (auto n = node["title"]) ReadString(n, "title", &intent.title);
    if (auto n = node["patterns"]) ReadTexts(n, "patterns", &intent.patterns);
    if (auto n = node["examples"]) ReadTexts(n, "examples", &intent.examples);
    if (auto n = node["replies"]) ReadTexts(n, "replies", &intent.replies);
    if (auto n = node["priority"])
      ReadInt(n, "priority", -1000, 1000, &intent.priority);
    if (auto n = node["handoff"]) ReadBool(n, "handoff", &intent.handoff);
    if (auto n = node["complaint"]) ReadBool(n, "complaint", &intent.complaint);
    if (auto n = node["out_of_scope"])
      ReadBool(n, "out_of_scope", &intent.out_of_scope);
    if (auto n = node["context"]) ReadNames(n, "context", &intent.context);
    if (auto n = node["sets_context"])
      ReadNames(n, "sets_context", &intent.sets_context);
    if (auto n = node["slots"]) ReadSlots(n, &intent);
    if (auto n = node["tests"]) ReadTests(n, intent.id, lang_, &intent.tests);
    if (intent.patterns.empty() && intent.examples.empty()) {
      Error(intent.where, "intent '" + intent.id +
                              "' has neither patterns nor examples: "
                              "nothing can trigger it");
    }
    if (intent.replies.empty() && !intent.handoff && !intent.out_of_scope) {
      Error(intent.where, "intent '" + intent.id + "' has no replies");
    }
    if (intent.out_of_scope) CheckOutOfScope(node, intent);
    rules_->intents.push_back(std::move(intent));
  }

  // An out-of-scope intent answers nothing, so nothing may follow from an
  // answer: no handoff, complaint, slots or contexts it would set.
  void CheckOutOfScope(const YAML::Node& node, const IntentDef& intent) {
    const std::pair<const char*, bool> follow_ups[] = {
        {"handoff", intent.handoff},
        {"complaint", intent.complaint},
        {"slots", !intent.slots.empty()},
        {"sets_context", !intent.sets_context.empty()}};
    for (const auto& [key, set] : follow_ups) {
      if (!set) continue;
      Error(At(node[key]), "intent '" + intent.id +
                               "' is out_of_scope: it answers nothing, so it "
                               "cannot have '" +
                               key + "'");
    }
  }

  // slots: {name: {entity?, ask}}. The entity defaults to the slot's name
  // (`order_number:` is filled by $order_number), the common case.
  void ReadSlots(const YAML::Node& node, IntentDef* intent) {
    if (!CheckDuplicateKeys(node, "slots")) return;
    for (const auto& kv : node) {
      SlotDef slot;
      slot.name = kv.first.Scalar();
      slot.where = At(kv.first);
      if (!NameFits(slot.name, slot.where, "a slot name")) continue;
      if (!CheckKeys(kv.second, kSlotKeys, "slot '" + slot.name + "'"))
        continue;
      slot.entity = slot.name;
      if (auto e = kv.second["entity"]) ReadString(e, "entity", &slot.entity);
      if (auto a = kv.second["ask"]) ReadTexts(a, "ask", &slot.ask);
      if (auto h = kv.second["help"]) ReadTexts(h, "help", &slot.help);
      if (slot.ask.empty()) {
        Error(slot.where,
              "slot '" + slot.name + "' needs a question to ask (ask: ...)");
        continue;
      }
      intent->slots.push_back(std::move(slot));
    }
  }

  Lang lang_;
  RuleSet* rules_;
  bool settings_seen_ = false;
};

// The language of a file from its folder: the first "hu" or "pl" part of
// its path under the rules folder; kUnknown for shared files.
Lang LangOfPath(const std::filesystem::path& relative) {
  for (const auto& part : relative) {
    Lang lang;
    if (ParseLang(part.string(), &lang) && lang != Lang::kUnknown) return lang;
  }
  return Lang::kUnknown;
}

// Rule and FAQ files are UTF-8 (a UTF-8 byte-order mark is dropped). A file
// saved in another encoding is refused where its first foreign byte is,
// rather than read as mojibake that matches nothing.
bool CheckUtf8(const std::string& name, std::string* text,
               std::vector<Diagnostic>* diagnostics) {
  if (text->compare(0, 3, "\xEF\xBB\xBF") == 0) text->erase(0, 3);
  const bool utf16 = text->compare(0, 2, "\xFF\xFE") == 0 ||
                     text->compare(0, 2, "\xFE\xFF") == 0;
  size_t pos = 0;
  int line = 1, col = 1;
  while (!utf16 && pos < text->size()) {
    const size_t begin = pos;
    if (DecodeUtf8(*text, &pos) == kInvalidCodePoint) {
      char byte[8];
      std::snprintf(byte, sizeof(byte), "0x%02X",
                    static_cast<unsigned char>((*text)[begin]));
      diagnostics->push_back(
          {{name, line, col},
           std::string("not UTF-8 (byte ") + byte +
               "; ISO-8859-2 or Windows-1250?): save the file as UTF-8",
           true});
      return false;
    }
    if ((*text)[begin] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  if (utf16) {
    diagnostics->push_back(
        {{name, 1, 1}, "a UTF-16 file: save the file as UTF-8", true});
    return false;
  }
  return true;
}

}  // namespace

void LoadRulesText(const std::string& text, const std::string& file_name,
                   Lang lang, const LoadLimits& limits, RuleSet* rules,
                   std::vector<Diagnostic>* diagnostics) {
  rules->files.push_back(file_name);
  FileReader(file_name, lang, limits, rules, diagnostics).Read(text);
}

namespace {

// The files under `dir` with one of `extensions`, sorted by path so that
// loading (and every error list) is the same on every machine. False when
// there are more than the limit allows.
bool ListSourceFiles(const std::string& dir,
                     const std::vector<std::string>& extensions,
                     const LoadLimits& limits,
                     std::vector<std::filesystem::path>* files,
                     std::vector<Diagnostic>* diagnostics) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path last = dir;  // a folder that cannot be read is named in the error
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    last = it->path();
    const std::string ext = it->path().extension().string();
    if (it->is_regular_file(ec) &&
        std::find(extensions.begin(), extensions.end(), ext) !=
            extensions.end()) {
      files->push_back(it->path());
    }
    // Counted while listing: a folder of a million files stops here, before
    // the list itself grows large.
    if (files->size() > limits.max_files) {
      diagnostics->push_back({{dir, 0, 0},
                              "more than " + std::to_string(limits.max_files) +
                                  " files (LoadLimits::max_files)",
                              true});
      return false;
    }
  }
  // An unreadable folder ("hu/" without permission) is an error, not a
  // language without rules.
  if (ec) {
    std::error_code is_dir_ec;
    const fs::path where =
        fs::is_directory(last, is_dir_ec) ? last : fs::path(dir);
    diagnostics->push_back({{where.string(), 0, 0},
                            "cannot read the folder (" + ec.message() + ")",
                            true});
    return false;
  }
  std::sort(files->begin(), files->end());
  return true;
}

// One file's text, checked to be UTF-8. False (with a diagnostic) when it
// cannot be read or is not UTF-8.
bool ReadSourceText(const std::filesystem::path& path, std::string* text,
                    std::vector<Diagnostic>* diagnostics) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) {
    diagnostics->push_back({{name, 0, 0}, "cannot read", true});
    return false;
  }
  *text = buffer.str();
  return CheckUtf8(name, text, diagnostics);
}

}  // namespace

// Sizes are checked before reading: a huge file is refused without being
// read, and the running total stops a folder of many large ones.
std::vector<SourceFile> ReadSourceFiles(
    const std::string& dir, const std::vector<std::string>& extensions,
    const LoadLimits& limits, std::vector<Diagnostic>* diagnostics) {
  namespace fs = std::filesystem;
  std::vector<SourceFile> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diagnostics->push_back(
        {{dir, 0, 0}, "no such folder", true, Status::Code::kNotFound});
    return out;
  }
  std::vector<fs::path> files;
  if (!ListSourceFiles(dir, extensions, limits, &files, diagnostics))
    return out;
  size_t total_bytes = 0;
  for (const fs::path& path : files) {
    const std::string name = path.string();
    const auto size = fs::file_size(path, ec);
    if (ec || size > limits.max_file_bytes) {
      diagnostics->push_back({{name, 0, 0},
                              ec ? "cannot read"
                                 : "file larger than " +
                                       std::to_string(limits.max_file_bytes) +
                                       " bytes (LoadLimits::max_file_bytes)",
                              true});
      continue;
    }
    total_bytes += size;
    if (total_bytes > limits.max_total_bytes) {
      diagnostics->push_back(
          {{dir, 0, 0},
           "files larger than " + std::to_string(limits.max_total_bytes) +
               " bytes in all (LoadLimits::max_total_bytes, reached at " +
               name + ")",
           true});
      return out;
    }
    std::string text;
    if (!ReadSourceText(path, &text, diagnostics)) continue;
    // A file's language is the hu/ or pl/ folder it is in, if any.
    out.push_back({name, std::move(text),
                   LangOfPath(fs::relative(path, dir, ec)),
                   path.extension().string()});
  }
  return out;
}

bool WithinRuleLimits(const std::string& dir, const RuleSet& rules,
                      const LoadLimits& limits,
                      std::vector<Diagnostic>* diagnostics) {
  size_t patterns = 0;
  for (const IntentDef& intent : rules.intents)
    patterns += intent.patterns.size() + intent.examples.size();
  if (rules.intents.size() > limits.max_intents) {
    diagnostics->push_back({{dir, 0, 0},
                            std::to_string(rules.intents.size()) +
                                " intents, more than the limit of " +
                                std::to_string(limits.max_intents) +
                                " (LoadLimits::max_intents)",
                            true});
  }
  if (patterns > limits.max_patterns) {
    diagnostics->push_back(
        {{dir, 0, 0},
         std::to_string(patterns) +
             " patterns and examples, more than the limit of " +
             std::to_string(limits.max_patterns) +
             " (LoadLimits::max_patterns)",
         true});
  }
  return rules.intents.size() <= limits.max_intents &&
         patterns <= limits.max_patterns;
}

RuleSet LoadRules(const std::string& dir, const LoadLimits& limits,
                  std::vector<Diagnostic>* diagnostics) {
  RuleSet rules;
  std::vector<Diagnostic> found;
  for (const SourceFile& file :
       ReadSourceFiles(dir, {".yaml", ".yml"}, limits, &found)) {
    LoadRulesText(file.text, file.name, file.lang, limits, &rules, diagnostics);
  }
  for (Diagnostic& d : found) {
    if (d.code == Status::Code::kNotFound) d.message = "no such rules folder";
    diagnostics->push_back(std::move(d));
  }
  return rules;
}

}  // namespace libbot::internal
