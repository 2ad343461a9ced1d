#pragma once
// Tokens of the expression language. Positions are byte offsets into the source text; they
// become 1-based character columns only when an error is reported.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/Expression.h"

namespace sc::expr {

enum class Tok {
  End,
  Integer,     // intValue
  Decimal,     // doubleValue
  String,      // text (escapes resolved)
  Identifier,  // text
  Quoted,      // `name` with `` resolved, text
  Meta,        // $name, text = name
  True,
  False,
  Null,
  And,  // && or `and`
  Or,   // || or `or`
  Bang,
  Not,  // keyword `not`
  In,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
};

struct Token {
  Tok kind = Tok::End;
  uint32_t pos = 0;  // byte offset of the first character
  uint32_t end = 0;  // byte offset past the last character
  std::string text;
  int64_t intValue = 0;
  double doubleValue = 0;
};

// 1-based column of byte offset `pos` in `text`, counting UTF-8 characters.
int columnOf(std::string_view text, uint32_t pos);

// Human-readable description of a token for error messages ("')'", "end of input", "'foo'").
std::string describe(const Token& t);

// Splits `text` into tokens ending with Tok::End. Returns false and fills `error` on a lexical
// error.
bool tokenize(std::string_view text, std::vector<Token>& out, CompileError* error);

}  // namespace sc::expr
