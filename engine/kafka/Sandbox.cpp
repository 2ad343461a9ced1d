#include "engine/kafka/Sandbox.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Log.h"

namespace sc {

namespace {

bool writeAtomically(const std::string& path, const std::string& text, std::string& error) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text << '\n';
    if (!out.flush()) {
      error = "cannot write " + tmp;
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = "cannot write " + path + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

int runSandbox(const SandboxOptions& options, const std::atomic<bool>& stop) {
  Logger& log = Logger::global();
  auto started = kafka::EmbeddedCluster::start(options.brokers, options.partitions, "sandbox");
  if (!started.ok()) {
    log.error("sandbox", started.error);
    return 1;
  }
  auto& cluster = *started.value;
  for (const auto& topic : options.topics) {
    auto made = cluster.ensureTopic(topic, options.partitions);
    if (!made.ok()) {
      log.error("sandbox", made.error);
      return 1;
    }
    log.info("sandbox",
             "topic '" + topic + "' with " + std::to_string(options.partitions) + " partitions");
  }
  std::cout << cluster.bootstrapServers() << std::endl;
  if (!options.bootstrapFile.empty()) {
    std::string error;
    if (!writeAtomically(options.bootstrapFile, cluster.bootstrapServers(), error)) {
      log.error("sandbox", error);
      return 1;
    }
  }
  log.info("sandbox", "serving until interrupted (Ctrl+C); topics created by clients get " +
                          std::to_string(kafka::EmbeddedCluster::kMockAutoCreatePartitions) +
                          " partitions");
  while (!stop.load())
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (!options.bootstrapFile.empty()) {
    std::error_code ec;
    std::filesystem::remove(options.bootstrapFile, ec);
  }
  log.info("sandbox", "stopped");
  return 0;
}

}  // namespace sc
