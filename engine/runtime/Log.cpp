#include "engine/runtime/Log.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "engine/runtime/JsonString.h"

namespace sc {
namespace {

const char* levelName(LogLevel l) {
  switch (l) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warn:
      return "warn";
    case LogLevel::Error:
      return "error";
  }
  return "?";
}

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

Logger& Logger::global() {
  static Logger logger;
  return logger;
}

void Logger::setSink(Sink sink) {
  std::lock_guard lock(mutex_);
  sink_ = std::move(sink);
}

void Logger::addSecret(std::string value) {
  if (value.size() < 3) return;  // masking "a" everywhere would garble every message
  std::lock_guard lock(mutex_);
  secrets_.push_back(std::move(value));
}

void Logger::clearSecrets() {
  std::lock_guard lock(mutex_);
  secrets_.clear();
}

std::string Logger::redact(std::string_view text) const {
  std::string out(text);
  for (const auto& s : secrets_) {
    for (size_t pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 3))
      out.replace(pos, s.size(), "***");
  }
  return out;
}

void Logger::log(LogLevel level, std::string_view component, std::string_view message) {
  if (level < level_) return;
  std::lock_guard lock(mutex_);
  std::string msg = redact(message);
  if (sink_) {
    sink_(level, component, msg);
    return;
  }
  std::string line;
  if (format_ == Format::Json) {
    line =
        "{\"time\":\"" + timestamp() + "\",\"level\":\"" + levelName(level) + "\",\"component\":";
    appendJsonString(line, component);
    line += ",\"message\":";
    appendJsonString(line, msg);
    line += "}\n";
  } else {
    line = timestamp() + " " + levelName(level) + " [" + std::string(component) + "] " + msg + "\n";
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace sc
