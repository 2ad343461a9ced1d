#include "nodes/RecordJson.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sc {

namespace od = simdjson::ondemand;

namespace {

static_assert(Arena::kPadding >= simdjson::SIMDJSON_PADDING,
              "payloads are padded for simdjson by Arena::copyPadded");

bool isJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && isJsonSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

simdjson::padded_string_view paddedView(std::string_view s) {
  return simdjson::padded_string_view(s.data(), s.size(), s.size() + simdjson::SIMDJSON_PADDING);
}

const char* describe(simdjson::error_code e) {
  switch (e) {
    case simdjson::EMPTY:
      return "empty input, expected a JSON object";
    case simdjson::UNCLOSED_STRING:
      return "unclosed string";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    case simdjson::TAPE_ERROR:
      return "malformed JSON (unbalanced brackets or a missing comma, colon or key)";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return "truncated JSON (unclosed object or array)";
    case simdjson::NUMBER_ERROR:
      return "invalid number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "invalid literal (expected true, false or null)";
    case simdjson::STRING_ERROR:
      return "invalid string escape";
    case simdjson::UNESCAPED_CHARS:
      return "control character inside a string";
    case simdjson::DEPTH_ERROR:
      return "JSON nested too deeply";
    default:
      return simdjson::error_message(e);
  }
}

// The escaped text of a key or string whose opening quote precedes `start` (validated by
// simdjson's stage 1, so the closing quote exists). `escaped` tells whether it holds a backslash.
std::string_view quotedText(const char* start, bool& escaped) {
  const char* p = start;
  escaped = false;
  for (;;) {
    if (*p == '"') break;
    if (*p == '\\') {
      escaped = true;
      ++p;
    }
    ++p;
  }
  return {start, static_cast<size_t>(p - start)};
}

unsigned hexValue(char c) {
  if (c >= '0' && c <= '9') return unsigned(c - '0');
  if (c >= 'a' && c <= 'f') return unsigned(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return unsigned(c - 'A' + 10);
  return 16;
}

bool readHex4(std::string_view s, size_t at, unsigned& out) {
  if (at + 4 > s.size()) return false;
  out = 0;
  for (size_t k = 0; k < 4; ++k) {
    unsigned h = hexValue(s[at + k]);
    if (h > 15) return false;
    out = out * 16 + h;
  }
  return true;
}

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Unescapes the text between a JSON string's quotes (keys with escapes are rare, so this
// simple version keeps key matching exact without consuming simdjson's key).
bool unescapeJson(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= s.size()) return false;
    switch (s[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned cp;
        if (!readHex4(s, i + 1, cp)) return false;
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned low;
          if (i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u' && readHex4(s, i + 3, low) &&
              low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

// Raw JSON text of any value (consumes objects and arrays).
simdjson::error_code rawValueText(od::value& v, std::string_view& out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::object) {
    od::object o;
    if (auto e = v.get_object().get(o)) return e;
    if (auto e = o.raw_json().get(out)) return e;
  } else if (t == od::json_type::array) {
    od::array a;
    if (auto e = v.get_array().get(a)) return e;
    if (auto e = a.raw_json().get(out)) return e;
  } else {
    out = v.raw_json_token();
  }
  out = trimRight(out);
  return simdjson::SUCCESS;
}

// ---------------------------------------------------------------------------------------------
// Flat scan: a strict reader for the common record shape (one object of printable-ASCII
// members without escapes or nested values). It accepts only what is valid JSON, which
// simdjson accepts with the same values; on anything else it gives up and simdjson decides.

const char* skipJsonSpace(const char* p, const char* end) {
  // Every JSON space is at most ' ': one comparison settles the common case of none.
  while (p < end && static_cast<unsigned char>(*p) <= ' ' && isJsonSpace(*p))
    ++p;
  return p;
}

// The closing quote of a string whose text starts at `p`, or null when the text holds an
// escape, a control character or a non-ASCII byte (or is unterminated). Reads 16 bytes at a
// time: payloads are padded (Arena::copyPadded), so reading past `end` is safe.
const char* plainStringEnd(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(' ');
  for (; p < end; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const unsigned quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
    // As signed bytes, control characters (< 0x20) and non-ASCII bytes (>= 0x80) are both
    // below ' ': one comparison finds either.
    const unsigned bad = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmplt_epi8(v, space))));
    if (quotes) {
      const unsigned first = static_cast<unsigned>(__builtin_ctz(quotes));
      if ((bad & ((1u << first) - 1)) || p + first >= end) return nullptr;
      return p + first;
    }
    if (bad) return nullptr;
  }
  return nullptr;
#else
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') return p;
    if (c == '\\' || c < 0x20 || c >= 0x80) return nullptr;
  }
  return nullptr;
#endif
}

