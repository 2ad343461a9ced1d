#include "engine/expr/Functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "engine/expr/RegexPattern.h"

namespace sc::expr {
namespace {

// Per-row implementation of a function; rowKernel<F> loops it over a column with F inlined.
using RowFn = Value (*)(const Value* args, uint32_t nargs, EvalContext& ctx, const void* data);

template <RowFn F>
void rowKernel(const Col* args, uint32_t nargs, Value* out, uint32_t n, EvalContext& ctx,
               const void* data) {
  Value row[kMaxArgs];
  for (uint32_t r = 0; r < n; ++r) {
    for (uint32_t k = 0; k < nargs; ++k)
      row[k] = args[k].at(r);
    out[r] = F(row, nargs, ctx, data);
  }
}

bool isUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

uint32_t codePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s)
    n += !isUtf8Continuation(c);
  return n;
}

// Byte offset of code point `index` (clamped to the end).
size_t byteOffsetOf(std::string_view s, uint32_t index) {
  size_t pos = 0;
  uint32_t seen = 0;
  while (pos < s.size()) {
    if (!isUtf8Continuation(s[pos])) {
      if (seen == index) return pos;
      ++seen;
    }
    ++pos;
  }
  return s.size();
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Elements of a raw JSON array or members of an object; -1 when the text is malformed.
int64_t jsonLength(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && isSpace(s[i]))
    ++i;
  if (i >= s.size() || (s[i] != '[' && s[i] != '{')) return -1;
  int depth = 0;
  int64_t count = 0;
  bool content = false;  // something seen at depth 1 since the last separator
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      if (depth == 1) content = true;
      continue;
    }
    if (c == '[' || c == '{') {
      if (depth == 1) content = true;
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return count + (content ? 1 : 0);
    } else if (c == ',' && depth == 1) {
      ++count;
      content = false;
    } else if (depth == 1 && !isSpace(c)) {
      content = true;
    }
  }
  return -1;
}

Value intIfFits(double r) {
  if (!std::isfinite(r)) return Value::null();
  if (r >= -9223372036854775808.0 && r < 9223372036854775808.0)
    return Value::integer(static_cast<int64_t>(r));
  return Value::number(r);
}

// Text of a scalar for to_string/concat; numbers are formatted into `buf` (32 bytes).
bool textOf(const Value& v, char* buf, std::string_view& out) {
  switch (v.kind) {
    case Kind::String:
    case Kind::Json:
      out = v.str();
      return true;
    case Kind::Bool:
      out = v.b ? "true" : "false";
      return true;
    case Kind::Int: {
      auto r = std::to_chars(buf, buf + 32, v.i);
      out = {buf, static_cast<size_t>(r.ptr - buf)};
      return true;
    }
    case Kind::Double: {
      auto r = std::to_chars(buf, buf + 32, v.d);
      out = {buf, static_cast<size_t>(r.ptr - buf)};
      return true;
    }
    case Kind::Missing:
    case Kind::Null:
      break;
  }
  return false;
}

Value fnLower(const Value* a, uint32_t, EvalContext& ctx, const void*) {
  if (a[0].kind != Kind::String) return Value::null();
  std::string_view s = a[0].str();
  size_t first = 0;
  while (first < s.size() && !(s[first] >= 'A' && s[first] <= 'Z'))
    ++first;
  if (first == s.size()) return a[0];  // already lower case: no copy
  char* p = ctx.arena().allocate(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    char c = s[k];
    p[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return Value::string({p, s.size()});
}

Value fnUpper(const Value* a, uint32_t, EvalContext& ctx, const void*) {
  if (a[0].kind != Kind::String) return Value::null();
  std::string_view s = a[0].str();
  size_t first = 0;
  while (first < s.size() && !(s[first] >= 'a' && s[first] <= 'z'))
    ++first;
  if (first == s.size()) return a[0];
  char* p = ctx.arena().allocate(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    char c = s[k];
    p[k] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return Value::string({p, s.size()});
}

Value fnTrim(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind != Kind::String) return Value::null();
  std::string_view s = a[0].str();
  while (!s.empty() && isSpace(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back()))
    s.remove_suffix(1);
  return Value::string(s);
}

Value fnLen(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind == Kind::String) return Value::integer(codePoints(a[0].str()));
  if (a[0].kind == Kind::Json) {
    int64_t n = jsonLength(a[0].str());
    return n < 0 ? Value::null() : Value::integer(n);
  }
  return Value::null();
}

Value fnContains(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind != Kind::String || a[1].kind != Kind::String) return Value::boolean(false);
  return Value::boolean(a[0].str().find(a[1].str()) != std::string_view::npos);
}

