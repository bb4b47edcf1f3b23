// Copyright 2026 The libbot Authors.
#include "text/affix_lexicon.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include <fstream>
#include <map>
#include <unordered_map>

#include "text/fold.h"
#include "util/utf8.h"

namespace libbot::internal {
namespace {

// Letters seen in fewer dictionary words than this are not part of the
// language's alphabet (they come from foreign names).
constexpr int kAlphabetMinWords = 20;

Status OpenFile(const std::string& path, std::ifstream* in) {
  in->open(path, std::ios::binary);
  if (!*in) {
    return Status::NotFound(
        path + ": cannot open (is the dictionary package installed?)");
  }
  return Status::Ok();
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in;
  if (Status s = OpenFile(path, &in); !s.ok()) return s;
  // One allocation of the file's size: the dictionaries are megabytes, and
  // a stream buffer plus its copy would double the peak while loading.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) return Status::IoError(path + ": read error");
  out->resize(static_cast<size_t>(size));
  if (!in.read(out->data(), size)) {
    return Status::IoError(path + ": read error");
  }
  return Status::Ok();
}

// The line starting at *pos (without its '\n'); moves *pos past it.
std::string_view NextLine(const std::string& text, size_t* pos) {
  size_t eol = text.find('\n', *pos);
  if (eol == std::string::npos) eol = text.size();
  const std::string_view line(text.data() + *pos, eol - *pos);
  *pos = eol + 1;
  return line;
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

bool ParseUint(std::string_view s, uint32_t* value) {
  if (s.empty() || s.size() > 9) return false;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *value = v;
  return true;
}

// Converts the bytes of a dictionary in a single-byte charset to UTF-8 through
// a 256-entry table built with ICU once per file.
class Recoder {
 public:
  Status Init(std::string_view charset, const std::string& path) {
    std::string name(charset);
    for (char& c : name)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (name.empty() || name == "UTF-8" || name == "UTF8") return Status::Ok();
    if (name.rfind("ISO8859-", 0) == 0) name = "ISO-8859-" + name.substr(8);
    UErrorCode err = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(name.c_str(), &err);
    if (U_FAILURE(err) || ucnv_getMaxCharSize(conv) != 1) {
      if (conv) ucnv_close(conv);
      return Status::InvalidArgument(path + ": unsupported SET " +
                                     std::string(charset));
    }
    table_.resize(256);
    for (int b = 0; b < 256; ++b) {
      const char in = static_cast<char>(b);
      char out[8];
      err = U_ZERO_ERROR;
      const int32_t n =
          ucnv_convert("UTF-8", name.c_str(), out, sizeof(out), &in, 1, &err);
      table_[b] = U_SUCCESS(err) ? std::string(out, n) : std::string();
    }
    ucnv_close(conv);
    return Status::Ok();
  }
  std::string ToUtf8(std::string_view bytes) const {
    if (table_.empty()) return std::string(bytes);
    std::string out;
    for (unsigned char b : bytes) out += table_[b];
    return out;
  }

 private:
  std::vector<std::string> table_;  // empty: the file is UTF-8
};

// How many dictionary words each letter occurs in.
class LetterCounts {
 public:
  void CountWord(std::string_view utf8) {
    ++word_;
    size_t pos = 0;
    while (pos < utf8.size()) {
      const char32_t c = DecodeUtf8(utf8, &pos);
      if (c >= kTableSize)
        continue;  // outside Latin: never in an affix condition
      if (last_word_[c] != word_) {
        last_word_[c] = word_;
        ++words_[c];
      }
    }
  }
  std::vector<char32_t> Frequent(int min_words) const {
    std::vector<char32_t> letters;
    for (char32_t c = 0; c < kTableSize; ++c) {
      if (words_[c] >= min_words) letters.push_back(c);
    }
    return letters;
  }

 private:
  static constexpr char32_t kTableSize = 0x250;
  int word_ = 0;
  std::array<int, kTableSize> words_{};
  std::array<int, kTableSize> last_word_{};
};

struct RawRule {
  bool prefix;
  bool cross;
  uint8_t flag;
  std::string strip;      // folded
  std::string add;        // folded
  uint32_t cont;          // flag set
  std::string condition;  // UTF-8, as written
  bool derivational;
};

}  // namespace

class AffixLexicon::Builder {
 public:
  Builder(AffixLexicon* lex, std::string aff_path, std::string dic_path)
      : lex_(lex),
        aff_path_(std::move(aff_path)),
        dic_path_(std::move(dic_path)) {
    lex_->flag_sets_.emplace_back();   // 0: no flags
    lex_->conditions_.emplace_back();  // 0: "."
    lex_->lemmas_.emplace_back();
  }

