// Copyright 2026 The libbot Authors.
#include "match/pattern.h"

#include "util/thread_scratch.h"

#include <algorithm>
#include <memory>

// Keeps a function's locals out of the frames of the recursive descent.
#define LIBBOT_OUT_OF_LINE __attribute__((noinline))

namespace libbot::internal {
namespace {

constexpr size_t kMaxPatternBytes = 4096;
constexpr size_t kMaxInstructions = 20000;  // after concepts are expanded
constexpr int kMaxConceptDepth = 16;
// Brackets, sets and concepts inside each other, all counted: the parser
// and everything that walks its tree recurse once per level, so this bounds
// their stack use whatever the caller's stack is. The functions on the
// recursive path keep small frames (the leaf parsers and the error texts
// are out of line, LIBBOT_OUT_OF_LINE): 32 levels fit a 256 KB thread stack
// even under AddressSanitizer (hostile_input_test, fuzz_rules).
constexpr int kMaxNestingDepth = 32;
// Parsed elements, concepts expanded: checked while expanding, so a small
// "concept bomb" (each concept repeating the next one 8 times) fails after
// this many, not after billions. A program needs about one instruction per
// element, so kMaxInstructions would refuse it anyway.
constexpr size_t kMaxParsedNodes = 2 * kMaxInstructions;
constexpr int kMaxBoundedWildcard = 20;
constexpr size_t kMaxRequiredElements = 64;

// The parsed pattern.
struct Node {
  enum Kind { kToken, kSeq, kAlt, kOpt, kStar, kSet, kNot } kind;
  uint32_t predicate = 0;  // kToken; kStar: predicate or kAnyPredicate
  int max = -1;            // kStar: at most this many tokens (-1: any)
  std::vector<std::unique_ptr<Node>> children;
  // A branch of an alternative, as the editor wrote it ("ile * środków"),
  // and the concept it is an item of ("saldo"), if any: views into texts
  // that outlive the compilation (the pattern, the concepts' items). Named
  // by lint when a <...> set weakens the branch (BranchLabel).
  std::string_view branch;
  std::string_view concept_name;
};
constexpr uint32_t kAnyPredicate = UINT32_MAX;

std::string_view Trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) return "";
  return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

// "'ile * środków' (concept @saldo)", or "'szállítási cím'".
std::string BranchLabel(const Node& node) {
  std::string label = "'" + std::string(node.branch) + "'";
  if (!node.concept_name.empty())
    label += " (concept @" + std::string(node.concept_name) + ")";
  return label;
}

bool IsSpecial(char c) {
  switch (c) {
    case '*':
    case '[':
    case ']':
    case '(':
    case ')':
    case '|':
    case '@':
    case '$':
    case '!':
    case '<':
    case '>':
    case '"':
    case '^':
      return true;
    default:
      return false;
  }
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

std::unique_ptr<Node> MakeNode(Node::Kind kind) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  return node;
}

// Shared by a pattern's parser and the parsers of the concepts it expands.
struct ParseState {
  std::vector<std::string> concept_stack;  // the concepts being expanded
  size_t nodes = 0;                        // elements parsed so far
  bool too_large = false;                  // kMaxParsedNodes was reached
};

class Parser {
 public:
  Parser(const std::string& text, const PatternContext& context,
         ParseState* state, int depth)
      : text_(text), context_(context), state_(state), depth_(depth) {}

  // Parses the whole text as a sequence. `*anchored_*` report ^ and $.
  std::unique_ptr<Node> ParseAll(bool* anchored_start, bool* anchored_end,
                                 PatternError* error) {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == '^') {
      *anchored_start = true;
      ++pos_;
    }
    auto seq = ParseSeq(/*closer=*/'\0');
    if (seq && pos_ < text_.size() && text_[pos_] == '$') {
      *anchored_end = true;
      ++pos_;
      SkipSpaces();
      if (pos_ < text_.size())
        Fail("'$' ends a pattern; nothing may follow it");
    }
    if (seq && pos_ < text_.size()) FailUnexpected("");
    if (failed_) {
      *error = error_;
      return nullptr;
    }
    return seq;
  }

