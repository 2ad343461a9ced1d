#pragma once
// The one way a pipeline document becomes a run. streamcanvas-run (--validate and the real run),
// the designer's Run and its Problems panel all call planPipeline(), so they never disagree about
// what is wrong: structure and specs (validatePipeline), ${VAR} substitution, the resolved
// document again, then every plan-time check (Execution::check: node configure(), watermark
// agreement across windows). Only a run goes on to acquire resources (Kafka clusters, topics):
// checking never connects to Kafka.

#include <memory>
#include <string>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"

namespace sc {

enum class PlanPurpose {
  Check,  // every check a run makes before it starts; acquires nothing
  Run,    // the same checks, then resources are acquired and the execution built
};

struct PlannedPipeline {
  Pipeline resolved;                     // after ${VAR} substitution (when it got that far)
  Diagnostics diagnostics;               // every problem found; substituted secrets masked
  std::vector<std::string> secrets;      // values substituted into secrets (for log redaction)
  std::unique_ptr<Execution> execution;  // Run without errors: planned, ready to start()
  bool ok() const { return !diagnostics.hasErrors(); }
};

PlannedPipeline planPipeline(const Pipeline& pipeline, const NodeRegistry& registry,
                             PlanPurpose purpose, const EnvLookup& env = processEnvironment(),
                             const RunOptions& options = {});

}  // namespace sc