Value fnStartsWith(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind != Kind::String || a[1].kind != Kind::String) return Value::boolean(false);
  return Value::boolean(a[0].str().starts_with(a[1].str()));
}

Value fnEndsWith(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind != Kind::String || a[1].kind != Kind::String) return Value::boolean(false);
  return Value::boolean(a[0].str().ends_with(a[1].str()));
}

// std::regex is slow and allocates inside regex_search; acceptable for now, a faster engine can
// replace it behind this kernel. Patterns are compiled in libstdc++'s polynomial (breadth-first)
// mode, whose stack use does not grow with the input as the default depth-first matcher's does.
Value fnRegexMatch(const Value* a, uint32_t, EvalContext&, const void* data) {
  if (a[0].kind != Kind::String || !data) return Value::boolean(false);
  const auto& re = *static_cast<const std::regex*>(data);
  return Value::boolean(std::regex_search(a[0].s, a[0].s + a[0].len, re));
}

Value fnAbs(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind == Kind::Int)
    return a[0].i == INT64_MIN ? Value::number(-static_cast<double>(a[0].i))
                               : Value::integer(a[0].i < 0 ? -a[0].i : a[0].i);
  if (a[0].kind == Kind::Double) return Value::number(std::fabs(a[0].d));
  return Value::null();
}

Value fnRound(const Value* a, uint32_t nargs, EvalContext&, const void*) {
  if (!a[0].isNumber()) return Value::null();
  if (nargs < 2) return a[0].kind == Kind::Int ? a[0] : intIfFits(std::round(a[0].d));
  if (!a[1].isNumber()) return Value::null();
  double digits = std::trunc(a[1].toDouble());
  if (digits >= 0 && a[0].kind == Kind::Int) return a[0];
  if (digits > 15) digits = 15;
  if (digits < -15) digits = -15;
  double scale = std::pow(10.0, digits);
  double r = std::round(a[0].toDouble() * scale) / scale;
  return std::isfinite(r) ? Value::number(r) : Value::null();
}

Value fnFloor(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind == Kind::Int) return a[0];
  if (a[0].kind == Kind::Double) return intIfFits(std::floor(a[0].d));
  return Value::null();
}

Value fnCeil(const Value* a, uint32_t, EvalContext&, const void*) {
  if (a[0].kind == Kind::Int) return a[0];
  if (a[0].kind == Kind::Double) return intIfFits(std::ceil(a[0].d));
  return Value::null();
}

Value fnCoalesce(const Value* a, uint32_t nargs, EvalContext&, const void*) {
  for (uint32_t k = 0; k < nargs; ++k)
    if (!a[k].isNullish()) return a[k];
  return Value::null();
}

Value fnExists(const Value* a, uint32_t, EvalContext&, const void*) {
  return Value::boolean(a[0].kind != Kind::Missing);
}

Value fnToNumber(const Value* a, uint32_t, EvalContext&, const void*) {
  switch (a[0].kind) {
    case Kind::Int:
    case Kind::Double:
      return a[0];
    case Kind::Bool:
      return Value::integer(a[0].b ? 1 : 0);
    case Kind::String: {
      std::string_view s = a[0].str();
      while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
      while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
      if (s.empty()) return Value::null();
      const char* first = s.data();
      const char* last = s.data() + s.size();
      if (*first == '+') ++first;
      if (first == last || *first == '+') return Value::null();
      int64_t i;
      auto ri = std::from_chars(first, last, i);
      if (ri.ec == std::errc() && ri.ptr == last) return Value::integer(i);
      double d;
      auto rd = std::from_chars(first, last, d);
      if (rd.ec == std::errc() && rd.ptr == last && std::isfinite(d)) return Value::number(d);
      return Value::null();
    }
    default:
      return Value::null();
  }
}