 private:
  LIBBOT_OUT_OF_LINE void Fail(const std::string& message) {
    if (failed_) return;
    failed_ = true;
    error_ = {pos_, message};
  }
  // A new element of the tree, counted against kMaxParsedNodes.
  LIBBOT_OUT_OF_LINE std::unique_ptr<Node> NewNode(Node::Kind kind) {
    if (++state_->nodes > kMaxParsedNodes && !state_->too_large) {
      state_->too_large = true;
      FailTooLarge();
    }
    return MakeNode(kind);
  }
  LIBBOT_OUT_OF_LINE void FailTooLarge() {
    Fail("pattern too large once its concepts are expanded (more than " +
         std::to_string(kMaxParsedNodes) + " elements)");
  }

  LIBBOT_OUT_OF_LINE void FailNotClosed(char open, char close) {
    Fail(std::string("'") + open + "' is not closed by '" + close + "'");
  }
  LIBBOT_OUT_OF_LINE void FailUnexpected(const char* where) {
    Fail(std::string("unexpected '") + text_[pos_] + "'" + where);
  }

  // One level deeper (a bracket, a set, a concept); false, with an error,
  // past kMaxNestingDepth. Every Enter() that succeeds is paired with
  // Leave().
  LIBBOT_OUT_OF_LINE bool Enter() {
    if (depth_ >= kMaxNestingDepth) {
      Fail("brackets, sets and concepts nested more than " +
           std::to_string(kMaxNestingDepth) + " levels deep");
      return false;
    }
    ++depth_;
    return true;
  }
  void Leave() { --depth_; }

