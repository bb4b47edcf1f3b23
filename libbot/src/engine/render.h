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

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_ENGINE_RENDER_H_