Value fnToString(const Value* a, uint32_t, EvalContext& ctx, const void*) {
  if (a[0].kind == Kind::String) return a[0];
  char buf[32];
  std::string_view text;
  if (!textOf(a[0], buf, text)) return Value::null();
  if (a[0].kind == Kind::Int || a[0].kind == Kind::Double) text = ctx.arena().copy(text);
  return Value::string(text);
}

Value fnNow(const Value*, uint32_t, EvalContext& ctx, const void*) {
  return ctx.now;
}

// Code-point based; a negative start counts from the end.
Value fnSubstr(const Value* a, uint32_t nargs, EvalContext&, const void*) {
  if (a[0].kind != Kind::String || !a[1].isNumber()) return Value::null();
  if (nargs > 2 && !a[2].isNumber()) return Value::null();
  if (!std::isfinite(a[1].toDouble()) || (nargs > 2 && !std::isfinite(a[2].toDouble())))
    return Value::null();
  std::string_view s = a[0].str();
  double startArg = std::trunc(a[1].toDouble());
  double total = codePoints(s);
  double start = startArg < 0 ? std::max(0.0, total + startArg) : std::min(startArg, total);
  double end = total;
  if (nargs > 2) {
    double count = std::trunc(a[2].toDouble());
    end = count <= 0 ? start : std::min(total, start + count);
  }
  size_t from = byteOffsetOf(s, static_cast<uint32_t>(start));
  size_t to = byteOffsetOf(s, static_cast<uint32_t>(end));
  return Value::string(s.substr(from, to - from));
}

Value fnConcat(const Value* a, uint32_t nargs, EvalContext& ctx, const void*) {
  char bufs[kMaxArgs][32];
  std::string_view parts[kMaxArgs];
  size_t total = 0;
  for (uint32_t k = 0; k < nargs; ++k) {
    if (!textOf(a[k], bufs[k], parts[k])) parts[k] = {};
    total += parts[k].size();
  }
  if (total == 0) return Value::string({});
  char* p = ctx.arena().allocate(total);
  size_t pos = 0;
  for (uint32_t k = 0; k < nargs; ++k) {
    if (!parts[k].empty()) std::memcpy(p + pos, parts[k].data(), parts[k].size());
    pos += parts[k].size();
  }
  return Value::string({p, total});
}

template <bool Max>
Value fnExtreme(const Value* a, uint32_t nargs, EvalContext&, const void*) {
  Value best = Value::null();
  for (uint32_t k = 0; k < nargs; ++k) {
    const Value& v = a[k];
    if (v.isNullish()) continue;
    if (!v.isNumber()) return Value::null();
    if (best.kind == Kind::Null) {
      best = v;
      continue;
    }
    bool better;
    if (v.kind == Kind::Int && best.kind == Kind::Int)
      better = Max ? v.i > best.i : v.i < best.i;
    else
      better = Max ? v.toDouble() > best.toDouble() : v.toDouble() < best.toDouble();
    if (better) best = v;
  }
  return best;
}

Value fnIf(const Value* a, uint32_t, EvalContext&, const void*) {
  return a[0].isTrue() ? a[1] : a[2];
}

constexpr Param A = Param::Any;
constexpr Param B = Param::Bool;
constexpr Param N = Param::Number;
constexpr Param S = Param::String;
constexpr ResultRule F = ResultRule::Fixed;

