#pragma once
// Type checking, constant folding and code generation: syntax tree -> Program.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/expr/Program.h"

namespace sc::expr {

// Compiles `text`; interns the fields it reads into `slots` only when compilation succeeds.
std::unique_ptr<Program> compileProgram(std::string_view text, SlotTable& slots, Type expected,
                                        CompileError& error);

// Levenshtein distance, for "did you mean" hints.
size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to `name` if it is close enough to be a likely typo, else empty.
std::string closestMatch(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace sc::expr
