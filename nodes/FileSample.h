#pragma once
// The first records of a file, read the way file.source reads them (JSON lines, or CSV rows with
// cells typed as numbers, true/false, strings and empty = null): what the designer's "Sample
// fields" looks at. Invalid lines are skipped, as file.source skips them by default.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/graph/Json.h"

namespace sc {

// Up to `maxRecords` records of `path` into `out`; returns an error message (empty: read).
std::string readFileSample(const std::string& path, bool csv, size_t maxRecords,
                           std::vector<Json>& out);

}  // namespace sc