// Moves `p` past `token` and the JSON space before it. False (with `p` on the first byte that is
// not space) when something else comes. Records written by machines rarely hold space between
// tokens: the first comparison settles that case.
bool consumeToken(const char*& p, const char* end, char token) {
  if (p < end && *p == token) return ++p, true;
  p = skipJsonSpace(p, end);
  if (p == end || *p != token) return false;
  ++p;
  return true;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// The end of the run of digits starting at `p` (at most `end`). Reads 16 bytes at a time, as
// plainStringEnd: a timestamp or sequence number is one step instead of one per digit.
const char* digitRunEnd(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i nine = _mm_set1_epi8(9);
  for (; p < end; p += 16) {
    const __m128i d = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), zero);
    // A digit is a byte whose distance from '0' is at most 9 (unsigned).
    const unsigned digits =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)));
    if (digits != 0xffff) return std::min(p + __builtin_ctz(~digits), end);
  }
  return end;
#else
  while (p < end && isDigit(*p))
    ++p;
  return p;
#endif
}

// Clinger's fast path: a mantissa of at most 15 digits and a decimal exponent within +-22 are
// both exact doubles, so one multiplication or division rounds correctly (the first step of
// every exact parser, simdjson's included). Digits in [digits, integerEnd), fraction digits
// after the dot up to fractionEnd, then an optional exponent up to `end`. False: not eligible.
bool exactDouble(const char* digits, const char* integerEnd, const char* fractionEnd,
                 const char* end, double& out) {
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  uint64_t mantissa = 0;
  int count = 0;
  for (const char* d = digits; d < integerEnd; ++d, ++count)
    mantissa = mantissa * 10 + static_cast<uint64_t>(*d - '0');
  int exponent = 0;
  if (fractionEnd > integerEnd)
    for (const char* d = integerEnd + 1; d < fractionEnd; ++d, ++count, --exponent)
      mantissa = mantissa * 10 + static_cast<uint64_t>(*d - '0');
  if (count > 15) return false;
  if (fractionEnd < end) {  // e, sign, digits
    const char* e = fractionEnd + 1;
    const bool negativeExponent = *e == '-';
    if (*e == '+' || *e == '-') ++e;
    if (end - e > 2) return false;
    int value = 0;
    for (; e < end; ++e)
      value = value * 10 + (*e - '0');
    exponent += negativeExponent ? -value : value;
  }
  if (exponent < -22 || exponent > 22) return false;
  const auto m = static_cast<double>(mantissa);
  out = exponent < 0 ? m / kPowers[-exponent] : m * kPowers[exponent];
  return std::isnormal(out);
}

