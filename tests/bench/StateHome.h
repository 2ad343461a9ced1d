#pragma once
// The runners a benchmark starts keep their checkpoints in XDG_STATE_HOME (by default
// ~/.local/state/streamcanvas/<pipeline>): a folder of this run instead, removed at its end.
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace sc::bench {

class PrivateStateHome {
 public:
  PrivateStateHome() {
    char pattern[] = "/tmp/sc-bench-state-XXXXXX";
    if (const char* made = mkdtemp(pattern)) {
      dir_ = made;
      setenv("XDG_STATE_HOME", made, 1);
    }
  }
  ~PrivateStateHome() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  PrivateStateHome(const PrivateStateHome&) = delete;
  PrivateStateHome& operator=(const PrivateStateHome&) = delete;

 private:
  std::string dir_;
};

}  // namespace sc::bench