const FunctionSpec kFunctions[] = {
    {"lower",
     1,
     1,
     {S},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnLower>,
     "lower(s)",
     "s with ASCII letters in lower case"},
    {"upper",
     1,
     1,
     {S},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnUpper>,
     "upper(s)",
     "s with ASCII letters in upper case"},
    {"trim",
     1,
     1,
     {S},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnTrim>,
     "trim(s)",
     "s without leading and trailing whitespace"},
    {"len",
     1,
     1,
     {S},
     A,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnLen>,
     "len(x)",
     "characters in a string, or elements of a JSON array or object field"},
    {"substr",
     2,
     3,
     {S, N, N},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnSubstr>,
     "substr(s, start[, count])",
     "count characters of s from start (0-based; negative counts from the end)"},
    {"concat",
     1,
     -1,
     {A, A, A},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnConcat>,
     "concat(a, b, ...)",
     "the arguments as text, joined; null counts as empty"},
    {"contains",
     2,
     2,
     {S, S},
     A,
     F,
     Type::Bool,
     0,
     true,
     rowKernel<fnContains>,
     "contains(s, part)",
     "true when part occurs in s"},
    {"starts_with",
     2,
     2,
     {S, S},
     A,
     F,
     Type::Bool,
     0,
     true,
     rowKernel<fnStartsWith>,
     "starts_with(s, prefix)",
     "true when s begins with prefix"},
    {"ends_with",
     2,
     2,
     {S, S},
     A,
     F,
     Type::Bool,
     0,
     true,
     rowKernel<fnEndsWith>,
     "ends_with(s, suffix)",
     "true when s ends with suffix"},
    {"regex_match",
     2,
     2,
     {S, S},
     A,
     F,
     Type::Bool,
     0,
     true,
     rowKernel<fnRegexMatch>,
     "regex_match(s, \"pattern\")",
     "true when the ECMAScript regular expression (a constant) matches somewhere in s"},
    {"abs", 1, 1, {N}, A, F, Type::Number, 0, true, rowKernel<fnAbs>, "abs(x)", "absolute value"},
    {"round",
     1,
     2,
     {N, N},
     A,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnRound>,
     "round(x[, digits])",
     "x rounded half away from zero, to an integer or to digits decimal places"},
    {"floor",
     1,
     1,
     {N},
     A,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnFloor>,
     "floor(x)",
     "largest integer <= x"},
    {"ceil",
     1,
     1,
     {N},
     A,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnCeil>,
     "ceil(x)",
     "smallest integer >= x"},
    {"min",
     1,
     -1,
     {N, N, N},
     N,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnExtreme<false>>,
     "min(a, b, ...)",
     "smallest of the numbers, ignoring nulls"},
    {"max",
     1,
     -1,
     {N, N, N},
     N,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnExtreme<true>>,
     "max(a, b, ...)",
     "largest of the numbers, ignoring nulls"},
    {"coalesce",
     1,
     -1,
     {A, A, A},
     A,
     ResultRule::CommonArgs,
     Type::Any,
     0,
     true,
     rowKernel<fnCoalesce>,
     "coalesce(a, b, ...)",
     "the first argument that is not null"},
    {"if",
     3,
     3,
     {B, A, A},
     A,
     ResultRule::CommonArgs,
     Type::Any,
     1,
     true,
     rowKernel<fnIf>,
     "if(condition, then, else)",
     "then when condition is true, else otherwise (also for null)"},
    {"exists",
     1,
     1,
     {A},
     A,
     F,
     Type::Bool,
     0,
     true,
     rowKernel<fnExists>,
     "exists(field)",
     "true when the field is present in the record, even if its value is null"},
    {"to_number",
     1,
     1,
     {A},
     A,
     F,
     Type::Number,
     0,
     true,
     rowKernel<fnToNumber>,
     "to_number(x)",
     "x as a number (strings are parsed, booleans give 1 or 0); null if not one"},
    {"to_string",
     1,
     1,
     {A},
     A,
     F,
     Type::String,
     0,
     true,
     rowKernel<fnToString>,
     "to_string(x)",
     "x as text (JSON objects and arrays as their JSON text)"},
    {"now",
     0,
     0,
     {A},
     A,
     F,
     Type::Number,
     0,
     false,
     rowKernel<fnNow>,
     "now()",
     "current time in epoch milliseconds, read once per batch"},
};

}  // namespace

std::shared_ptr<const void> compileRegex(std::string_view pattern, std::string& error) {
  return compileRegexPattern(pattern, error);
}

const FunctionSpec* findFunction(std::string_view name) {
  for (const auto& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

const FunctionSpec* functionTable(size_t* count) {
  *count = sizeof(kFunctions) / sizeof(kFunctions[0]);
  return kFunctions;
}

}  // namespace sc::expr
