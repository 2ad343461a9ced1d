#include "engine/expr/Parser.h"

#include <algorithm>

#include "engine/expr/Lexer.h"

namespace sc::expr {

const char* opText(Op op) {
  switch (op) {
    case Op::Neg:
      return "-";
    case Op::Not:
      return "!";
    case Op::Add:
      return "+";
    case Op::Sub:
      return "-";
    case Op::Mul:
      return "*";
    case Op::Div:
      return "/";
    case Op::Mod:
      return "%";
    case Op::Eq:
      return "==";
    case Op::Ne:
      return "!=";
    case Op::Lt:
      return "<";
    case Op::Le:
      return "<=";
    case Op::Gt:
      return ">";
    case Op::Ge:
      return ">=";
    case Op::And:
      return "&&";
    case Op::Or:
      return "||";
  }
  return "?";
}

namespace {

constexpr int kPrecOr = 1;
constexpr int kPrecAnd = 2;
constexpr int kPrecCompare = 4;  // `not` (3) takes a comparison-level operand
constexpr int kPrecAdd = 5;
constexpr int kPrecMul = 6;

class Parser {
 public:
  Parser(std::string_view text, CompileError* error) : text_(text), error_(error) {}

  std::unique_ptr<Ast> run() {
    if (!tokenize(text_, toks_, error_)) return nullptr;
    if (peek().kind == Tok::End) {
      fail(peek().pos, "expected an expression, got end of input");
      return nullptr;
    }
    auto e = parseBinary(kPrecOr);
    if (!e) return nullptr;
    if (peek().kind != Tok::End) {
      fail(peek().pos,
           "expected an operator or the end of the expression, got " + describe(peek()));
      return nullptr;
    }
    return e;
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    return toks_[std::min(i_ + ahead, toks_.size() - 1)];
  }
  const Token& take() { return toks_[std::min(i_++, toks_.size() - 1)]; }

  std::nullptr_t fail(uint32_t pos, std::string message) {
    if (error_ && error_->message.empty()) {
      error_->column = columnOf(text_, pos);
      error_->message = std::move(message);
    }
    return nullptr;
  }

  std::unique_ptr<Ast> node(AstKind kind, uint32_t pos, uint32_t start) {
    auto a = std::make_unique<Ast>();
    a->kind = kind;
    a->pos = pos;
    a->start = start;
    return a;
  }