// A JSON number at `p` (strict grammar), converted when `out` is given: integers of up to 18
// digits become Int, numbers with a fraction or exponent a normal double (correctly rounded,
// as simdjson rounds). Anything else (-0, longer integers, more than 17 digits, zero or
// subnormal doubles, overflow) is left to simdjson.
bool scanPlainNumber(const char*& p, const char* end, Value* out) {
  const char* start = p;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (p == end) return false;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    p = digitRunEnd(p + 1, end);
  } else {
    return false;
  }
  const char* integerEnd = p;
  bool fractional = false;
  const char* fractionEnd = p;
  if (p < end && *p == '.') {
    ++p;
    if (p == end || !isDigit(*p)) return false;
    p = digitRunEnd(p + 1, end);
    fractional = true;
    fractionEnd = p;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end && (*p == '+' || *p == '-')) ++p;
    if (p == end || !isDigit(*p)) return false;
    while (p < end && isDigit(*p))
      ++p;
    fractional = true;
  }
  if (p < end && isDigit(*p)) return false;  // a leading zero
  if (!out) return true;
  if (!fractional) {
    const char* digits = start + (negative ? 1 : 0);
    if (integerEnd - digits > 18) return false;
    int64_t x = 0;
    for (const char* d = digits; d < integerEnd; ++d)
      x = x * 10 + (*d - '0');
    if (negative && x == 0) return false;
    *out = Value::integer(negative ? -x : x);
    return true;
  }
  // More than 17 digits: simdjson and from_chars may round differently, leave it to simdjson.
  const auto digits = (integerEnd - start) - (negative ? 1 : 0) +
                      (fractionEnd > integerEnd ? fractionEnd - integerEnd - 1 : 0);
  if (digits > 17) return false;
  double d = 0;
  if (exactDouble(start + (negative ? 1 : 0), integerEnd, fractionEnd, p, d)) {
    *out = Value::number(negative ? -d : d);
    return true;
  }
  auto [stop, ec] = std::from_chars(start, p, d);
  if (ec != std::errc() || stop != p || !std::isnormal(d)) return false;
  *out = Value::number(d);
  return true;
}