  void SkipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t'))
      ++pos_;
  }

  // Items until `closer` (or '|' inside alternatives, or the end). Any
  // closing bracket stops a sequence, not only the expected one: the caller
  // then reports the mismatch at its place ("expected ')'").
  std::unique_ptr<Node> ParseSeq(char closer) {
    auto seq = NewNode(Node::kSeq);
    while (!failed_) {
      SkipSpaces();
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_];
      if (c == closer || c == '|' || c == ')' || c == ']' || c == '>') break;
      if (c == '$' &&
          (pos_ + 1 >= text_.size() || !IsNameChar(text_[pos_ + 1])))
        break;
      ParseItem(seq.get());
    }
    return seq;
  }

  void ParseItem(Node* seq) {
    const char c = text_[pos_];
    switch (c) {
      case '*':
        return ParseStar(seq);
      case '[':
        return ParseGroup(seq, '[', ']');
      case '(':
        return ParseGroup(seq, '(', ')');
      case '@':
        return ParseConcept(seq);
      case '$':
        return ParseEntity(seq);
      case '!':
        return ParseNot(seq);
      case '<':
        return ParseSet(seq);
      case '"':
        return ParseExact(seq);
      case '^':
        return Fail("'^' may only start a pattern");
      default:
        return ParseWords(seq);
    }
  }

  LIBBOT_OUT_OF_LINE void ParseStar(Node* seq) {
    ++pos_;
    auto star = NewNode(Node::kStar);
    star->predicate = kAnyPredicate;
    if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      int n = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' &&
             n <= 1000) {
        n = n * 10 + (text_[pos_++] - '0');
      }
      if (n < 1 || n > kMaxBoundedWildcard) {
        return Fail("a bounded wildcard is *1 to *" +
                    std::to_string(kMaxBoundedWildcard));
      }
      star->max = n;
    }
    seq->children.push_back(std::move(star));
  }

  void ParseGroup(Node* seq, char open, char close) {
    const size_t start = pos_++;
    if (!Enter()) return;
    auto alt = NewNode(Node::kAlt);
    while (!failed_) {
      const size_t branch_start = pos_;
      alt->children.push_back(ParseSeq(close));
      alt->children.back()->branch = Trimmed(
          std::string_view(text_).substr(branch_start, pos_ - branch_start));
      if (pos_ < text_.size() && text_[pos_] == '|') {
        ++pos_;
        continue;
      }
      break;
    }
    Leave();
    if (failed_) return;
    if (pos_ >= text_.size() || text_[pos_] != close) {
      pos_ = start;
      return FailNotClosed(open, close);
    }
    ++pos_;
    for (const auto& branch : alt->children) {
      if (branch->children.empty() && open == '(') {
        pos_ = start;
        return Fail(
            "an empty alternative: write [a | b] for an optional choice");
      }
    }
    if (open == '[') {
      auto opt = NewNode(Node::kOpt);
      opt->children.push_back(std::move(alt));
      seq->children.push_back(std::move(opt));
    } else {
      seq->children.push_back(std::move(alt));
    }
  }

  LIBBOT_OUT_OF_LINE std::string ReadName() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  void ParseConcept(Node* seq) {
    const size_t start = pos_++;
    const std::string name = ReadName();
    if (name.empty()) return Fail("'@' must be followed by a concept name");
    // The name as a view into the pattern, which outlives the parse tree.
    auto node = ExpandConcept(
        name, std::string_view(text_).substr(start + 1, name.size()), start);
    if (node) seq->children.push_back(std::move(node));
  }

  // A concept is expanded in place, as alternatives of its items (each a
  // pattern itself). The stack of concepts being expanded catches cycles
  // (@a uses @b uses @a) and bounds the depth; errors point at the '@'.
  std::unique_ptr<Node> ExpandConcept(const std::string& name,
                                      std::string_view name_in_text,
                                      size_t at) {
    const std::vector<std::string>* items =
        context_.concept_items ? context_.concept_items(name) : nullptr;
    if (items == nullptr) {
      pos_ = at;
      Fail("unknown concept '@" + name + "'");
      return nullptr;
    }
    std::vector<std::string>& stack = state_->concept_stack;
    if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
      pos_ = at;
      Fail("concept '@" + name + "' refers to itself");
      return nullptr;
    }
    if (stack.size() >= kMaxConceptDepth) {
      pos_ = at;
      Fail("concepts nested more than " + std::to_string(kMaxConceptDepth) +
           " levels deep (@" + stack.front() + " uses @" + stack[1] +
           " ... uses @" + name + ")");
      return nullptr;
    }
    if (!Enter()) {
      pos_ = at;
      return nullptr;
    }
    stack.push_back(name);
    auto alt = NewNode(Node::kAlt);
    for (const std::string& item : *items) {
      if (item.size() > kMaxPatternBytes) {
        pos_ = at;
        Fail("in concept '@" + name + "', an item longer than " +
             std::to_string(kMaxPatternBytes) + " bytes");
        break;
      }
      Parser inner(item, context_, state_, depth_);
      bool a = false, b = false;
      PatternError inner_error;
      auto parsed = inner.ParseAll(&a, &b, &inner_error);
      if (state_->too_large) {
        // Said once, by the outermost parser, not once per concept level.
        failed_ = false;
        pos_ = at;
        FailTooLarge();
        break;
      }
      if (!parsed || a || b) {
        pos_ = at;
        Fail("in concept '@" + name + "', item '" + item + "': " +
             (parsed ? "anchors are not allowed in concepts"
                     : inner_error.message));
        break;
      }
      if (!parsed->children.empty()) {
        parsed->branch = item;
        parsed->concept_name = name_in_text;
        alt->children.push_back(std::move(parsed));
      }
    }
    stack.pop_back();
    Leave();
    if (failed_) return nullptr;
    if (alt->children.empty()) {
      pos_ = at;
      Fail("concept '@" + name + "' has no items");
      return nullptr;
    }
    return alt;
  }

  LIBBOT_OUT_OF_LINE void ParseEntity(Node* seq) {
    const size_t start = pos_++;
    const std::string name = ReadName();
    if (!context_.entity_defined || !context_.entity_defined(name)) {
      pos_ = start;
      return Fail("unknown entity '$" + name + "'");
    }
    seq->children.push_back(EntityNode(name));
  }

  std::unique_ptr<Node> EntityNode(const std::string& name) {
    auto entity = NewNode(Node::kSeq);
    auto first = NewNode(Node::kToken);
    first->predicate = Predicate({context_.symbols->Intern('e', name)});
    auto rest = NewNode(Node::kStar);
    rest->predicate = Predicate({context_.symbols->Intern('c', name)});
    entity->children.push_back(std::move(first));
    entity->children.push_back(std::move(rest));
    return entity;
  }

  LIBBOT_OUT_OF_LINE void ParseNot(Node* seq) {
    const size_t start = pos_++;
    std::vector<SymbolId> symbols;
    if (!ReadWordSymbols(&symbols) || symbols.size() != 1) {
      pos_ = start;
      return Fail("'!' must be followed by one word");
    }
    auto node = NewNode(Node::kNot);
    node->predicate = Predicate(symbols);
    seq->children.push_back(std::move(node));
  }

  // Symbols of the single word at pos_ (lemma keys).
  LIBBOT_OUT_OF_LINE bool ReadWordSymbols(std::vector<SymbolId>* symbols) {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && !IsSpecial(text_[pos_]))
      ++pos_;
    for (const Token& t : Analyze(text_.substr(start, pos_ - start))) {
      symbols->push_back(WordSymbol(t));
    }
    return !symbols->empty();
  }

  void ParseSet(Node* seq) {
    const size_t start = pos_++;
    if (!Enter()) return;
    auto set = NewNode(Node::kSet);
    ParseSetItems(start, set.get());
    Leave();
    if (failed_) return;
    if (set->children.empty()) {
      pos_ = start;
      return Fail("an empty <...> set");
    }
    seq->children.push_back(std::move(set));
  }

  void ParseSetItems(size_t start, Node* set) {
    while (!failed_) {
      SkipSpaces();
      if (pos_ >= text_.size()) {
        pos_ = start;
        return Fail("'<' is not closed by '>'");
      }
      if (text_[pos_] == '>') {
        ++pos_;
        break;
      }
      auto item = ParseSeq('>');
      if (failed_) return;
      if (item->children.empty()) {
        return FailUnexpected(" in <...>");
      }
      for (auto& child : item->children)
        set->children.push_back(std::move(child));
    }
  }

  LIBBOT_OUT_OF_LINE void ParseExact(Node* seq) {
    const size_t start = pos_++;
    const size_t close = text_.find('"', pos_);
    if (close == std::string::npos) return Fail("'\"' is not closed");
    const std::vector<Token> tokens = Analyze(text_.substr(pos_, close - pos_));
    pos_ = close + 1;
    if (tokens.empty()) {
      pos_ = start;
      return Fail("an empty \"...\"");
    }
    for (const Token& t : tokens) {
      auto node = NewNode(Node::kToken);
      node->predicate = Predicate({context_.symbols->Intern('f', t.folded)});
      seq->children.push_back(std::move(node));
    }
  }

  LIBBOT_OUT_OF_LINE void ParseWords(Node* seq) {
    const size_t start = pos_;
    while (pos_ < text_.size() && !IsSpecial(text_[pos_])) ++pos_;
    for (const Token& t : Analyze(text_.substr(start, pos_ - start))) {
      auto node = NewNode(Node::kToken);
      // Editors write dictionary forms: when the word as written is itself one
      // of its possible lemmas, that lemma counts too. "megszüntet" has key
      // "megszunte" but also the lemma "megszuntet", which a customer's
      // "megszüntetném" gets. Other alternatives would over-match ("töröl"
      // could also be "tó"+"ról").
      std::vector<SymbolId> symbols = {WordSymbol(t)};
      if (t.kind == TokenKind::kWord && t.folded != t.key &&
          std::find(t.alt_keys.begin(), t.alt_keys.end(), t.folded) !=
              t.alt_keys.end()) {
        symbols.push_back(context_.symbols->Intern('w', t.folded));
      }
      node->predicate = Predicate(std::move(symbols));
      seq->children.push_back(std::move(node));
    }
  }

  std::vector<Token> Analyze(const std::string& words) const {
    return context_.analyzer->Analyze(words, context_.lang).tokens;
  }

  SymbolId WordSymbol(const Token& t) const {
    // Words match on their lemma key; anything else (numbers, symbols) on
    // its exact form.
    return t.kind == TokenKind::kWord ? context_.symbols->Intern('w', t.key)
                                      : context_.symbols->Intern('f', t.folded);
  }

  uint32_t Predicate(std::vector<SymbolId> symbols) {
    return context_.predicates->Intern(std::move(symbols));
  }

  const std::string& text_;
  const PatternContext& context_;
  ParseState* state_;
  int depth_;  // levels of nesting around this parser's text
  size_t pos_ = 0;
  bool failed_ = false;
  PatternError error_;
};