  // Adds `child` under `parent`, keeping the tree's height within kMaxDepth.
  bool adopt(Ast& parent, std::unique_ptr<Ast> child) {
    parent.depth = std::max(parent.depth, child->depth + 1);
    parent.children.push_back(std::move(child));
    if (parent.depth > kMaxDepth) {
      fail(parent.pos,
           "expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
      return false;
    }
    return true;
  }

  // Binary operator at the current token, if any; `width` is its token count.
  bool binaryOp(Op& op, int& prec, bool& negatedIn, size_t& width) const {
    const Token& t = peek();
    negatedIn = false;
    width = 1;
    switch (t.kind) {
      case Tok::Or:
        op = Op::Or;
        prec = kPrecOr;
        return true;
      case Tok::And:
        op = Op::And;
        prec = kPrecAnd;
        return true;
      case Tok::Eq:
        op = Op::Eq;
        prec = kPrecCompare;
        return true;
      case Tok::Ne:
        op = Op::Ne;
        prec = kPrecCompare;
        return true;
      case Tok::Lt:
        op = Op::Lt;
        prec = kPrecCompare;
        return true;
      case Tok::Le:
        op = Op::Le;
        prec = kPrecCompare;
        return true;
      case Tok::Gt:
        op = Op::Gt;
        prec = kPrecCompare;
        return true;
      case Tok::Ge:
        op = Op::Ge;
        prec = kPrecCompare;
        return true;
      case Tok::In:
        op = Op::Eq;
        prec = kPrecCompare;
        return true;  // op unused for `in`
      case Tok::Not:
        if (peek(1).kind != Tok::In) return false;
        negatedIn = true;
        width = 2;
        op = Op::Eq;
        prec = kPrecCompare;
        return true;
      case Tok::Plus:
        op = Op::Add;
        prec = kPrecAdd;
        return true;
      case Tok::Minus:
        op = Op::Sub;
        prec = kPrecAdd;
        return true;
      case Tok::Star:
        op = Op::Mul;
        prec = kPrecMul;
        return true;
      case Tok::Slash:
        op = Op::Div;
        prec = kPrecMul;
        return true;
      case Tok::Percent:
        op = Op::Mod;
        prec = kPrecMul;
        return true;
      default:
        return false;
    }
  }

  std::unique_ptr<Ast> parseBinary(int minPrec) {
    if (++nesting_ > kMaxDepth) {
      return fail(peek().pos, "expression is nested too deeply (more than " +
                                  std::to_string(kMaxDepth) + " levels)");
    }
    auto lhs = parsePrefix();
    if (!lhs) return nullptr;
    bool afterComparison = false;
    while (true) {
      Op op;
      int prec;
      bool negatedIn;
      size_t width;
      if (!binaryOp(op, prec, negatedIn, width) || prec < minPrec) break;
      const Token& opTok = peek();
      uint32_t opPos = opTok.pos;
      bool isIn = opTok.kind == Tok::In || negatedIn;
      if (prec == kPrecCompare) {
        if (afterComparison)
          return fail(opPos, "comparisons cannot be chained; combine them with '&&'");
        afterComparison = true;
      }
      bool word = !opTok.text.empty();
      i_ += width;
      uint32_t start = lhs->start;
      if (isIn) {
        auto in = node(AstKind::In, opPos, start);
        in->negated = negatedIn;
        if (!adopt(*in, std::move(lhs)) || !parseList(*in)) return nullptr;
        lhs = std::move(in);
        continue;
      }
      auto rhs = parseBinary(prec + 1);
      if (!rhs) return nullptr;
      auto bin = node(AstKind::Binary, opPos, start);
      bin->op = op;
      bin->wordOperator = word;
      if (!adopt(*bin, std::move(lhs)) || !adopt(*bin, std::move(rhs))) return nullptr;
      lhs = std::move(bin);
    }
    --nesting_;
    return lhs;
  }

  bool parseList(Ast& in) {
    const Token& open = peek();
    if (open.kind != Tok::LBracket) {
      fail(open.pos, "expected '[' after 'in', got " + describe(open));
      return false;
    }
    uint32_t openPos = open.pos;
    ++i_;
    if (peek().kind == Tok::RBracket) {
      ++i_;
      return true;
    }
    while (true) {
      auto item = parseBinary(kPrecOr);
      if (!item || !adopt(in, std::move(item))) return false;
      const Token& t = take();
      if (t.kind == Tok::RBracket) return true;
      if (t.kind != Tok::Comma) {
        fail(t.pos, "expected ',' or ']' to close '[' opened at column " +
                        std::to_string(columnOf(text_, openPos)) + ", got " + describe(t));
        return false;
      }
    }
  }

  std::unique_ptr<Ast> parsePrefix() {
    const Token& t = peek();
    if (t.kind == Tok::Not || t.kind == Tok::Bang || t.kind == Tok::Minus) {
      uint32_t pos = t.pos;
      Tok kind = t.kind;
      ++i_;
      if (++nesting_ > kMaxDepth) {
        return fail(pos, "expression is nested too deeply (more than " + std::to_string(kMaxDepth) +
                             " levels)");
      }
      auto operand = kind == Tok::Not ? parseBinary(kPrecCompare) : parsePrefix();
      if (!operand) return nullptr;
      --nesting_;
      auto u = node(AstKind::Unary, pos, pos);
      u->op = kind == Tok::Minus ? Op::Neg : Op::Not;
      u->wordOperator = kind == Tok::Not;
      if (!adopt(*u, std::move(operand))) return nullptr;
      return u;
    }
    return parsePrimary();
  }

  std::unique_ptr<Ast> literal(const Token& t, Value v) {
    auto a = node(AstKind::Literal, t.pos, t.pos);
    a->literal = v;
    ++i_;
    return a;
  }

  std::unique_ptr<Ast> parsePrimary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Integer:
        return literal(t, Value::integer(t.intValue));
      case Tok::Decimal:
        return literal(t, Value::number(t.doubleValue));
      case Tok::True:
        return literal(t, Value::boolean(true));
      case Tok::False:
        return literal(t, Value::boolean(false));
      case Tok::Null:
        return literal(t, Value::null());
      case Tok::String: {
        auto a = literal(t, Value::string({}));
        a->text = t.text;
        return a;
      }
      case Tok::Identifier:
        if (peek(1).kind == Tok::LParen) return parseCall();
        return parseField();
      case Tok::Quoted:
        return parseField();
      case Tok::Meta:
        return parseMeta();
      case Tok::LParen: {
        uint32_t openPos = t.pos;
        ++i_;
        auto inner = parseBinary(kPrecOr);
        if (!inner) return nullptr;
        if (peek().kind != Tok::RParen)
          return fail(peek().pos, "expected ')' to close '(' opened at column " +
                                      std::to_string(columnOf(text_, openPos)));
        ++i_;
        inner->start = openPos;
        return inner;
      }
      case Tok::LBracket:
        return fail(t.pos, "a '[...]' list is only allowed after 'in'");
      default:
        return fail(t.pos, "expected an expression, got " + describe(t));
    }
  }

