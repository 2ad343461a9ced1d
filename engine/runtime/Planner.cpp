#include "engine/runtime/Planner.h"

namespace sc {
namespace {

// The same rule as Logger::redact: values shorter than 3 characters are not masked.
void maskSecrets(Diagnostics& diags, const std::vector<std::string>& secrets) {
  auto mask = [&](std::string& text) {
    for (const auto& s : secrets) {
      if (s.size() < 3) continue;
      for (size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3))
        text.replace(pos, s.size(), "***");
    }
  };
  for (Diagnostic& d : diags.items()) {
    mask(d.message);
    mask(d.hint);
  }
}

}  // namespace

PlannedPipeline planPipeline(const Pipeline& pipeline, const NodeRegistry& registry,
                             PlanPurpose purpose, const EnvLookup& env, const RunOptions& options) {
  PlannedPipeline out;
  out.diagnostics = validatePipeline(pipeline, registry);
  if (out.diagnostics.hasErrors()) return out;
  out.resolved = substituteVariables(pipeline, registry, env, out.diagnostics, &out.secrets);
  if (!out.diagnostics.hasErrors()) {
    // The resolved document repeats the first pass's warnings, so it replaces them.
    out.diagnostics = validatePipeline(out.resolved, registry);
    if (!out.diagnostics.hasErrors()) {
      if (purpose == PlanPurpose::Check)
        Execution::check(out.resolved, registry, out.diagnostics);
      else
        out.execution = Execution::plan(out.resolved, registry, options, out.diagnostics);
    }
  }
  maskSecrets(out.diagnostics, out.secrets);
  return out;
}

}  // namespace sc
