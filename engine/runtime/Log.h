#pragma once
// Logging for people at the edges: text or JSON lines on stderr (or a callback, for the GUI).
// Secret values registered with addSecret() are masked in every message.

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

enum class LogLevel { Debug, Info, Warn, Error };

class Logger {
 public:
  enum class Format { Text, Json };
  using Sink = std::function<void(LogLevel, std::string_view component, std::string_view message)>;

  static Logger& global();

  void setFormat(Format f) { format_ = f; }
  void setLevel(LogLevel l) { level_ = l; }
  LogLevel level() const { return level_; }
  // Replaces stderr output (the designer shows logs in a panel). Empty: back to stderr.
  void setSink(Sink sink);
  // Values never printed: every occurrence is replaced by "***".
  void addSecret(std::string value);
  void clearSecrets();
  std::string redact(std::string_view text) const;

  void log(LogLevel level, std::string_view component, std::string_view message);
  void debug(std::string_view c, std::string_view m) { log(LogLevel::Debug, c, m); }
  void info(std::string_view c, std::string_view m) { log(LogLevel::Info, c, m); }
  void warn(std::string_view c, std::string_view m) { log(LogLevel::Warn, c, m); }
  void error(std::string_view c, std::string_view m) { log(LogLevel::Error, c, m); }

 private:
  mutable std::mutex mutex_;
  Format format_ = Format::Text;
  LogLevel level_ = LogLevel::Info;
  Sink sink_;
  std::vector<std::string> secrets_;
};

}  // namespace sc