void Required(const Node& node, const PredicateTable& predicates,
              Requirements* out, std::vector<std::string>* weakened);

// Turns the parsed pattern into instructions for a Thompson NFA (as in RE2
// and Russ Cox's "Regular Expression Matching: the Virtual Machine
// Approach"): kToken consumes a token that has the predicate's symbols,
// kSplit forks, kJmp jumps. Running all threads in lockstep keeps matching
// linear in the message, whatever the pattern.
class Compiler {
 public:
  Compiler(PatternProgram* program, const PredicateTable& predicates)
      : program_(program), predicates_(predicates) {}

  // False when the program would exceed kMaxInstructions (a concept bomb).
  bool Emit(const Node& node) {
    if (program_->insts.size() > kMaxInstructions) return false;
    switch (node.kind) {
      case Node::kToken:
        program_->insts.push_back({Inst::kToken, node.predicate, 0});
        break;
      case Node::kSeq:
        for (const auto& child : node.children) {
          if (!Emit(*child)) return false;
        }
        break;
      case Node::kAlt: {
        // split L1, L2; L1: a; jmp end; L2: split ...; last: z; end:
        std::vector<size_t> jumps;
        for (size_t i = 0; i < node.children.size(); ++i) {
          if (i + 1 < node.children.size()) {
            const size_t split = program_->insts.size();
            program_->insts.push_back(
                {Inst::kSplit, static_cast<uint32_t>(split + 1), 0});
            if (!Emit(*node.children[i])) return false;
            jumps.push_back(program_->insts.size());
            program_->insts.push_back({Inst::kJmp, 0, 0});
            program_->insts[split].y =
                static_cast<uint32_t>(program_->insts.size());
          } else if (!Emit(*node.children[i])) {
            return false;
          }
        }
        for (size_t j : jumps)
          program_->insts[j].x = static_cast<uint32_t>(program_->insts.size());
        break;
      }
      case Node::kOpt: {
        const size_t split = program_->insts.size();
        program_->insts.push_back(
            {Inst::kSplit, static_cast<uint32_t>(split + 1), 0});
        if (!Emit(*node.children[0])) return false;
        program_->insts[split].y =
            static_cast<uint32_t>(program_->insts.size());
        break;
      }
      case Node::kStar:
        EmitStar(node);
        break;
      case Node::kSet: {
        // Order-free: a check of the whole message where the set stands,
        // so that a set inside ( | ) or a concept needs all its words.
        Requirements elements;
        for (const auto& c : node.children)
          Required(*c, predicates_, &elements, &program_->loose_set_items);
        program_->insts.push_back({Inst::kAssertSet,
                                   static_cast<uint32_t>(program_->sets.size()),
                                   0});
        program_->sets.push_back(std::move(elements));
        break;
      }
      case Node::kNot:
        break;  // a message-level constraint, checked through `forbidden`
    }
    return true;
  }

