#pragma once
// `streamcanvas-run --sandbox`: serves an embedded Kafka cluster on its own until stopped, so the
// designer, several runners and tools like kcat can share one cluster during development.

#include <atomic>
#include <string>
#include <vector>

namespace sc {

struct SandboxOptions {
  int brokers = 1;
  int partitions = 4;               // for the topics below and any created through a pipeline
  std::vector<std::string> topics;  // created before the bootstrap list is announced
  std::string bootstrapFile;  // written (atomically) once the cluster listens; removed on exit
};

// Runs until `stop` becomes true. Prints the bootstrap list on stdout. Returns the process exit
// code: 0 after a clean stop, 1 when the cluster or the bootstrap file could not be set up.
int runSandbox(const SandboxOptions& options, const std::atomic<bool>& stop);

}  // namespace sc