  Status Build() {
    // One file in memory at a time.
    Status s;
    {
      std::string aff;
      s = ReadFile(aff_path_, &aff);
      if (s.ok()) s = ParseAff(aff);
    }
    if (s.ok()) {
      std::ifstream dic;
      s = OpenFile(dic_path_, &dic);
      if (s.ok()) s = ParseDic(dic);
    }
    if (s.ok()) BuildAffixIndex();
    lex_->has_morphology_ = !am_stems_.empty();
    return s;
  }

 private:
  Status Error(const std::string& path, int line, const std::string& msg) {
    return Status::AtLocation(Status::Code::kCorruption, path, line, 0, msg);
  }

  uint32_t InternFlags(std::string_view flags) {
    auto [it, inserted] = flag_set_ids_.emplace(
        std::string(flags), static_cast<uint32_t>(lex_->flag_sets_.size()));
    if (inserted) {
      FlagSet set;
      for (unsigned char f : flags) set.Add(f);
      lex_->flag_sets_.push_back(set);
    }
    return it->second;
  }

  // Flags as written in a .dic entry or after an affix's '/': an AF alias
  // number when the file defines aliases, else one flag per byte.
  Status DecodeFlags(std::string_view text, const std::string& path, int line,
                     uint32_t* set) {
    if (af_.empty()) {
      *set = InternFlags(text);
      return Status::Ok();
    }
    uint32_t alias;
    if (!ParseUint(text, &alias) || alias == 0 || alias > af_.size()) {
      return Error(path, line, "bad flag alias '" + std::string(text) + "'");
    }
    *set = af_ids_[alias - 1];
    return Status::Ok();
  }

  Status ParseAff(const std::string& aff) {
    // The charset first: every string below is converted with it.
    for (size_t pos = 0; pos < aff.size();) {
      const auto f = SplitFields(NextLine(aff, &pos));
      if (f.size() >= 2 && f[0] == "SET") {
        if (Status s = recoder_.Init(f[1], aff_path_); !s.ok()) return s;
        break;
      }
    }
    int number = 0;
    size_t af_expected = 0, am_expected = 0;
    for (size_t pos = 0; pos < aff.size();) {
      std::string_view line = NextLine(aff, &pos);
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const auto f = SplitFields(line);
      if (f.empty() || f[0][0] == '#') continue;
      const std::string_view key = f[0];
      if (key == "FLAG" && f.size() >= 2) {
        return Error(aff_path_, number,
                     "unsupported FLAG " + std::string(f[1]) +
                         " (only single-byte flags are supported)");
      } else if (key == "AF" && f.size() >= 2) {
        uint32_t n;
        if (af_expected == 0 && af_.empty() && ParseUint(f[1], &n)) {
          af_expected = n;
          continue;
        }
        af_.emplace_back(f[1]);
        af_ids_.push_back(InternFlags(f[1]));
      } else if (key == "AM" && f.size() >= 2) {
        uint32_t n;
        if (am_expected == 0 && am_stems_.empty() && f.size() == 2 &&
            ParseUint(f[1], &n)) {
          am_expected = n;
          continue;
        }
        am_stems_.push_back(StemField(f, 1));
        am_derivational_.push_back(IsDerivational(f, 1));
      } else if (key == "PFX" || key == "SFX") {
        if (Status s = ParseAffixLine(f, number); !s.ok()) return s;
      } else if (f.size() >= 2 && f[1].size() >= 1) {
        const uint8_t flag = static_cast<uint8_t>(f[1][0]);
        if (key == "COMPOUNDFLAG") lex_->compound_flag_ = flag;
        if (key == "COMPOUNDBEGIN" || key == "COMPOUNDFIRST")
          lex_->compound_begin_ = flag;
        if (key == "COMPOUNDEND" || key == "COMPOUNDLAST")
          lex_->compound_end_ = flag;
        if (key == "ONLYINCOMPOUND") lex_->only_in_compound_ = flag;
        if (key == "NEEDAFFIX" || key == "PSEUDOROOT") lex_->need_affix_ = flag;
        if (key == "FORBIDDENWORD") lex_->forbidden_ = flag;
      }
    }
    return Status::Ok();
  }

  // The folded value of an "st:" field among fields[from...], or "".
  std::string StemField(const std::vector<std::string_view>& fields,
                        size_t from) {
    for (size_t i = from; i < fields.size(); ++i) {
      if (fields[i].rfind("st:", 0) == 0)
        return Fold(recoder_.ToUtf8(fields[i].substr(3)));
    }
    return {};
  }