bool scanLiteral(const char*& p, const char* end, std::string_view word) {
  if (static_cast<size_t>(end - p) < word.size() || std::memcmp(p, word.data(), word.size()) != 0)
    return false;
  p += word.size();
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// JsonFieldExtractor

struct JsonFieldExtractor::Impl {
  struct TrieNode {
    int32_t slot = -1;
    std::vector<std::pair<std::string, uint32_t>> keys;  // member name -> node
    std::vector<std::pair<int32_t, uint32_t>> indexes;   // array index -> node, sorted
    std::vector<uint32_t> subtree;                       // slots at or below this node
    uint64_t stamp = 0;                                  // record generation last visited
    // First raw bytes a matching key can start with (a backslash starts an escaped one): most
    // members are dismissed on their first byte without scanning the key.
    uint64_t firstBytes[4] = {0, 0, 0, 0};
    void addFirstByte(unsigned char c) { firstBytes[c >> 6] |= uint64_t(1) << (c & 63); }
    bool mayMatch(unsigned char c) const { return (firstBytes[c >> 6] >> (c & 63)) & 1; }
  };

  std::vector<TrieNode> nodes;                       // 0: the record itself
  std::vector<std::unique_ptr<od::parser>> parsers;  // [depth]: nested re-parses (rare)
  std::string keyScratch;
  uint64_t generation = 0;
  Batch* batch = nullptr;
  uint32_t row = 0;
  const char* error = nullptr;

  // Every wanted field is a top-level member: records may take the flat scan.
  bool flat = false;

  Impl(const SlotTable& slots, bool flatScan) {
    nodes.emplace_back();
    for (uint32_t s = 0; s < slots.size(); ++s) {
      uint32_t n = 0;
      nodes[0].subtree.push_back(s);
      for (const PathSegment& seg : slots.path(s).segments)
        n = childFor(n, seg, s);
      nodes[n].slot = static_cast<int32_t>(s);
    }
    for (auto& node : nodes) {
      std::sort(node.indexes.begin(), node.indexes.end());
      if (!node.keys.empty()) node.addFirstByte('\\');
      for (const auto& [key, child] : node.keys)
        node.addFirstByte(key.empty() ? '"' : static_cast<unsigned char>(key[0]));
    }
    parsers.push_back(std::make_unique<od::parser>());
    flat = flatScan && nodes[0].indexes.empty() &&
           std::all_of(nodes.begin() + 1, nodes.end(), [](const TrieNode& node) {
             return node.keys.empty() && node.indexes.empty() && node.slot >= 0;
           });
  }

  uint32_t childFor(uint32_t n, const PathSegment& seg, uint32_t slot) {
    uint32_t found = UINT32_MAX;
    if (seg.index >= 0) {
      for (auto& [idx, child] : nodes[n].indexes)
        if (idx == seg.index) found = child;
    } else {
      for (auto& [key, child] : nodes[n].keys)
        if (key == seg.key) found = child;
    }
    if (found == UINT32_MAX) {
      found = static_cast<uint32_t>(nodes.size());
      nodes.emplace_back();
      if (seg.index >= 0)
        nodes[n].indexes.emplace_back(seg.index, found);
      else
        nodes[n].keys.emplace_back(seg.key, found);
    }
    nodes[found].subtree.push_back(slot);
    return found;
  }

  bool fail(simdjson::error_code e) {
    if (!e) return false;
    error = describe(e);
    return true;
  }

  void set(int32_t slot, Value v) { batch->column(static_cast<uint32_t>(slot))[row] = v; }

  uint32_t findKey(uint32_t n, std::string_view key) const {
    for (const auto& [k, child] : nodes[n].keys)
      if (k.size() == key.size() && std::memcmp(k.data(), key.data(), key.size()) == 0)
        return child;
    return UINT32_MAX;
  }

  bool walkObject(od::object& object, uint32_t n, size_t depth) {
    for (auto member : object) {
      if (fail(member.error())) return false;
      od::field& field = member.value_unsafe();  // no copy: copying the pair stalls the loop
      const char* raw = field.key().raw();
      if (!nodes[n].mayMatch(static_cast<unsigned char>(*raw))) continue;
      bool escaped;
      std::string_view key = quotedText(raw, escaped);
      if (escaped) {
        if (!unescapeJson(key, keyScratch)) {
          error = "invalid escape in a key";
          return false;
        }
        key = keyScratch;
      }
      uint32_t child = findKey(n, key);
      if (child == UINT32_MAX) continue;
      if (!readValue(field.value(), child, depth)) return false;
    }
    return true;
  }

  bool walkArray(od::array& array, uint32_t n, size_t depth) {
    const auto& indexes = nodes[n].indexes;
    size_t next = 0;
    int32_t i = 0;
    for (auto element : array) {
      if (fail(element.error())) return false;
      od::value& v = element.value_unsafe();
      if (next < indexes.size() && indexes[next].first == i) {
        if (!readValue(v, indexes[next].second, depth)) return false;
        ++next;
      }
      ++i;
    }
    return true;
  }

  // A node that wants both the raw text and values below it: walk a second parse of the text
  // (a slice of the padded payload, so the padding simdjson reads is there).
  bool walkRaw(std::string_view raw, uint32_t n, size_t depth, bool isObject) {
    while (parsers.size() <= depth)
      parsers.push_back(std::make_unique<od::parser>());
    od::document doc;
    if (fail(parsers[depth]->iterate(paddedView(raw)).get(doc))) return false;
    if (isObject) {
      od::object o;
      if (fail(doc.get_object().get(o))) return false;
      return walkObject(o, n, depth);
    }
    od::array a;
    if (fail(doc.get_array().get(a))) return false;
    return walkArray(a, n, depth);
  }

  void clearSubtree(const TrieNode& node) {
    for (uint32_t s : node.subtree)
      batch->column(s)[row] = Value{};
  }

  bool readNumber(od::value& v, int32_t slot) {
    od::number number;
    if (!v.get_number().get(number)) {
      switch (number.get_number_type()) {
        case od::number_type::signed_integer:
          set(slot, Value::integer(number.get_int64()));
          break;
        case od::number_type::unsigned_integer:
          set(slot, Value::number(static_cast<double>(number.get_uint64())));
          break;
        case od::number_type::floating_point_number:
          set(slot, Value::number(number.get_double()));
          break;
      }
      return true;
    }
    // Integers beyond 64 bits: keep the nearest double, as most JSON readers do.
    std::string_view token = trimRight(v.raw_json_token());
    double d;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), d);
    if (ec != std::errc() || end != token.data() + token.size()) {
      error = "invalid number";
      return false;
    }
    set(slot, Value::number(d));
    return true;
  }

  bool readValue(od::value& v, uint32_t n, size_t depth) {
    TrieNode& node = nodes[n];
    if (node.stamp == generation) clearSubtree(node);  // duplicate key: the last one wins
    node.stamp = generation;
    od::json_type type;
    if (fail(v.type().get(type))) return false;
    switch (type) {
      case od::json_type::object: {
        od::object o;
        if (node.slot >= 0) {
          std::string_view raw;
          if (fail(v.get_object().get(o)) || fail(o.raw_json().get(raw))) return false;
          raw = trimRight(raw);
          set(node.slot, Value::json(raw));
          return node.keys.empty() || walkRaw(raw, n, depth + 1, true);
        }
        if (node.keys.empty()) return true;
        if (fail(v.get_object().get(o))) return false;
        return walkObject(o, n, depth);
      }
      case od::json_type::array: {
        od::array a;
        if (node.slot >= 0) {
          std::string_view raw;
          if (fail(v.get_array().get(a)) || fail(a.raw_json().get(raw))) return false;
          raw = trimRight(raw);
          set(node.slot, Value::json(raw));
          return node.indexes.empty() || walkRaw(raw, n, depth + 1, false);
        }
        if (node.indexes.empty()) return true;
        if (fail(v.get_array().get(a))) return false;
        return walkArray(a, n, depth);
      }
      case od::json_type::string: {
        if (node.slot < 0) return true;
        std::string_view token = trimRight(v.raw_json_token());
        if (token.size() >= 2 && std::memchr(token.data(), '\\', token.size()) == nullptr) {
          set(node.slot, Value::string(token.substr(1, token.size() - 2)));
          return true;
        }
        std::string_view s;
        if (fail(v.get_string().get(s))) return false;
        set(node.slot, Value::string(batch->arena().copy(s)));
        return true;
      }
      case od::json_type::number:
        return node.slot < 0 || readNumber(v, node.slot);
      case od::json_type::boolean: {
        if (node.slot < 0) return true;
        bool b;
        if (fail(v.get_bool().get(b))) return false;
        set(node.slot, Value::boolean(b));
        return true;
      }
      case od::json_type::null: {
        if (node.slot < 0) return true;
        bool isNull;
        if (fail(v.is_null().get(isNull))) return false;
        if (!isNull) {
          error = "invalid literal (expected true, false or null)";
          return false;
        }
        set(node.slot, Value::null());
        return true;
      }
    }
    return true;
  }

  // The flat scan of a record (see scanPlainNumber and plainStringEnd): true when it read the
  // whole record; false when it gave up, having perhaps written some of the row's slots, which
  // simdjson then writes again from the same members.
  bool scanFlat(std::string_view payload) {
    const char* p = payload.data();
    const char* const end = p + payload.size();
    p = skipJsonSpace(p, end);
    if (p == end || *p != '{') return false;
    p = skipJsonSpace(p + 1, end);
    if (p < end && *p == '}') return skipJsonSpace(p + 1, end) == end;
    for (;;) {
      if (p == end || *p != '"') return false;
      const char* key = p + 1;
      const char* keyEnd = plainStringEnd(key, end);
      if (!keyEnd) return false;
      p = keyEnd + 1;
      if (!consumeToken(p, end, ':')) return false;
      p = skipJsonSpace(p, end);
      if (p == end) return false;
      int32_t slot = -1;
      if (nodes[0].mayMatch(static_cast<unsigned char>(*key)))
        if (uint32_t child = findKey(0, {key, static_cast<size_t>(keyEnd - key)});
            child != UINT32_MAX)
          slot = nodes[child].slot;
      Value v;
      const char c = *p;
      if (c == '"') {
        const char* close = plainStringEnd(p + 1, end);
        if (!close) return false;
        v = Value::string({p + 1, static_cast<size_t>(close - p - 1)});
        p = close + 1;
      } else if (c == '-' || isDigit(c)) {
        if (!scanPlainNumber(p, end, slot >= 0 ? &v : nullptr)) return false;
      } else if (c == 't') {
        if (!scanLiteral(p, end, "true")) return false;
        v = Value::boolean(true);
      } else if (c == 'f') {
        if (!scanLiteral(p, end, "false")) return false;
        v = Value::boolean(false);
      } else if (c == 'n') {
        if (!scanLiteral(p, end, "null")) return false;
        v = Value::null();
      } else {
        return false;  // an object or array (or not JSON)
      }
      if (slot >= 0) set(slot, v);
      if (!consumeToken(p, end, ',')) {
        // Not a comma: the end of the object, or not JSON.
        if (p == end || *p != '}') return false;
        return skipJsonSpace(p + 1, end) == end;
      }
      p = skipJsonSpace(p, end);
    }
  }

  bool extract(Batch& b, uint32_t r) {
    batch = &b;
    row = r;
    if (flat && scanFlat(b.meta(r).payload)) return true;
    ++generation;
    std::string_view payload = b.meta(r).payload;
    od::document doc;
    if (fail(parsers[0]->iterate(paddedView(payload)).get(doc))) return false;
    od::object object;
    if (auto e = doc.get_object().get(object)) {
      error = e == simdjson::INCORRECT_TYPE ? "not a JSON object" : describe(e);
      return false;
    }
    if (!walkObject(object, 0, 0)) return false;
    const char* rest;
    if (doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) {
      error = "unexpected content after the JSON object";
      return false;
    }
    return true;
  }
};

