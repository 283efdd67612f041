// sim/trace_fields.h — an Observation's trace form: its `type` and the JSON
// fields of its trace line. Core reports observations; how they are written
// down is the simulator's business (sim/trace.cc writes them; the GUI and
// the notebooks read them back by these names).
#pragma once

#include <string_view>

#include "core/observe/observation.h"
#include "core/util/json_writer.h"

namespace kafkasim::sim {

// "append", "hw", "isr", ... — the `type` field of a trace line.
std::string_view ObservationKind(const Observation& o);

// Writes the observation's fields (not the enclosing braces) into `w`.
void WriteObservationFields(const Observation& o, JsonWriter& w);

}  // namespace kafkasim::sim