 private:
  void EmitTokenOrAny(uint32_t predicate) {
    if (predicate == kAnyPredicate) {
      program_->insts.push_back({Inst::kAny, 0, 0});
    } else {
      program_->insts.push_back({Inst::kToken, predicate, 0});
    }
  }

  // `*`: a loop (split body, out; body; jmp split). `*N`: N optional
  // tokens, each a split that may skip to the end.
  void EmitStar(const Node& node) {
    auto& insts = program_->insts;
    if (node.max < 0) {
      const size_t loop = insts.size();
      insts.push_back({Inst::kSplit, static_cast<uint32_t>(loop + 1), 0});
      EmitTokenOrAny(node.predicate);
      insts.push_back({Inst::kJmp, static_cast<uint32_t>(loop), 0});
      insts[loop].y = static_cast<uint32_t>(insts.size());
      return;
    }
    std::vector<size_t> splits;
    for (int i = 0; i < node.max; ++i) {
      splits.push_back(insts.size());
      insts.push_back(
          {Inst::kSplit, static_cast<uint32_t>(insts.size() + 1), 0});
      EmitTokenOrAny(node.predicate);
    }
    for (size_t s : splits) insts[s].y = static_cast<uint32_t>(insts.size());
  }

  PatternProgram* program_;
  const PredicateTable& predicates_;
};

