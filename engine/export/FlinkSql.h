#pragma once
// Translates a pipeline into one Apache Flink SQL script (streamcanvas-run --export flink-sql,
// and the designer's File > Export > Flink SQL...). See docs/flink.md for the mapping.
//
// The translation is exact or refused: every construct without a faithful Flink SQL equivalent
// (a function, a window option, a node type) is an error naming the node, the property's JSON
// pointer and why. ${VAR} references are written into the script as they are, never resolved, so
// secrets stay out of it.

#include <string>

#include "engine/graph/Diagnostics.h"

namespace sc {

struct Pipeline;
class NodeRegistry;

struct FlinkSqlExport {
  std::string script;       // empty when there are errors
  Diagnostics diagnostics;  // errors (untranslatable constructs) and warnings
  bool ok() const { return !diagnostics.hasErrors(); }
};

// `pipeline` as loaded from its file (variables unresolved).
FlinkSqlExport exportFlinkSql(const Pipeline& pipeline, const NodeRegistry& registry);

}  // namespace sc
