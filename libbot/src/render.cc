// Copyright 2026 The libbot Authors.
#include "render.h"

namespace libbot::internal {
namespace {

// Calls on_text for literal parts and on_name for {name}s, left to right.
template <typename OnText, typename OnName>
void ScanTemplate(const std::string& text, OnText on_text, OnName on_name) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      on_text(std::string(1, c));
      i += 2;
      continue;
    }
    if (c == '{') {
      const size_t close = text.find('}', i + 1);
      if (close != std::string::npos) {
        on_name(text.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    on_text(std::string(1, c));
    ++i;
  }
}

}  // namespace

std::string RenderTemplate(const std::string& text,
                           const std::map<std::string, std::string>& vars,
                           std::vector<std::string>* missing) {
  std::string out;
  ScanTemplate(
      text, [&](const std::string& literal) { out += literal; },
      [&](const std::string& name) {
        auto it = vars.find(name);
        if (it != vars.end()) {
          out += it->second;
        } else if (missing) {
          missing->push_back(name);
        }
      });
  return out;
}

std::vector<std::string> TemplatePlaceholders(const std::string& text) {
  std::vector<std::string> names;
  ScanTemplate(
      text, [](const std::string&) {},
      [&](const std::string& name) { names.push_back(name); });
  return names;
}

}  // namespace libbot::internal
