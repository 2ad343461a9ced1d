#pragma once
// Built-in functions: signature (for the type checker and docs) and a column kernel each.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/expr/Program.h"

namespace sc::expr {

// Calls take at most this many arguments (the kernels gather a row's arguments on the stack).
constexpr uint32_t kMaxArgs = 16;

// What an argument must be statically; Any, Null and the named type pass.
enum class Param : uint8_t { Any, Bool, Number, String };

// How a call's static result type is found.
enum class ResultRule : uint8_t {
  Fixed,       // FunctionSpec::result
  CommonArgs,  // the type all arguments from `commonFrom` on share, else Any
};

// Evaluates a call over n rows. `data` is per-call compiled state (e.g. a std::regex).
using Kernel = void (*)(const Col* args, uint32_t nargs, Value* out, uint32_t n, EvalContext& ctx,
                        const void* data);

struct FunctionSpec {
  const char* name;
  int minArgs;
  int maxArgs;  // -1: up to kMaxArgs
  Param params[3];
  Param rest;  // arguments past the third
  ResultRule rule;
  Type result;
  uint8_t commonFrom;
  bool pure;  // false: never folded to a constant (now)
  Kernel kernel;
  const char* signature;  // for docs: "lower(s)"
  const char* summary;
};

const FunctionSpec* findFunction(std::string_view name);
const FunctionSpec* functionTable(size_t* count);

// Index of regex_match's pattern argument, which must be a constant string.
constexpr uint32_t kRegexPatternArg = 1;

// Compiles a regex_match pattern, or returns null and says why (RegexPattern.h has the limits).
std::shared_ptr<const void> compileRegex(std::string_view pattern, std::string& error);

}  // namespace sc::expr