// The least number of tokens the node always matches with a literal.
int Specificity(const Node& node) {
  switch (node.kind) {
    case Node::kToken:
      return 1;
    case Node::kSeq: {
      int sum = 0;
      for (const auto& c : node.children) sum += Specificity(*c);
      return sum;
    }
    case Node::kAlt: {
      int best = INT32_MAX;
      for (const auto& c : node.children)
        best = std::min(best, Specificity(*c));
      return node.children.empty() ? 0 : best;
    }
    case Node::kSet:
      return static_cast<int>(node.children.size());
    default:
      return 0;
  }
}

int Wildcards(const Node& node) {
  int n = node.kind == Node::kStar && node.predicate == kAnyPredicate ? 1 : 0;
  for (const auto& c : node.children) n += Wildcards(*c);
  return n;
}

// Elements that must occur in the message (each: any of a set of symbols).
// `weakened` (may be null) gets the label (BranchLabel) of each branch of an
// alternative that needs more than its first element, which the result
// drops: fine for a prefilter, a loss inside a <...> set (see Emit).
void Required(const Node& node, const PredicateTable& predicates,
              Requirements* out, std::vector<std::string>* weakened) {
  switch (node.kind) {
    case Node::kToken:
      out->push_back(predicates[node.predicate]);
      break;
    case Node::kSeq:
    case Node::kSet:
      for (const auto& c : node.children)
        Required(*c, predicates, out, weakened);
      break;
    case Node::kAlt: {
      // One branch must match: the union of each branch's first requirement.
      std::vector<SymbolId> any;
      for (const auto& c : node.children) {
        Requirements branch;
        Required(*c, predicates, &branch, weakened);
        if (weakened != nullptr && branch.size() > 1 && !c->branch.empty())
          weakened->push_back(BranchLabel(*c));
        if (branch.empty()) return;  // a branch with no requirement
        any.insert(any.end(), branch[0].begin(), branch[0].end());
      }
      std::sort(any.begin(), any.end());
      any.erase(std::unique(any.begin(), any.end()), any.end());
      if (!any.empty()) out->push_back(std::move(any));
      break;
    }
    default:
      break;
  }
}

