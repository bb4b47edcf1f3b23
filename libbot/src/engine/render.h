// Copyright 2026 The libbot Authors.
//
// Reply templates: "A(z) {order_number} számú rendelése úton van."
// {name} is replaced by a slot, entity or settings value; "{{" and "}}" are
// literal braces. A name with no value renders as nothing and is reported.
#ifndef LIBBOT_SRC_ENGINE_RENDER_H_
#define LIBBOT_SRC_ENGINE_RENDER_H_

#include <map>
#include <string>
#include <vector>

namespace libbot::internal {

std::string RenderTemplate(const std::string& text,
                           const std::map<std::string, std::string>& vars,
                           std::vector<std::string>* missing);

// The placeholder names a template uses.
std::vector<std::string> TemplatePlaceholders(const std::string& text);

// The most bytes `text` can render to: its literal text, each settings
// value it names at that value's length, any other name (a slot or an
// entity) at `max_other_bytes`. Load time checks it against
// kMaxReplyBytes, so that no reply can grow unbounded.
size_t MaxRenderedBytes(const std::string& text,
                        const std::map<std::string, std::string>& values,
                        size_t max_other_bytes);
inline constexpr size_t kMaxReplyBytes = 64 << 10;

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_ENGINE_RENDER_H_
