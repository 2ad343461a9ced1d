#pragma once
// Node reference generated from the specs: `streamcanvas-run --list-nodes` and docs/nodes.md.
#include <string>

namespace sc {
class NodeRegistry;
std::string nodeDocsMarkdown(const NodeRegistry& registry);
std::string nodeDocsJson(const NodeRegistry& registry);
}  // namespace sc