void Forbidden(const Node& node, const PredicateTable& predicates,
               std::vector<SymbolId>* out) {
  if (node.kind == Node::kNot) {
    const auto& p = predicates[node.predicate];
    out->insert(out->end(), p.begin(), p.end());
  }
  for (const auto& c : node.children) Forbidden(*c, predicates, out);
}

}  // namespace

bool CompilePattern(const std::string& text, const PatternContext& context,
                    PatternProgram* program, PatternError* error) {
  *program = PatternProgram();
  if (text.size() > kMaxPatternBytes) {
    *error = {0, "pattern longer than " + std::to_string(kMaxPatternBytes) +
                     " bytes"};
    return false;
  }
  size_t start = 0;
  while (start < text.size() && text[start] == ' ') ++start;
  if (text.compare(start, 3, "re:") == 0) {
    std::string regex = text.substr(start + 3);
    if (regex.size() >= 2 && regex.front() == '/' && regex.back() == '/') {
      regex = regex.substr(1, regex.size() - 2);
    }
    if (regex.empty()) {
      *error = {start, "empty regex after re:"};
      return false;
    }
    program->raw_regex_text = regex;  // the matcher compiles and numbers it
    program->specificity = 1;
    return true;
  }
  ParseState state;
  Parser parser(text, context, &state, /*depth=*/0);
  bool anchored_end = false;
  auto root = parser.ParseAll(&program->anchored_start, &anchored_end, error);
  if (!root) return false;
  const auto& predicates = *context.predicates;
  Compiler compiler(program, predicates);
  if (!compiler.Emit(*root)) {
    *error = {0, "pattern too large once its concepts are expanded"};
    return false;
  }
  if (anchored_end) program->insts.push_back({Inst::kAssertEnd, 0, 0});
  program->insts.push_back({Inst::kMatch, 0, 0});
  program->specificity = Specificity(*root);
  program->wildcards = Wildcards(*root);
  Required(*root, predicates, &program->required, nullptr);
  // The prefilter keeps what fits its 64-bit mask; the program checks the
  // rest (a set of more than 64 words needs them all).
  if (program->required.size() > kMaxRequiredElements) {
    program->required.resize(kMaxRequiredElements);
  }
  Forbidden(*root, predicates, &program->forbidden);
  if (program->insts.size() == 1 && !anchored_end &&
      program->required.empty()) {
    *error = {0, "an empty pattern would match every message"};
    return false;
  }
  return true;
}

namespace {

bool TokenHas(const std::vector<SymbolId>& predicate,
              const std::vector<SymbolId>& token) {
  for (SymbolId p : predicate) {
    for (SymbolId t : token) {
      if (p == t) return true;
    }
  }
  return false;
}

// Whether each <...> set of a program holds in the message, worked out the
// first time a thread reaches it (0 unknown, 1 holds, 2 does not).
class SetChecks {
 public:
  // Each token looked at costs one unit of *steps.
  SetChecks(const PatternProgram& program,
            const std::vector<std::vector<SymbolId>>& token_symbols,
            std::vector<uint8_t>* state, size_t* steps)
      : program_(program),
        tokens_(token_symbols),
        state_(state),
        steps_(steps) {
    state_->assign(program.sets.size(), 0);
  }

  bool Holds(uint32_t set) {
    uint8_t& known = (*state_)[set];
    if (known == 0) known = AllPresent(program_.sets[set]) ? 1 : 2;
    return known == 1;
  }

