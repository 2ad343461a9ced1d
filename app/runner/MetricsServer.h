#pragma once
// The runner's HTTP endpoint (civetweb): /metrics (Prometheus text format 0.0.4), /healthz and
// /readyz, served from RunnerMetrics. Its threads only read: the pipeline never waits for it.

#include <memory>
#include <string>

struct mg_context;

namespace sc {

class RunnerMetrics;

class MetricsServer {
 public:
  // Listens on `address`:`port` (port 0: a free one; IPv6 addresses need a civetweb built with
  // IPv6, which Debian 12's is not).
  // Null with `error` set when the port cannot be bound.
  static std::unique_ptr<MetricsServer> start(const RunnerMetrics& metrics,
                                              const std::string& address, int port,
                                              std::string& error);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The port it listens on (the one chosen when started with 0).
  int port() const { return port_; }
  // http://ADDRESS:PORT
  std::string url() const { return url_; }

 private:
  explicit MetricsServer(const RunnerMetrics& metrics) : metrics_(metrics) {}
  const RunnerMetrics& metrics_;
  mg_context* context_ = nullptr;
  int port_ = 0;
  std::string url_;
  std::string startError_;  // what civetweb logged while starting
};

}  // namespace sc
