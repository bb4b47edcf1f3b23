// Copyright 2026 The libbot Authors.
#include "engine/render.h"

#include <doctest/doctest.h>

namespace libbot::internal {
namespace {

TEST_CASE("render: placeholders, literal braces and missing names") {
  const std::map<std::string, std::string> vars = {{"order_number", "483920"},
                                                   {"shop", "Példabolt"}};
  std::vector<std::string> missing;
  CHECK(RenderTemplate("A(z) {order_number} számú rendelése úton van.", vars,
                       &missing) == "A(z) 483920 számú rendelése úton van.");
  CHECK(RenderTemplate("{shop}: {{nem név}} és }} meg {{", vars, &missing) ==
        "Példabolt: {nem név} és } meg {");
  CHECK(missing.empty());
  // A name without a value renders as nothing and is reported.
  CHECK(RenderTemplate("Szia {name}!", vars, &missing) == "Szia !");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0] == "name");
  // An unclosed brace and a lone closing one stay as written.
  CHECK(RenderTemplate("ár: {nincs vége", vars, nullptr) == "ár: {nincs vége");
  CHECK(RenderTemplate("vége}", vars, nullptr) == "vége}");
  CHECK(RenderTemplate("", vars, nullptr).empty());
  CHECK(RenderTemplate("csak szöveg", vars, nullptr) == "csak szöveg");
}

TEST_CASE("render: the names a template uses") {
  CHECK(TemplatePlaceholders("{a} {{b}} {c}") ==
        std::vector<std::string>{"a", "c"});
  CHECK(TemplatePlaceholders("nincs").empty());
}

}  // namespace
}  // namespace libbot::internal
