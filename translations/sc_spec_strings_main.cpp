// sc-spec-strings OUT.cpp: writes the translatable texts of the built-in node specs (see
// SpecStrings.h) to OUT.cpp, or to standard output without an argument.
#include <fstream>
#include <iostream>

#include "engine/graph/NodeRegistry.h"
#include "translations/SpecStrings.h"

int main(int argc, char* argv[]) {
  const std::string source = sc::nodeSpecStringsSource(sc::NodeRegistry::builtin());
  if (argc < 2) {
    std::cout << source;
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << source;
  if (!out.flush()) {
    std::cerr << "sc-spec-strings: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
