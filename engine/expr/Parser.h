#pragma once
// Syntax tree and precedence-climbing parser of the expression language.
//
// Precedence, lowest first: `||` `or` | `&&` `and` | `not` (prefix) | comparisons and `in`
// (not chainable) | `+ -` | `* / %` | prefix `-` `!` | literals, fields, calls, parentheses.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/runtime/SlotTable.h"

namespace sc::expr {

enum class AstKind { Literal, Field, Meta, Unary, Binary, In, Call };

enum class Op { Neg, Not, Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge, And, Or };

const char* opText(Op op);

struct Ast {
  AstKind kind = AstKind::Literal;
  Op op = Op::Add;            // Unary, Binary
  uint32_t pos = 0;           // byte offset of the main token: operator, name or literal
  uint32_t start = 0;         // byte offset where the whole sub-expression starts
  int depth = 1;              // height of this subtree
  Value literal;              // Literal (strings: in `text`)
  std::string text;           // Literal string contents, Call function name, Meta name
  std::string header;         // Meta $headers.NAME
  FieldPath path;             // Field
  bool negated = false;       // In: `not in`
  bool wordOperator = false;  // written as `not` / `and` / `or`
  // Unary: operand; Binary: lhs, rhs; In: value then list items; Call: arguments.
  std::vector<std::unique_ptr<Ast>> children;
};

// Deeper trees are rejected so that evaluation and compilation recursion stay bounded.
constexpr int kMaxDepth = 1000;

std::unique_ptr<Ast> parse(std::string_view text, CompileError* error);

}  // namespace sc::expr
