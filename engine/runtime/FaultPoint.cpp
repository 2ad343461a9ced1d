#include "engine/runtime/FaultPoint.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace sc {
namespace {

struct Armed {
  std::string name;  // empty: no crash point
  long hit = 0;      // die at this hit
};

const Armed& armed() {
  static const Armed a = [] {
    Armed x;
    const char* spec = std::getenv("SC_FAULT_POINT");
    if (!spec) return x;
    const std::string s(spec);
    const auto colon = s.rfind(':');
    x.name = s.substr(0, colon);
    x.hit = colon == std::string::npos ? 1 : std::strtol(s.c_str() + colon + 1, nullptr, 10);
    return x;
  }();
  return a;
}

std::atomic<long> hits{0};

}  // namespace

void faultPoint(const char* name) {
  const Armed& a = armed();
  if (a.name.empty() || a.name != name) return;
  if (hits.fetch_add(1) + 1 != a.hit) return;
  std::fprintf(stderr, "fault point '%s' reached %ld times: exiting with 137\n", name, a.hit);
  std::_Exit(137);
}

}  // namespace sc