JsonFieldExtractor::JsonFieldExtractor(const SlotTable& slots, bool flatScan)
    : impl_(std::make_unique<Impl>(slots, flatScan)) {}
JsonFieldExtractor::~JsonFieldExtractor() = default;

bool JsonFieldExtractor::extract(Batch& batch, uint32_t row) {
  if (batch.meta(row).payload.empty()) {
    error_ = "empty input, expected a JSON object";
    return false;
  }
  if (impl_->extract(batch, row)) return true;
  error_ = impl_->error ? impl_->error : "invalid JSON";
  return false;
}

// ---------------------------------------------------------------------------------------------
// JsonRecordWriter

struct JsonRecordWriter::Impl {
  struct Node {
    std::string key;
    int32_t slot = -1;
    uint32_t parent = 0;
    std::vector<uint32_t> children;  // in slot order of first use
    bool ownedValue = false;         // this row: the node's own slot is owned
    bool ownedBelow = false;         // this row: an owned slot lies below
    bool presentBelow = false;       // this row: an owned, non-Missing slot lies below
    uint64_t seen = 0;               // row generation in which the payload had this member
  };

  std::vector<Node> nodes;        // 0: the record
  std::vector<int32_t> slotNode;  // slot -> node, -1 for paths with array indexes
  od::parser parser;
  std::string keyScratch;
  uint64_t generation = 0;
  const Batch* batch = nullptr;
  uint32_t row = 0;

