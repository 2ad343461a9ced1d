#include "app/runner/MetricsServer.h"

#include <civetweb.h>

#include <cstring>
#include <mutex>

#include "app/runner/RunnerMetrics.h"

namespace sc {
namespace {

constexpr const char* kExpositionType = "text/plain; version=0.0.4; charset=utf-8";

int respond(mg_connection* conn, int status, const char* contentType, const std::string& body) {
  const mg_request_info* request = mg_get_request_info(conn);
  const std::string length = std::to_string(body.size());
  mg_response_header_start(conn, status);
  mg_response_header_add(conn, "Content-Type", contentType, -1);
  mg_response_header_add(conn, "Cache-Control", "no-store", -1);
  mg_response_header_add(conn, "Content-Length", length.c_str(), -1);
  mg_response_header_send(conn);
  if (std::strcmp(request->request_method, "HEAD") != 0) mg_write(conn, body.data(), body.size());
  return status;
}

bool readOnly(mg_connection* conn) {
  const char* method = mg_get_request_info(conn)->request_method;
  if (std::strcmp(method, "GET") == 0 || std::strcmp(method, "HEAD") == 0) return true;
  respond(conn, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
  return false;
}

int serveMetrics(mg_connection* conn, void* data) {
  if (!readOnly(conn)) return 405;
  return respond(conn, 200, kExpositionType, static_cast<const RunnerMetrics*>(data)->render());
}

int serveHealth(mg_connection* conn, void* data) {
  if (!readOnly(conn)) return 405;
  std::string detail;
  const bool ok = static_cast<const RunnerMetrics*>(data)->healthy(detail);
  return respond(conn, ok ? 200 : 503, "text/plain; charset=utf-8", detail + "\n");
}

int serveReady(mg_connection* conn, void* data) {
  if (!readOnly(conn)) return 405;
  std::string detail;
  const bool ok = static_cast<const RunnerMetrics*>(data)->ready(detail);
  return respond(conn, ok ? 200 : 503, "text/plain; charset=utf-8", detail + "\n");
}

// civetweb reports why it could not start (a port in use) through its log callback.
int logMessage(const mg_connection* conn, const char* message) {
  if (!conn) return 1;
  auto* error = static_cast<std::string*>(mg_get_user_data(mg_get_context(conn)));
  if (error && error->empty()) *error = message;
  return 1;  // handled: civetweb prints nothing itself
}

}  // namespace

std::unique_ptr<MetricsServer> MetricsServer::start(const RunnerMetrics& metrics,
                                                    const std::string& address, int port,
                                                    std::string& error) {
  static std::once_flag init;
  std::call_once(init, [] { mg_init_library(0); });
  std::unique_ptr<MetricsServer> server(new MetricsServer(metrics));
  const bool v6 = address.find(':') != std::string::npos;
  if (v6 && !mg_check_feature(MG_FEATURES_IPV6)) {
    // Debian 12's civetweb is built without IPv6.
    error = "cannot serve metrics on " + address +
            ": this civetweb has no IPv6 support; give --metrics-address an IPv4 address "
            "(0.0.0.0 for every interface, 127.0.0.1 for this machine only)";
    return nullptr;
  }
  const std::string host = v6 && address.front() != '[' ? "[" + address + "]" : address;
  const std::string listen = host + ":" + std::to_string(port);
  mg_callbacks callbacks{};
  callbacks.log_message = logMessage;
  // A handful of threads is plenty for a scraper and two probes; no files are served (no
  // document_root), so every other path answers 404.
  const char* options[] = {"listening_ports",    listen.c_str(), "num_threads", "4",
                           "request_timeout_ms", "10000",        nullptr};
  server->context_ = mg_start(&callbacks, &server->startError_, options);
  if (!server->context_) {
    error = "cannot serve metrics on " + listen +
            (server->startError_.empty() ? "" : ": " + server->startError_) +
            "; choose another --metrics-port or --metrics-address";
    return nullptr;
  }
  mg_set_request_handler(server->context_, "/metrics$", serveMetrics,
                         const_cast<RunnerMetrics*>(&metrics));
  mg_set_request_handler(server->context_, "/healthz$", serveHealth,
                         const_cast<RunnerMetrics*>(&metrics));
  mg_set_request_handler(server->context_, "/readyz$", serveReady,
                         const_cast<RunnerMetrics*>(&metrics));
  mg_server_port ports[4]{};
  if (mg_get_server_ports(server->context_, 4, ports) > 0) server->port_ = ports[0].port;
  server->url_ = "http://" + host + ":" + std::to_string(server->port_);
  return server;
}

MetricsServer::~MetricsServer() {
  if (context_) mg_stop(context_);
}

}  // namespace sc
