#pragma once
// The JSON type of pipeline documents: keeps member order so files round-trip exactly.
#include <nlohmann/json.hpp>

namespace sc {
using Json = nlohmann::ordered_json;
}
