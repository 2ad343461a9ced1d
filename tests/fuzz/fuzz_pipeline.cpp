// Fuzz target for the pipeline loader: arbitrary bytes must never crash or hang parsing,
// validation, substitution or saving, and whatever parses must round-trip through save.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sc::LoadResult r = sc::parsePipeline(text, "fuzz.json");
  if (!r.pipeline) return 0;
  const sc::NodeRegistry& registry = sc::NodeRegistry::builtin();
  sc::Diagnostics d = sc::validatePipeline(*r.pipeline, registry);
  sc::locateDiagnostics(d, r.sourceMap, "fuzz.json");
  (void)d.format();
  sc::Diagnostics vars;
  sc::EnvLookup env = [](const std::string& n) -> std::optional<std::string> {
    if (n.size() % 2) return std::nullopt;
    return "v";
  };
  sc::Pipeline resolved = sc::substituteVariables(*r.pipeline, registry, env, vars);
  (void)sc::validatePipeline(resolved, registry);
  // Round trip: what we save parses back to the same document.
  std::string saved = sc::savePipeline(*r.pipeline);
  sc::LoadResult again = sc::parsePipeline(saved);
  if (!again.pipeline || !(*again.pipeline == *r.pipeline)) std::abort();
  return 0;
}
