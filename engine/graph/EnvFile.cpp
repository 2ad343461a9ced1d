#include "engine/graph/EnvFile.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sc {
namespace {

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isBlank(s[b]))
    ++b;
  while (e > b && isBlank(s[e - 1]))
    --e;
  return std::string(s.substr(b, e - b));
}

bool validKey(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

}  // namespace

std::map<std::string, EnvFile::Entry> EnvFile::values() const {
  std::map<std::string, Entry> out;
  for (const Entry& e : entries)
    out[e.key] = e;
  return out;
}

EnvFile parseEnvFile(std::string_view text, const std::string& path) {
  EnvFile out;
  out.path = path;
  auto fail = [&](int line, const std::string& what) {
    out.errors.push_back(path + ":" + std::to_string(line) + ": " + what);
  };
  size_t pos = 0;
  int lineNo = 0;
  auto nextLine = [&](std::string_view& line) {
    if (pos >= text.size()) return false;
    size_t nl = text.find('\n', pos);
    line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++lineNo;
    return true;
  };
  std::string_view line;
  while (nextLine(line)) {
    std::string body = trim(line);
    if (body.empty() || body[0] == '#' || body[0] == ';') continue;
    if (body.rfind("export ", 0) == 0) body = trim(std::string_view(body).substr(7));
    const size_t eq = body.find('=');
    if (eq == std::string::npos) {
      fail(lineNo,
           "expected KEY=VALUE, got '" + body.substr(0, 40) + "' (comment lines start with #)");
      continue;
    }
    const std::string key = trim(std::string_view(body).substr(0, eq));
    if (!validKey(key)) {
      fail(lineNo, "'" + key.substr(0, 40) +
                       "' is not a variable name (use letters, digits and _, not starting with a "
                       "digit)");
      continue;
    }
    const int keyLine = lineNo;
    std::string rest = trim(std::string_view(body).substr(eq + 1));
    if (rest.empty() || (rest[0] != '"' && rest[0] != '\'')) {
      out.entries.push_back({key, rest, keyLine});
      continue;
    }
    // A quoted value, possibly over several lines.
    const char quote = rest[0];
    std::string value;
    std::string_view chunk = std::string_view(rest).substr(1);
    bool closed = false;
    std::string after;
    for (;;) {
      for (size_t i = 0; i < chunk.size(); ++i) {
        const char c = chunk[i];
        if (c == quote) {
          closed = true;
          after = trim(chunk.substr(i + 1));
          break;
        }
        if (quote == '"' && c == '\\' && i + 1 < chunk.size() &&
            std::strchr("\"\\$`", chunk[i + 1])) {
          value += chunk[++i];
          continue;
        }
        value += c;
      }
      if (closed) break;
      std::string_view more;
      if (!nextLine(more)) break;
      value += '\n';
      chunk = more;
    }
    if (!closed) {
      fail(keyLine, std::string("the value of ") + key + " opens a " +
                        (quote == '"' ? "double" : "single") +
                        " quote that is never closed (close it, or escape a \" inside "
                        "double quotes as \\\")");
      continue;
    }
    if (!after.empty() && after[0] != '#') {
      fail(lineNo,
           "unexpected text after the closing quote of " + key + " (quote the whole value)");
      continue;
    }
    out.entries.push_back({key, std::move(value), keyLine});
  }
  return out;
}

EnvFile readEnvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    EnvFile out;
    out.path = path;
    out.errors.push_back(path + ": cannot open the environment file: " + std::strerror(errno));
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseEnvFile(text.str(), path);
}

EnvLookup environmentWithFiles(const std::vector<EnvFile>& files, EnvLookup environment) {
  std::map<std::string, std::string> fromFiles;
  for (const EnvFile& f : files)
    for (const EnvFile::Entry& e : f.entries)
      fromFiles[e.key] = e.value;
  return [environment = std::move(environment),
          fromFiles = std::move(fromFiles)](const std::string& name) -> std::optional<std::string> {
    if (auto v = environment(name)) return v;
    auto it = fromFiles.find(name);
    if (it == fromFiles.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace sc