 private:
  bool AllPresent(const Requirements& elements) const {
    for (const auto& element : elements) {
      bool found = false;
      for (const auto& token : tokens_) {
        ++*steps_;
        if (TokenHas(element, token)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  const PatternProgram& program_;
  const std::vector<std::vector<SymbolId>>& tokens_;
  std::vector<uint8_t>* state_;
  size_t* steps_;
};

// The NFA's live threads at one message position: instruction and the token
// where that thread's match began (for the hit's span).
struct ThreadList {
  std::vector<uint32_t> pcs;
  std::vector<uint32_t> starts;
  void clear() {
    pcs.clear();
    starts.clear();
  }
};

// Adds pc and everything reachable from it without consuming a token.
void AddThread(const PatternProgram& p, uint32_t pc, uint32_t start, size_t pos,
               size_t n, std::vector<uint32_t>* seen, uint32_t generation,
               ThreadList* list, std::vector<uint32_t>* stack, SetChecks* sets,
               size_t* steps) {
  stack->clear();
  stack->push_back(pc);
  while (!stack->empty()) {
    const uint32_t at = stack->back();
    stack->pop_back();
    ++*steps;
    if ((*seen)[at] == generation) continue;
    (*seen)[at] = generation;
    const Inst& inst = p.insts[at];
    switch (inst.op) {
      case Inst::kJmp:
        stack->push_back(inst.x);
        break;
      case Inst::kSplit:
        stack->push_back(inst.y);
        stack->push_back(inst.x);
        break;
      case Inst::kAssertEnd:
        if (pos == n) stack->push_back(at + 1);
        break;
      case Inst::kAssertSet:
        if (sets->Holds(inst.x)) stack->push_back(at + 1);
        break;
      default:
        list->pcs.push_back(at);
        list->starts.push_back(start);
        break;
    }
  }
}

}  // namespace

// Pike's VM: one pass over the tokens, each instruction at most once per
// position (`seen`), so the work is O(tokens × instructions). The first
// thread to reach kMatch wins: threads are kept in priority order, which
// gives the leftmost match.
bool RunProgram(const PatternProgram& program, const PredicateTable& predicates,
                const std::vector<std::vector<SymbolId>>& token_symbols,
                size_t* begin, size_t* end, size_t* budget) {
  const size_t n = token_symbols.size();
  // Reused between calls on this thread: no allocation per candidate.
  struct Lists {
    std::vector<uint32_t> seen, stack;
    ThreadList current, next;
    std::vector<uint8_t> set_state;
  };
  Lists& lists = ThreadLocal<Lists>();
  std::vector<uint32_t>& seen = lists.seen;
  std::vector<uint32_t>& stack = lists.stack;
  ThreadList& current = lists.current;
  ThreadList& next = lists.next;
  std::vector<uint8_t>& set_state = lists.set_state;
  size_t steps = 0;  // charged to *budget once per position
  SetChecks sets(program, token_symbols, &set_state, &steps);
  seen.assign(program.insts.size(), UINT32_MAX);
  current.clear();
  uint32_t generation = 0;
  for (size_t pos = 0; pos <= n; ++pos, ++generation) {
    steps += current.pcs.size();
    if (steps >= *budget) {
      *budget = 0;
      return false;
    }
    *budget -= steps;
    steps = 0;
    // Threads carried from the previous token were added under this
    // generation already (see below); start a new one here.
    if (!program.anchored_start || pos == 0) {
      AddThread(program, 0, static_cast<uint32_t>(pos), pos, n, &seen,
                generation, &current, &stack, &sets, &steps);
    }
    next.clear();
    for (size_t t = 0; t < current.pcs.size(); ++t) {
      const Inst& inst = program.insts[current.pcs[t]];
      if (inst.op == Inst::kMatch) {
        *begin = current.starts[t];
        *end = pos;
        return true;
      }
      if (pos == n) continue;
      if (inst.op == Inst::kAny ||
          (inst.op == Inst::kToken &&
           TokenHas(predicates[inst.x], token_symbols[pos]))) {
        AddThread(program, current.pcs[t] + 1, current.starts[t], pos + 1, n,
                  &seen, generation + 1, &next, &stack, &sets, &steps);
      }
    }
    std::swap(current, next);
  }
  return false;
}

}  // namespace libbot::internal