  // True when morphology fields[from...] describe a derivational suffix.
  static bool IsDerivational(const std::vector<std::string_view>& fields,
                             size_t from) {
    for (size_t i = from; i < fields.size(); ++i) {
      if (fields[i].rfind("ds:", 0) == 0) return true;
    }
    return false;
  }

  bool RuleIsDerivational(const std::vector<std::string_view>& f) const {
    if (f.size() < 6) return false;
    uint32_t alias;
    if (!am_derivational_.empty() && f.size() == 6 && ParseUint(f[5], &alias)) {
      return alias >= 1 && alias <= am_derivational_.size() &&
             am_derivational_[alias - 1];
    }
    return IsDerivational(f, 5);
  }

  Status ParseAffixLine(const std::vector<std::string_view>& f, int number) {
    const bool prefix = f[0] == "PFX";
    if (f.size() < 4 || f[1].empty())
      return Error(aff_path_, number, "short affix line");
    const uint8_t flag = static_cast<uint8_t>(f[1][0]);
    uint32_t count;
    if (f.size() == 4 && (f[2] == "Y" || f[2] == "N") &&
        ParseUint(f[3], &count)) {
      cross_[prefix][flag] = f[2] == "Y";
      return Status::Ok();  // a header
    }
    if (f.size() < 5)
      return Error(aff_path_, number,
                   "affix rule needs strip, add and condition");
    RawRule rule;
    rule.prefix = prefix;
    rule.cross = cross_[prefix][flag];
    rule.flag = flag;
    rule.strip = f[2] == "0" ? "" : Fold(recoder_.ToUtf8(f[2]));
    std::string_view add = f[3];
    rule.cont = 0;
    if (const size_t slash = add.find('/'); slash != std::string_view::npos) {
      if (Status s =
              DecodeFlags(add.substr(slash + 1), aff_path_, number, &rule.cont);
          !s.ok())
        return s;
      add = add.substr(0, slash);
    }
    rule.add = add == "0" ? "" : Fold(recoder_.ToUtf8(add));
    rule.condition = recoder_.ToUtf8(f[4]);
    rule.derivational = RuleIsDerivational(f);
    raw_rules_.push_back(std::move(rule));
    return Status::Ok();
  }

  // Line by line from the file: the word list is the largest input, and
  // not holding all of it lowers the peak memory of loading.
  Status ParseDic(std::istream& dic) {
    LetterCounts letter_words;
    int number = 0;
    std::string text;
    while (std::getline(dic, text)) {
      std::string_view line = text;
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (number == 1) {
        // The word count: room for all of them at once.
        uint32_t count;
        if (ParseUint(line, &count) && count < (1u << 24)) {
          lex_->entries_.reserve(lex_->entries_.size() + count);
          lex_->capitalised_.reserve(lex_->capitalised_.size() + count);
          lex_->words_.Reserve(count);
        }
        continue;
      }
      if (line.empty() || line[0] == '\t' || line[0] == '#') continue;
      if (Status s = ParseDicLine(line, number, &letter_words); !s.ok())
        return s;
    }
    if (dic.bad()) return Status::IoError(dic_path_ + ": read error");
    alphabet_ = letter_words.Frequent(kAlphabetMinWords);
    return Status::Ok();
  }

  Status ParseDicLine(std::string_view line, int number,
                      LetterCounts* letters) {
    std::string_view entry = line, morph;
    if (const size_t tab = line.find('\t'); tab != std::string_view::npos) {
      entry = line.substr(0, tab);
      morph = line.substr(tab + 1);
    }
    std::string word;
    std::string_view flags;
    for (size_t i = 0; i < entry.size(); ++i) {
      if (entry[i] == '\\' && i + 1 < entry.size() && entry[i + 1] == '/') {
        word += '/';
        ++i;
      } else if (entry[i] == '/' && i > 0) {
        flags = entry.substr(i + 1);
        break;
      } else {
        word += entry[i];
      }
    }
    const std::string utf8 = recoder_.ToUtf8(word);
    const std::string folded = Fold(utf8);
    if (folded.empty()) return Status::Ok();

    Entry e;
    if (!flags.empty()) {
      if (Status s = DecodeFlags(flags, dic_path_, number, &e.flags); !s.ok())
        return s;
    }
    const std::string stem = MorphStem(morph);
    if (!stem.empty() && stem != folded) {
      e.lemma = static_cast<uint32_t>(lex_->lemmas_.size());
      lex_->lemmas_.push_back(stem);
    }
    const uint64_t hash = HashString(folded);
    const uint32_t previous = lex_->words_.Get(hash);
    e.next = previous;
    lex_->words_.Put(hash, static_cast<uint32_t>(lex_->entries_.size()));
    lex_->entries_.push_back(e);
    size_t first = 0;
    lex_->capitalised_.push_back(
        u_isUUppercase(static_cast<UChar32>(DecodeUtf8(utf8, &first))));
    letters->CountWord(utf8);
    return Status::Ok();
  }

