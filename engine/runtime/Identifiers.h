#pragma once
// Small helpers for ids made from user text: a stable hash, and names restricted to the
// characters that files, Kafka ids (group.instance.id, transactional ids) and URLs all accept.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

namespace sc {

// 64-bit FNV-1a: stable across runs and builds (graph hashes in checkpoints, state hashes in
// changelogs), not for security.
inline uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes)
    h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// `text` with every character outside [a-zA-Z0-9._-] replaced by '_' (byte by byte: a UTF-8
// character becomes as many '_' as it has bytes).
inline std::string portableName(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  return out;
}

}  // namespace sc
