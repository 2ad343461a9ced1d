// streamcanvas-run --sandbox: serves an embedded Kafka cluster until SIGINT/SIGTERM.
#include <atomic>
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "engine/kafka/Sandbox.h"

namespace {
std::atomic<bool> g_stop{false};
extern "C" void onSandboxSignal(int) {
  g_stop.store(true);
}
}  // namespace

int runSandboxCommand(const std::vector<std::string>& args) {
  sc::SandboxOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    auto number = [&](int& out, int max) {
      const std::string* v = value();
      try {
        size_t used = 0;
        int n = v ? std::stoi(*v, &used) : 0;
        if (!v || used != v->size() || n < 1 || n > max) throw std::invalid_argument("range");
        out = n;
        return true;
      } catch (const std::exception&) {
        std::cerr << "streamcanvas-run: " << a << " takes a number from 1 to " << max << "\n";
        return false;
      }
    };
    if (a == "--brokers") {
      if (!number(options.brokers, 16)) return 2;
    } else if (a == "--partitions") {
      if (!number(options.partitions, 1000)) return 2;
    } else if (a == "--topic") {
      const std::string* v = value();
      if (!v || v->empty()) return std::cerr << "streamcanvas-run: --topic needs a name\n", 2;
      options.topics.push_back(*v);
    } else if (a == "--bootstrap-file") {
      const std::string* v = value();
      if (!v) return std::cerr << "streamcanvas-run: --bootstrap-file needs a path\n", 2;
      options.bootstrapFile = *v;
    } else {
      std::cerr << "streamcanvas-run: unknown --sandbox option '" << a
                << "'\nusage: streamcanvas-run --sandbox [--brokers N] [--partitions P] [--topic "
                   "NAME]... "
                   "[--bootstrap-file FILE]\n";
      return 2;
    }
  }
  std::signal(SIGINT, onSandboxSignal);
  std::signal(SIGTERM, onSandboxSignal);
  return sc::runSandbox(options, g_stop);
}