  std::string MorphStem(std::string_view morph) {
    const auto fields = SplitFields(morph);
    for (std::string_view field : fields) {
      uint32_t alias;
      if (!am_stems_.empty() && ParseUint(field, &alias)) {
        if (alias >= 1 && alias <= am_stems_.size() &&
            !am_stems_[alias - 1].empty())
          return am_stems_[alias - 1];
      } else if (field.rfind("st:", 0) == 0) {
        return Fold(recoder_.ToUtf8(field.substr(3)));
      }
    }
    return {};
  }

  // Compiles a Hunspell condition ("[^aáeé]k", ".", "[^i]e") into folded
  // character classes. A negated class keeps a folded letter if some letter
  // of the alphabet that folds to it is not excluded: [^á] still allows 'a'.
  uint32_t CompileCondition(const std::string& condition, bool* ok) {
    *ok = true;
    if (condition == ".") return 0;
    if (auto it = condition_ids_.find(condition); it != condition_ids_.end())
      return it->second;
    std::vector<CharClassSet> elements;
    size_t pos = 0;
    while (pos < condition.size()) {
      CharClassSet set;
      char32_t c = DecodeUtf8(condition, &pos);
      if (c == '.') {
        set.ascii = {~uint64_t{0}, ~uint64_t{0}};
        set.other = true;
      } else if (c == '[') {
        bool negated = false;
        std::vector<char32_t> members;
        if (pos < condition.size() && condition[pos] == '^') {
          negated = true;
          ++pos;
        }
        while (pos < condition.size() && condition[pos] != ']') {
          members.push_back(DecodeUtf8(condition, &pos));
        }
        if (pos >= condition.size()) *ok = false;
        ++pos;
        set = negated ? NegatedClass(members) : PositiveClass(members);
      } else {
        set = PositiveClass({c});
      }
      elements.push_back(set);
    }
    const uint32_t id = static_cast<uint32_t>(lex_->conditions_.size());
    lex_->conditions_.push_back(std::move(elements));
    condition_ids_.emplace(condition, id);
    return id;
  }

  static void AddFolded(char32_t c, CharClassSet* set) {
    const std::string folded = FoldCodePoint(c);
    if (folded.empty()) return;
    const unsigned char b = static_cast<unsigned char>(folded[0]);
    if (b < 128) {
      set->ascii[b >> 6] |= uint64_t{1} << (b & 63);
    } else {
      set->other = true;
    }
  }

  static CharClassSet PositiveClass(const std::vector<char32_t>& members) {
    CharClassSet set;
    for (char32_t c : members) AddFolded(c, &set);
    return set;
  }

  CharClassSet NegatedClass(const std::vector<char32_t>& excluded) const {
    CharClassSet set;
    set.ascii = {~uint64_t{0}, ~uint64_t{0}};
    set.other = true;
    // Remove a folded letter only if every alphabet letter folding to it is
    // excluded.
    CharClassSet excluded_folded = PositiveClass(excluded);
    for (int b = 0; b < 128; ++b) {
      if (!excluded_folded.Matches(static_cast<unsigned char>(b))) continue;
      bool some_allowed = false;
      for (char32_t letter : alphabet_) {
        const std::string folded = FoldCodePoint(letter);
        if (folded.empty() || static_cast<unsigned char>(folded[0]) != b)
          continue;
        bool is_excluded = false;
        for (char32_t x : excluded) is_excluded |= x == letter;
        some_allowed |= !is_excluded;
      }
      if (!some_allowed) set.ascii[b >> 6] &= ~(uint64_t{1} << (b & 63));
    }
    return set;
  }