  explicit Impl(const SlotTable& slots) {
    nodes.emplace_back();
    slotNode.assign(slots.size(), -1);
    for (uint32_t s = 0; s < slots.size(); ++s) {
      const auto& segs = slots.path(s).segments;
      bool plain = true;
      for (const auto& seg : segs)
        plain = plain && seg.index < 0;
      if (!plain) continue;
      uint32_t n = 0;
      for (const auto& seg : segs) {
        uint32_t found = UINT32_MAX;
        for (uint32_t c : nodes[n].children)
          if (nodes[c].key == seg.key) found = c;
        if (found == UINT32_MAX) {
          found = static_cast<uint32_t>(nodes.size());
          Node child;
          child.key = seg.key;
          child.parent = n;
          nodes.push_back(std::move(child));
          nodes[n].children.push_back(found);
        }
        n = found;
      }
      nodes[n].slot = static_cast<int32_t>(s);
      slotNode[s] = static_cast<int32_t>(n);
    }
  }

  const Value& valueOf(const Node& node) const {
    return batch->at(static_cast<uint32_t>(node.slot), row);
  }

  uint32_t findChild(uint32_t n, std::string_view key) const {
    for (uint32_t c : nodes[n].children)
      if (nodes[c].key == key) return c;
    return UINT32_MAX;
  }

  static void comma(std::string& out, bool& first) {
    if (!first) out += ',';
    first = false;
  }

  static void rawKey(std::string& out, std::string_view escaped) {
    out += '"';
    out += escaped;
    out += "\":";
  }

  void plainKey(std::string& out, std::string_view key) {
    appendJsonString(out, key);
    out += ':';
  }

