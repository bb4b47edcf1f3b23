// Copyright 2026 The libbot Authors.
#include "engine/render.h"

#include <string_view>

namespace libbot::internal {
namespace {

// Calls on_text for literal runs and on_name for {name}s, left to right.
template <typename OnText, typename OnName>
void ScanTemplate(std::string_view text, OnText on_text, OnName on_name) {
  size_t i = 0;
  while (i < text.size()) {
    // A plain loop: string_view::find_first_of calls memchr on "{}" for
    // every character, and every reply's text passes through here.
    size_t special = i;
    while (special < text.size() && text[special] != '{' &&
           text[special] != '}') {
      ++special;
    }
    if (special == text.size()) {
      on_text(text.substr(i));
      return;
    }
    if (special > i) on_text(text.substr(i, special - i));
    i = special;
    const char c = text[i];
    if (i + 1 < text.size() && text[i + 1] == c) {  // "{{" or "}}"
      on_text(text.substr(i, 1));
      i += 2;
      continue;
    }
    if (c == '{') {
      const size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        on_name(std::string(text.substr(i + 1, close - i - 1)));
        i = close + 1;
        continue;
      }
    }
    on_text(text.substr(i, 1));
    ++i;
  }
}

}  // namespace

std::string RenderTemplate(const std::string& text,
                           const std::map<std::string, std::string>& vars,
                           std::vector<std::string>* missing) {
  std::string out;
  out.reserve(text.size());
  ScanTemplate(
      text, [&](std::string_view literal) { out += literal; },
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
      text, [](std::string_view) {},
      [&](const std::string& name) { names.push_back(name); });
  return names;
}

size_t MaxRenderedBytes(const std::string& text,
                        const std::map<std::string, std::string>& values,
                        size_t max_other_bytes) {
  size_t bytes = 0;
  ScanTemplate(
      text, [&](std::string_view literal) { bytes += literal.size(); },
      [&](const std::string& name) {
        auto it = values.find(name);
        bytes += it != values.end() ? it->second.size() : max_other_bytes;
      });
  return bytes;
}

}  // namespace libbot::internal