  static bool isNameToken(const Token& t) {
    switch (t.kind) {
      case Tok::Identifier:
      case Tok::Quoted:
        return true;
      case Tok::True:
      case Tok::False:
      case Tok::Null:
      case Tok::And:
      case Tok::Or:
      case Tok::Not:
      case Tok::In:
        return !t.text.empty();  // keywords are plain keys after '.'
      default:
        return false;
    }
  }

  std::unique_ptr<Ast> parseField() {
    const Token& first = take();
    auto a = node(AstKind::Field, first.pos, first.pos);
    a->path.segments.push_back({first.text, -1});
    while (true) {
      const Token& t = peek();
      if (t.kind == Tok::Dot) {
        ++i_;
        const Token& name = peek();
        if (!isNameToken(name))
          return fail(name.pos, "expected a field name after '.', got " + describe(name));
        a->path.segments.push_back({name.text, -1});
        ++i_;
      } else if (t.kind == Tok::LBracket) {
        uint32_t openPos = t.pos;
        ++i_;
        const Token& index = peek();
        if (index.kind != Tok::Integer || index.intValue > 1'000'000'000)
          return fail(index.pos,
                      "expected an array index (a non-negative integer) inside '[ ]', got " +
                          describe(index));
        a->path.segments.push_back({{}, static_cast<int32_t>(index.intValue)});
        ++i_;
        if (peek().kind != Tok::RBracket)
          return fail(peek().pos, "expected ']' to close '[' opened at column " +
                                      std::to_string(columnOf(text_, openPos)));
        ++i_;
      } else {
        return a;
      }
    }
  }

  std::unique_ptr<Ast> parseMeta() {
    const Token& t = take();
    auto a = node(AstKind::Meta, t.pos, t.pos);
    a->text = t.text;
    if (t.text != "headers") return a;
    if (peek().kind != Tok::Dot)
      return fail(peek().pos, "expected '.NAME' after $headers (e.g. $headers.trace_id)");
    ++i_;
    const Token& name = peek();
    if (!isNameToken(name))
      return fail(name.pos, "expected a header name after '$headers.', got " + describe(name));
    a->header = name.text;
    ++i_;
    return a;
  }

  std::unique_ptr<Ast> parseCall() {
    const Token& name = take();
    auto call = node(AstKind::Call, name.pos, name.pos);
    call->text = name.text;
    uint32_t openPos = take().pos;
    if (peek().kind == Tok::RParen) {
      ++i_;
      return call;
    }
    while (true) {
      auto arg = parseBinary(kPrecOr);
      if (!arg || !adopt(*call, std::move(arg))) return nullptr;
      const Token& t = take();
      if (t.kind == Tok::RParen) return call;
      if (t.kind != Tok::Comma)
        return fail(t.pos, "expected ',' or ')' to close '(' of " + call->text +
                               "() opened at column " + std::to_string(columnOf(text_, openPos)) +
                               ", got " + describe(t));
    }
  }

  std::string_view text_;
  CompileError* error_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int nesting_ = 0;
};

}  // namespace

std::unique_ptr<Ast> parse(std::string_view text, CompileError* error) {
  return Parser(text, error).run();
}

}  // namespace sc::expr