  void BuildAffixIndex() {
    std::map<std::tuple<bool, std::string, std::string>,
             std::pair<uint32_t, uint32_t>>
        where;
    for (const RawRule& raw : raw_rules_) {
      bool ok;
      AffixRule rule;
      rule.flag = raw.flag;
      rule.cont = raw.cont;
      rule.derivational = raw.derivational;
      rule.condition = CompileCondition(raw.condition, &ok);
      if (!ok)
        continue;  // a malformed condition: Hunspell ignores such rules too
      auto& lists = raw.prefix ? lex_->prefix_groups_ : lex_->suffix_groups_;
      HashIndex& index = raw.prefix ? lex_->prefix_index_ : lex_->suffix_index_;
      const auto key = std::make_tuple(raw.prefix, raw.add, raw.strip);
      auto it = where.find(key);
      if (it == where.end()) {
        const uint64_t hash = HashString(raw.add);
        uint32_t list = index.Get(hash);
        if (list == HashIndex::kMissing) {
          list = static_cast<uint32_t>(lists.size());
          lists.emplace_back();
          index.Put(hash, list);
        }
        AffixGroup group;
        group.strip = raw.strip;
        group.add = raw.add;
        lists[list].push_back(std::move(group));
        it =
            where
                .emplace(key, std::make_pair(list, static_cast<uint32_t>(
                                                       lists[list].size() - 1)))
                .first;
      }
      AffixGroup& group = lists[it->second.first][it->second.second];
      group.flags.Add(raw.flag);
      group.cont_union.Merge(lex_->flag_sets_[raw.cont]);
      group.rules.push_back(rule);
      if (raw.cross) lex_->cross_product_.Add(raw.flag);
      if (raw.prefix) {
        lex_->max_prefix_add_ = std::max(lex_->max_prefix_add_, raw.add.size());
      } else {
        lex_->max_suffix_add_ = std::max(lex_->max_suffix_add_, raw.add.size());
        lex_->twofold_outer_.Merge(lex_->flag_sets_[raw.cont]);
      }
    }
  }

  AffixLexicon* lex_;
  std::string aff_path_, dic_path_;
  Recoder recoder_;
  std::unordered_map<std::string, uint32_t> flag_set_ids_;
  std::vector<std::string> af_;
  std::vector<uint32_t> af_ids_;
  std::vector<std::string> am_stems_;
  std::vector<bool> am_derivational_;
  bool cross_[2][256] = {};
  std::vector<RawRule> raw_rules_;
  std::vector<char32_t> alphabet_;
  std::unordered_map<std::string, uint32_t> condition_ids_;
};

Status AffixLexicon::Load(const std::string& aff_path,
                          const std::string& dic_path,
                          std::unique_ptr<AffixLexicon>* lexicon) {
  std::unique_ptr<AffixLexicon> lex(new AffixLexicon());
  Builder builder(lex.get(), aff_path, dic_path);
  if (Status s = builder.Build(); !s.ok()) return s;
  if (lex->entries_.empty()) return Status::Corruption(dic_path + ": no words");
  *lexicon = std::move(lex);
  return Status::Ok();
}

const std::vector<AffixGroup>* AffixLexicon::SuffixesAdding(
    std::string_view add) const {
  const uint32_t i = suffix_index_.Get(HashString(add));
  return i == HashIndex::kMissing ? nullptr : &suffix_groups_[i];
}

const std::vector<AffixGroup>* AffixLexicon::PrefixesAdding(
    std::string_view add) const {
  const uint32_t i = prefix_index_.Get(HashString(add));
  return i == HashIndex::kMissing ? nullptr : &prefix_groups_[i];
}

AffixLexicon::Capitals AffixLexicon::CapitalsOf(std::string_view folded) const {
  bool capitalised = false, lower = false;
  for (uint32_t i = Find(folded); i != kNoEntry; i = entries_[i].next) {
    (capitalised_[i] ? capitalised : lower) = true;
  }
  if (!capitalised) return Capitals::kNever;
  return lower ? Capitals::kAlso : Capitals::kOnly;
}

size_t AffixLexicon::MemoryBytes() const {
  size_t bytes = words_.MemoryBytes() + entries_.capacity() * sizeof(Entry) +
                 capitalised_.capacity() / 8 +
                 flag_sets_.capacity() * sizeof(FlagSet) +
                 suffix_index_.MemoryBytes() + prefix_index_.MemoryBytes();
  for (const auto& l : lemmas_) bytes += sizeof(l) + l.capacity();
  for (const auto& c : conditions_)
    bytes += sizeof(c) + c.capacity() * sizeof(CharClassSet);
  for (const auto* lists : {&suffix_groups_, &prefix_groups_}) {
    for (const auto& list : *lists) {
      for (const auto& g : list) {
        bytes += sizeof(g) + g.rules.capacity() * sizeof(AffixRule) +
                 g.strip.capacity() + g.add.capacity();
      }
    }
  }
  return bytes;
}

}  // namespace libbot::internal
