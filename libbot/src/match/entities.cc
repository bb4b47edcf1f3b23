// Copyright 2026 The libbot Authors.
#include "match/entities.h"

#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace libbot::internal {
namespace {

// A regex entity (an order number, a code, a date) is at most this long;
// regexes are searched in windows of twice that (NextRegexMatch).
constexpr size_t kMaxEntityMatchBytes = 256;
constexpr size_t kRegexWindowBytes = 2 * kMaxEntityMatchBytes;

using Normalizer = std::function<std::string(const std::string& match)>;

std::string DigitsOnly(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// Hungarian and Polish write a decimal comma and group thousands with dots or
// spaces: "234,50" → "234.50", "1.000" and "12 000" → "1000" and "12000",
// "1.234,5" → "1234.5"; "1.5" (a dot not before three digits) is decimal.
std::string NormalizeNumber(const std::string& text) {
  std::string s;
  for (char c : text) {
    if (c != ' ') s += c;
  }
  const size_t commas = std::count(s.begin(), s.end(), ','),
               dots = std::count(s.begin(), s.end(), '.');
  char decimal = 0;
  if (commas && dots) {
    decimal = s.find_last_of(',') > s.find_last_of('.') ? ',' : '.';
  } else if (commas == 1) {
    decimal = ',';
  } else if (dots == 1) {
    const size_t after = s.size() - s.find('.') - 1;
    decimal = after == 3 ? 0 : '.';
  }
  std::string out;
  for (char c : s) {
    if (c == decimal) {
      out += '.';
    } else if (c != '.' && c != ',') {
      out += c;
    }
  }
  return out;
}

std::string NormalizePhone(const std::string& match) {
  std::string digits = DigitsOnly(match);
  if (match.rfind("+36", 0) == 0 || match.rfind("0036", 0) == 0) {
    return "+" + digits.substr(match.rfind("00", 0) == 0 ? 2 : 0);
  }
  if (match.rfind("+48", 0) == 0 || match.rfind("0048", 0) == 0) {
    return "+" + digits.substr(match.rfind("00", 0) == 0 ? 2 : 0);
  }
  if (digits.rfind("06", 0) == 0 && digits.size() >= 10)
    return "+36" + digits.substr(2);
  if (digits.size() == 9) return "+48" + digits;
  return digits;
}

std::string NormalizeMoney(const std::string& match) {
  size_t unit = 0;
  while (unit < match.size() &&
         ((match[unit] >= '0' && match[unit] <= '9') || match[unit] == '.' ||
          match[unit] == ',' || match[unit] == ' ')) {
    ++unit;
  }
  std::string amount = match.substr(0, unit);
  while (!amount.empty() && amount.back() == ' ') amount.pop_back();
  const std::string rest = match.substr(unit);
  const bool pln = rest.find("z") != std::string::npos ||
                   rest.find("Z") != std::string::npos ||
                   rest.find("PLN") != std::string::npos ||
                   rest.find("pln") != std::string::npos;
  return NormalizeNumber(amount) + (pln ? " PLN" : " HUF");
}

// dd.mm.yyyy, yyyy.mm.dd and the like → yyyy-mm-dd; "" when not a date.
std::string NormalizeNumericDate(const std::string& match) {
  std::vector<int> parts;
  int value = -1;
  for (char c : match) {
    if (c >= '0' && c <= '9') {
      value = (value < 0 ? 0 : value * 10) + (c - '0');
    } else if (value >= 0) {
      parts.push_back(value);
      value = -1;
    }
  }
  if (value >= 0) parts.push_back(value);
  int y = 0, m = 0, d = 0;
  if (parts.size() == 3 && parts[0] >= 1900) {
    y = parts[0], m = parts[1], d = parts[2];
  } else if (parts.size() == 3 && parts[2] >= 1900) {
    d = parts[0], m = parts[1], y = parts[2];
  } else if (parts.size() == 2) {  // Hungarian "05.12." month and day
    m = parts[0], d = parts[1];
  } else {
    return "";
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || (y != 0 && y > 2200)) return "";
  char buf[32];
  if (y == 0) {
    std::snprintf(buf, sizeof(buf), "--%02d-%02d", m, d);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

// Folded month names and their usual forms, by month number.
const std::vector<std::vector<std::string>>& MonthForms() {
  static const auto* months = new std::vector<std::vector<std::string>>{
      {"januar", "styczen", "stycznia"},
      {"februar", "luty", "lutego"},
      {"marcius", "marzec", "marca"},
      {"aprilis", "kwiecien", "kwietnia"},
      {"majus", "maj", "maja"},
      {"junius", "czerwiec", "czerwca"},
      {"julius", "lipiec", "lipca"},
      {"augusztus", "sierpien", "sierpnia"},
      {"szeptember", "wrzesien", "wrzesnia"},
      {"oktober", "pazdziernik", "pazdziernika"},
      {"november", "listopad", "listopada"},
      {"december", "grudzien", "grudnia"}};
  return *months;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>&
DayWords() {
  static const auto* days =
      new std::vector<std::pair<std::string, std::vector<std::string>>>{
          {"monday", {"hetfo", "poniedzialek"}},
          {"tuesday", {"kedd", "wtorek"}},
          {"wednesday", {"szerda", "sroda", "srode"}},
          {"thursday", {"csutortok", "czwartek"}},
          {"friday", {"pentek", "piatek"}},
          {"saturday", {"szombat", "sobota", "sobote"}},
          {"sunday", {"vasarnap", "niedziela", "niedziele"}},
          {"today", {"ma", "ma.", "dzisiaj", "dzis"}},
          {"tomorrow", {"holnap", "jutro"}},
          {"yesterday", {"tegnap", "wczoraj"}},
          {"day_after_tomorrow", {"holnaputan", "pojutrze"}}};
  return *days;
}

// Folded month and day words, indexed for one lookup per token: exact forms
// by their text, and (for Hungarian endings: "májusban", "hétfőn") forms of
// at least four letters by their first four.
class DateWords {
 public:
  struct Word {
    int month;          // 1-12, or 0 for a day word
    std::string value;  // day words: "monday", "tomorrow", ...
  };

  static const DateWords& Get() {
    static const DateWords* words = new DateWords();
    return *words;
  }

  const Word* Find(const std::string& folded) const {
    if (auto it = exact_.find(folded); it != exact_.end()) return &it->second;
    if (folded.size() < 4) return nullptr;
    auto it = by_prefix_.find(folded.substr(0, 4));
    if (it == by_prefix_.end()) return nullptr;
    for (const auto& [form, word] : it->second) {
      if (folded.compare(0, form.size(), form) == 0) return &word;
    }
    return nullptr;
  }

 private:
  DateWords() {
    const auto& months = MonthForms();
    for (size_t m = 0; m < months.size(); ++m) {
      for (const std::string& form : months[m])
        Add(form, {static_cast<int>(m + 1), ""}, true);
    }
    for (const auto& [value, forms] : DayWords()) {
      // "ma" (today) must be exact: it begins many words.
      const bool prefix = value != "today";
      for (const std::string& form : forms) Add(form, {0, value}, prefix);
    }
  }
  void Add(const std::string& form, Word word, bool prefix) {
    exact_.emplace(form, word);
    if (prefix && form.size() >= 4)
      by_prefix_[form.substr(0, 4)].emplace_back(form, word);
  }

  std::unordered_map<std::string, Word> exact_;
  std::unordered_map<std::string, std::vector<std::pair<std::string, Word>>>
      by_prefix_;
};

int DayNumber(const Token& t) {
  if (t.kind != TokenKind::kNumber && t.kind != TokenKind::kCode) return 0;
  const std::string digits = DigitsOnly(t.norm);
  if (digits.empty() || digits.size() > 2 ||
      t.norm.find_first_of(",:") != std::string::npos)
    return 0;
  const int d = std::stoi(digits);
  return d >= 1 && d <= 31 ? d : 0;
}

void AddMention(const std::string& name, std::string value, const Analysis& a,
                size_t first, size_t last, std::vector<EntityMention>* out) {
  out->push_back({name, std::move(value), a.tokens[first].begin,
                  a.tokens[last - 1].end, first, last});
}

// Dates written with words: month names (with a day before or after),
// weekdays and today/tomorrow/yesterday.
void FindWordDates(const Analysis& a, std::vector<EntityMention>* out) {
  const auto& tokens = a.tokens;
  const DateWords& words = DateWords::Get();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord) continue;
    const DateWords::Word* word = words.Find(tokens[i].folded);
    if (word == nullptr) continue;
    if (word->month == 0) {
      AddMention("date", word->value, a, i, i + 1, out);
      continue;
    }
    char buf[16];
    if (i + 1 < tokens.size() && DayNumber(tokens[i + 1])) {  // május 5(-én)
      std::snprintf(buf, sizeof(buf), "--%02d-%02d", word->month,
                    DayNumber(tokens[i + 1]));
      const bool suffix = i + 2 < tokens.size() &&
                          tokens[i + 2].begin == tokens[i + 1].end + 1 &&
                          tokens[i + 2].kind == TokenKind::kWord &&
                          tokens[i + 2].norm.size() <= 4;
      AddMention("date", buf, a, i, suffix ? i + 3 : i + 2, out);
      ++i;
    } else if (i > 0 && DayNumber(tokens[i - 1])) {  // 5 maja
      std::snprintf(buf, sizeof(buf), "--%02d-%02d", word->month,
                    DayNumber(tokens[i - 1]));
      AddMention("date", buf, a, i - 1, i + 1, out);
    } else {
      std::snprintf(buf, sizeof(buf), "--%02d", word->month);
      AddMention("date", buf, a, i, i + 1, out);
    }
  }
}

bool HasDigit(std::string_view text) {
  for (char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// The token starting (or ending) exactly at byte `at`, or SIZE_MAX.
size_t TokenStartingAt(const std::vector<Token>& tokens, size_t at) {
  auto it = std::lower_bound(
      tokens.begin(), tokens.end(), at,
      [](const Token& t, size_t pos) { return t.begin < pos; });
  return it != tokens.end() && it->begin == at
             ? static_cast<size_t>(it - tokens.begin())
             : SIZE_MAX;
}
size_t TokenEndingAt(const std::vector<Token>& tokens, size_t at) {
  auto it =
      std::lower_bound(tokens.begin(), tokens.end(), at,
                       [](const Token& t, size_t pos) { return t.end < pos; });
  return it != tokens.end() && it->end == at
             ? static_cast<size_t>(it - tokens.begin())
             : SIZE_MAX;
}

}  // namespace

struct EntityExtractor::Regex {
  std::string name;
  std::unique_ptr<RE2> re;
  Normalizer normalize;  // empty result: not this entity after all
  bool needs_digit;  // built-ins all contain a digit: skip texts without one
};

EntityExtractor::EntityExtractor() = default;
EntityExtractor::~EntityExtractor() = default;

const std::vector<BuiltinEntity>& BuiltinEntities() {
  static const auto* table = new std::vector<BuiltinEntity>{
      {"number", "5", "2", "2"},
      {"email", "jan@example.com", "kovacs.anna@example.com",
       "anna.nowak@example.com"},
      {"url", "https://example.com", "https://example.com",
       "https://example.com"},
      {"phone", "+36301234567", "+36 30 123 4567", "+48 601 234 567"},
      {"order_number", "#123456", "#123456", "#123456"},
      {"money", "100 Ft", "2500 Ft", "120 zł"},
      {"postal_code", "00-950", "1051", "00-950"},
      {"date", "2023.05.01", "2024.05.01.", "01.05.2024"},
  };
  return *table;
}

const BuiltinEntity* FindBuiltinEntity(std::string_view name) {
  for (const BuiltinEntity& e : BuiltinEntities()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string_view EntityExample(std::string_view name, Lang lang) {
  const BuiltinEntity* e = FindBuiltinEntity(name);
  if (e == nullptr) return {};
  return lang == Lang::kPl ? e->example_pl : e->example_hu;
}

std::string BareEntityValue(std::string_view entity, Lang lang,
                            std::string_view text) {
  // The message without surrounding spaces and end punctuation.
  while (!text.empty() && (text.back() == ' ' || text.back() == '.' ||
                           text.back() == '!' || text.back() == '\n'))
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return "";  // letters or other marks: not a bare value
    }
  }
  if (entity == "postal_code") {
    // Hungarian: four digits, the first not 0. Polish: five ("00950",
    // "00 950"), written back with the hyphen.
    if (lang == Lang::kHu && digits.size() == 4 && digits[0] != '0' &&
        digits.size() == text.size())
      return digits;
    if (lang == Lang::kPl && digits.size() == 5)
      return digits.substr(0, 2) + "-" + digits.substr(2);
  }
  return "";
}

Status EntityExtractor::Create(const std::vector<EntityDef>& custom,
                               const std::string& order_number_regex,
                               std::unique_ptr<EntityExtractor>* extractor) {
  std::unique_ptr<EntityExtractor> e(new EntityExtractor());
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  auto add = [&](const std::string& name, const std::string& pattern,
                 Normalizer normalize, const std::string& where) -> Status {
    const bool builtin = where.empty() || where == "settings: ";
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) {
      return Status::InvalidArgument(where + "entity '" + name +
                                     "': bad regex: " + re->error());
    }
    e->regexes_.push_back(std::make_unique<Regex>(
        Regex{name, std::move(re), std::move(normalize), builtin}));
    return Status::Ok();
  };
  const std::string sep = "[ \\-/]?";
  Status s = add("phone",
                 "(?:\\+36|0036|06)" + sep + "[1-9][0-9]?" + sep + "[0-9]{3}" +
                     sep + "[0-9]{3,4}",
                 NormalizePhone, "");
  if (s.ok()) {
    s = add(
        "phone",
        "(?:(?:\\+48|0048)[ \\-]?)?[1-9][0-9]{2}[ \\-][0-9]{3}[ \\-][0-9]{3}",
        NormalizePhone, "");
  }
  if (s.ok()) s = add("phone", "(?:\\+48|0048)[0-9]{9}", NormalizePhone, "");
  if (s.ok()) {
    s = add("money",
            "[0-9][0-9 .,]*[0-9]? "
            "?(?i:ft|huf|forint[a-z]*|zł|zl|pln|złot[a-z]*|zlot[a-z]*)",
            NormalizeMoney, "");
  }
  if (s.ok())
    s = add(
        "postal_code", "[0-9]{2}-[0-9]{3}",
        [](const std::string& m) { return m; }, "");
  if (s.ok()) {
    s = add(
        "postal_code", "[1-9][0-9]{3} [A-ZÁÉÍÓÖŐÚÜŰ][a-záéíóöőúüű]+",
        [](const std::string& m) { return m.substr(0, 4); }, "");
  }
  if (s.ok()) {
    s = add("date",
            "[0-9]{4}[.\\-/][0-9]{1,2}[.\\-/][0-9]{1,2}\\.?|[0-9]{1,2}[.\\-/"
            "][0-9]{1,2}[.\\-/][0-9]{4}"
            "|[0-9]{1,2}\\.[0-9]{1,2}\\.",
            NormalizeNumericDate, "");
  }
  if (s.ok())
    s = add("order_number", order_number_regex, DigitsOnly, "settings: ");
  for (const EntityDef& def : custom) {
    if (!s.ok()) break;
    s = add(
        def.name, def.regex, [](const std::string& m) { return m; },
        def.where.ToString() + ": ");
  }
  if (!s.ok()) return s;
  *extractor = std::move(e);
  return Status::Ok();
}

bool EntityExtractor::Defined(const std::string& name) const {
  if (FindBuiltinEntity(name) != nullptr) return true;
  for (const auto& r : regexes_) {
    if (r->name == name) return true;
  }
  return false;
}

namespace {

// The next match of `re` at or after *pos, found within a window of
// kRegexWindowBytes, then taken whole from its start (at most
// kMaxEntityMatchBytes). Each call reads at most two windows, so a
// message costs O(bytes + matches x window) per regex, whatever the regex:
// searching to the end of the message from every match ("A[^#]*#|A" on 64
// KiB of "A") was quadratic. *pos moves past the match.
bool NextRegexMatch(const RE2& re, const re2::StringPiece& input, size_t* pos,
                    re2::StringPiece* match) {
  const size_t n = input.size();
  while (*pos <= n) {
    const size_t end = std::min(n, *pos + kRegexWindowBytes);
    if (!re.Match(input, *pos, end, RE2::UNANCHORED, match, 1)) {
      if (end == n) return false;
      // A match that starts in the window's last kMaxEntityMatchBytes may
      // go on past its end: look there again.
      *pos = end - kMaxEntityMatchBytes;
      continue;
    }
    const size_t b = static_cast<size_t>(match->data() - input.data());
    re2::StringPiece whole;
    if (re.Match(input, b, std::min(n, b + kMaxEntityMatchBytes),
                 RE2::ANCHOR_START, &whole, 1)) {
      *match = whole;
    }
    *pos = std::max(b + match->size(), b + 1);
    return true;
  }
  return false;
}

}  // namespace

void EntityExtractor::Extract(std::string_view text, const Analysis& analysis,
                              std::vector<EntityMention>* mentions) const {
  mentions->clear();
  const auto& tokens = analysis.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kNumber)
      AddMention("number", NormalizeNumber(t.norm), analysis, i, i + 1,
                 mentions);
    if (t.kind == TokenKind::kEmail)
      AddMention("email", t.norm, analysis, i, i + 1, mentions);
    if (t.kind == TokenKind::kUrl) {
      AddMention("url", std::string(text.substr(t.begin, t.end - t.begin)),
                 analysis, i, i + 1, mentions);
    }
  }
  FindWordDates(analysis, mentions);
  if (tokens.empty()) return;
  // Regex mentions must cover whole tokens.
  const bool digits = HasDigit(text);
  const re2::StringPiece input(text.data(), text.size());
  for (const auto& regex : regexes_) {
    if (regex->needs_digit && !digits) continue;
    size_t pos = 0;
    re2::StringPiece match;
    while (NextRegexMatch(*regex->re, input, &pos, &match)) {
      const size_t b = static_cast<size_t>(match.data() - text.data());
      size_t e = b + match.size();
      while (e > b && (text[e - 1] == ' ' || text[e - 1] == '.'))
        --e;  // trailing separators
      pos = std::max(b + match.size(), b + 1);
      const size_t first = e == b ? SIZE_MAX : TokenStartingAt(tokens, b);
      if (first == SIZE_MAX) continue;
      size_t last = TokenEndingAt(tokens, e);
      if (last == SIZE_MAX && e < text.size() && text[e] == '.') {
        last = TokenEndingAt(tokens, e + 1);  // "01.05." ends with its dot
      }
      if (last == SIZE_MAX || last < first) continue;
      std::string value = regex->normalize(std::string(text.substr(b, e - b)));
      if (value.empty()) continue;
      AddMention(regex->name, std::move(value), analysis, first, last + 1,
                 mentions);
    }
  }
  std::stable_sort(mentions->begin(), mentions->end(),
                   [](const EntityMention& a, const EntityMention& b) {
                     return a.begin < b.begin;
                   });
}

}  // namespace libbot::internal