  // Members the payload did not have: owned values and objects holding owned values.
  void appendMissingMembers(uint32_t n, std::string& out, bool& first) {
    for (uint32_t c : nodes[n].children) {
      const Node& child = nodes[c];
      if (child.seen == generation) continue;
      if (child.ownedValue) {
        const Value& v = valueOf(child);
        if (v.kind == Kind::Missing) continue;
        comma(out, first);
        plainKey(out, child.key);
        appendJsonValue(out, v);
      } else if (child.presentBelow) {
        comma(out, first);
        plainKey(out, child.key);
        writeSynthesised(c, out);
      }
    }
  }

  void writeSynthesised(uint32_t n, std::string& out) {
    out += '{';
    bool first = true;
    appendMissingMembers(n, out, first);
    out += '}';
  }

  bool writeObject(od::object& object, uint32_t n, std::string& out) {
    out += '{';
    bool first = true;
    for (auto member : object) {
      if (member.error()) return false;
      od::field& field = member.value_unsafe();
      bool escaped;
      std::string_view key = quotedText(field.key().raw(), escaped);
      std::string_view lookup = key;
      if (escaped) {
        if (!unescapeJson(key, keyScratch)) return false;
        lookup = keyScratch;
      }
      uint32_t c = findChild(n, lookup);
      if (c != UINT32_MAX && nodes[c].ownedValue) {
        if (nodes[c].seen == generation) continue;  // duplicate key, already replaced
        nodes[c].seen = generation;
        const Value& v = valueOf(nodes[c]);
        if (v.kind == Kind::Missing) continue;
        comma(out, first);
        rawKey(out, key);
        appendJsonValue(out, v);
        continue;
      }
      od::value& value = field.value();
      if (c != UINT32_MAX) {
        nodes[c].seen = generation;
        od::json_type type;
        if (value.type().get(type)) return false;
        if (nodes[c].ownedBelow && type == od::json_type::object) {
          od::object sub;
          if (value.get_object().get(sub)) return false;
          comma(out, first);
          rawKey(out, key);
          if (!writeObject(sub, c, out)) return false;
          continue;
        }
      }
      std::string_view raw;
      if (rawValueText(value, raw)) return false;
      comma(out, first);
      rawKey(out, key);
      out += raw;
    }
    appendMissingMembers(n, out, first);
    out += '}';
    return true;
  }

  void append(const Batch& b, uint32_t r, std::string& out) {
    batch = &b;
    row = r;
    ++generation;
    uint32_t slotCount = std::min<uint32_t>(b.slotCount(), uint32_t(slotNode.size()));
    bool anyOwned = false;
    for (uint32_t s = 0; s < slotCount; ++s)
      anyOwned |= b.at(s, r).owned();
    std::string_view payload = b.meta(r).payload;
    if (!anyOwned) {
      if (payload.empty())
        out += "{}";
      else
        out += payload;
      return;
    }
    for (auto& node : nodes)
      node.ownedValue = node.ownedBelow = node.presentBelow = false;
    for (uint32_t s = 0; s < slotCount; ++s) {
      if (slotNode[s] >= 0 && b.at(s, r).owned()) nodes[size_t(slotNode[s])].ownedValue = true;
    }
    // Children follow their parents in `nodes`, so one backward sweep propagates upwards.
    for (size_t n = nodes.size() - 1; n > 0; --n) {
      Node& node = nodes[n];
      Node& parent = nodes[node.parent];
      if (node.ownedValue || node.ownedBelow) parent.ownedBelow = true;
      if ((node.ownedValue && valueOf(node).kind != Kind::Missing) || node.presentBelow)
        parent.presentBelow = true;
    }
    if (!payload.empty()) {
      size_t start = out.size();
      od::document doc;
      od::object object;
      if (!parser.iterate(paddedView(payload)).get(doc) && !doc.get_object().get(object) &&
          writeObject(object, 0, out))
        return;
      // Not an object (sources drop those, so this is rare): the payload as it came.
      out.resize(start);
      out += payload;
      return;
    }
    writeSynthesised(0, out);
  }
};

JsonRecordWriter::JsonRecordWriter(const SlotTable& slots) : impl_(std::make_unique<Impl>(slots)) {}
JsonRecordWriter::~JsonRecordWriter() = default;

void JsonRecordWriter::append(const Batch& batch, uint32_t row, std::string& out) {
  impl_->append(batch, row, out);
}

// ---------------------------------------------------------------------------------------------
// CsvRecordWriter

