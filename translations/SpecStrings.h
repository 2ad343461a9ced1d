#pragma once
// The translatable texts of the node specs and the pipeline settings spec as C++ that lupdate
// reads: translations/NodeSpecStrings.cpp is this text, checked in (tst_Translations checks that
// it is current). Qt-free: it links the engine and the nodes only.

#include <string>

namespace sc {

class NodeRegistry;

std::string nodeSpecStringsSource(const NodeRegistry& registry);

}  // namespace sc
