// Copyright 2026 The libbot Authors.
//
// A trace as a JSON value: the one serialisation behind Trace::ToJson and
// the traced rows of an evaluation (EvalReport::ToJson), kept out of
// engine_rep.h so that only these two files parse nlohmann-json.
#ifndef LIBBOT_ENGINE_TRACE_JSON_H_
#define LIBBOT_ENGINE_TRACE_JSON_H_

#include "libbot/engine.h"
#include "util/json.h"

namespace libbot::internal {

OrderedJson TraceJson(const Trace& trace);

}  // namespace libbot::internal

#endif  // LIBBOT_ENGINE_TRACE_JSON_H_