struct CsvRecordWriter::Impl {
  JsonRecordWriter json;
  std::string text;  // the row as JSON, padded for simdjson
  od::parser parser;
  std::vector<std::string> header;
  std::vector<std::string> cells;
  std::vector<uint8_t> filled;
  std::string keyScratch;
  uint64_t dropped = 0;
  bool started = false;

  explicit Impl(const SlotTable& slots) : json(slots) {}

  static bool cellText(od::value& v, std::string& cell) {
    cell.clear();
    od::json_type type;
    if (v.type().get(type)) return false;
    if (type == od::json_type::string) {
      std::string_view s;
      if (v.get_string().get(s)) return false;
      cell.assign(s);
      return true;
    }
    if (type == od::json_type::null) return true;
    std::string_view raw;
    if (rawValueText(v, raw)) return false;
    cell.assign(raw);
    return true;
  }

  void writeLine(std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      appendCsvField(out, fields[i]);
    }
    out += '\n';
  }

  void append(const Batch& batch, uint32_t row, std::string& out) {
    text.clear();
    json.append(batch, row, text);
    size_t size = text.size();
    text.append(simdjson::SIMDJSON_PADDING, ' ');
    od::document doc;
    od::object object;
    if (parser.iterate(simdjson::padded_string_view(text.data(), size, text.size())).get(doc) ||
        doc.get_object().get(object))
      return;
    if (!started) {
      started = true;
      for (auto member : object) {
        od::field field;
        std::string_view key;
        if (std::move(member).get(field) || field.unescaped_key().get(key)) break;
        header.emplace_back(key);
        cells.emplace_back();
        if (!cellText(field.value(), cells.back())) cells.back().clear();
      }
      filled.assign(header.size(), 1);
      writeLine(out, header);
      writeLine(out, cells);
      return;
    }
    for (size_t i = 0; i < cells.size(); ++i)
      cells[i].clear();
    size_t position = 0;
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) break;
      size_t column = position < header.size() && header[position] == key ? position : SIZE_MAX;
      for (size_t i = 0; column == SIZE_MAX && i < header.size(); ++i)
        if (header[i] == key) column = i;
      ++position;
      if (column == SIZE_MAX) {
        ++dropped;
        continue;
      }
      if (!cellText(field.value(), cells[column])) cells[column].clear();
    }
    writeLine(out, cells);
  }
};

CsvRecordWriter::CsvRecordWriter(const SlotTable& slots) : impl_(std::make_unique<Impl>(slots)) {}
CsvRecordWriter::~CsvRecordWriter() = default;

void CsvRecordWriter::append(const Batch& batch, uint32_t row, std::string& out) {
  impl_->append(batch, row, out);
}
uint64_t CsvRecordWriter::droppedFields() const {
  return impl_->dropped;
}
const std::vector<std::string>& CsvRecordWriter::header() const {
  return impl_->header;
}
void CsvRecordWriter::resume(std::vector<std::string> header) {
  impl_->started = true;
  impl_->cells.assign(header.size(), std::string());
  impl_->filled.assign(header.size(), 1);
  impl_->header = std::move(header);
}

// ---------------------------------------------------------------------------------------------
// Free helpers

void appendJsonValue(std::string& out, const Value& v) {
  char buf[32];
  switch (v.kind) {
    case Kind::Missing:
    case Kind::Null:
      out += "null";
      return;
    case Kind::Bool:
      out += v.b ? "true" : "false";
      return;
    case Kind::Int: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.i);
      out.append(buf, r.ptr);
      return;
    }
    case Kind::Double: {
      if (!std::isfinite(v.d)) {
        out += "null";
        return;
      }
      auto r = std::to_chars(buf, buf + sizeof buf, v.d);
      out.append(buf, r.ptr);
      if (std::memchr(buf, '.', size_t(r.ptr - buf)) == nullptr &&
          std::memchr(buf, 'e', size_t(r.ptr - buf)) == nullptr)
        out += ".0";
      return;
    }
    case Kind::String:
      appendJsonString(out, v.str());
      return;
    case Kind::Json:
      out += v.str();
      return;
  }
}

void appendCsvField(std::string& out, std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace sc
