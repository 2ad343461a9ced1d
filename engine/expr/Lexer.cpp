#include "engine/expr/Lexer.h"

#include <charconv>

namespace sc::expr {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isIdentChar(char c) {
  return isIdentStart(c) || isDigit(c);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The whole UTF-8 character starting at `pos`, for "unexpected character" messages.
std::string_view charAt(std::string_view text, size_t pos) {
  size_t end = pos + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    ++end;
  return text.substr(pos, end - pos);
}

class Lexer {
 public:
  Lexer(std::string_view text, std::vector<Token>& out, CompileError* error)
      : text_(text), out_(out), error_(error) {}

  bool run() {
    out_.clear();
    while (true) {
      while (pos_ < text_.size() && isSpace(text_[pos_]))
        ++pos_;
      Token t;
      t.pos = static_cast<uint32_t>(pos_);
      if (pos_ >= text_.size()) {
        t.end = t.pos;
        out_.push_back(std::move(t));
        return true;
      }
      if (!next(t)) return false;
      t.end = static_cast<uint32_t>(pos_);
      out_.push_back(std::move(t));
    }
  }

 private:
  static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool fail(size_t pos, std::string message) {
    if (error_) {
      error_->column = columnOf(text_, static_cast<uint32_t>(pos));
      error_->message = std::move(message);
    }
    return false;
  }

  bool next(Token& t) {
    char c = text_[pos_];
    if (isDigit(c)) return number(t);
    if (isIdentStart(c)) {
      size_t start = pos_;
      while (pos_ < text_.size() && isIdentChar(text_[pos_]))
        ++pos_;
      t.text = std::string(text_.substr(start, pos_ - start));
      t.kind = keyword(t.text);
      return true;
    }
    if (c == '"' || c == '\'') return string(t, c);
    if (c == '`') return quoted(t);
    if (c == '$') {
      size_t start = ++pos_;
      while (pos_ < text_.size() && isIdentChar(text_[pos_]))
        ++pos_;
      if (pos_ == start)
        return fail(start - 1,
                    "expected a metadata name after '$' ($key, $topic, $partition, $offset, "
                    "$timestamp or $headers.NAME)");
      t.kind = Tok::Meta;
      t.text = std::string(text_.substr(start, pos_ - start));
      return true;
    }
    char n = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    auto two = [&](Tok kind) {
      t.kind = kind;
      pos_ += 2;
      return true;
    };
    auto one = [&](Tok kind) {
      t.kind = kind;
      pos_ += 1;
      return true;
    };
    switch (c) {
      case '&':
        if (n == '&') return two(Tok::And);
        return fail(pos_, "unexpected '&'; did you mean '&&'?");
      case '|':
        if (n == '|') return two(Tok::Or);
        return fail(pos_, "unexpected '|'; did you mean '||'?");
      case '=':
        if (n == '=') return two(Tok::Eq);
        return fail(pos_, "unexpected '='; did you mean '=='?");
      case '!':
        if (n == '=') return two(Tok::Ne);
        return one(Tok::Bang);
      case '<':
        if (n == '=') return two(Tok::Le);
        if (n == '>') return two(Tok::Ne);
        return one(Tok::Lt);
      case '>':
        if (n == '=') return two(Tok::Ge);
        return one(Tok::Gt);
      case '+':
        return one(Tok::Plus);
      case '-':
        return one(Tok::Minus);
      case '*':
        return one(Tok::Star);
      case '/':
        return one(Tok::Slash);
      case '%':
        return one(Tok::Percent);
      case '(':
        return one(Tok::LParen);
      case ')':
        return one(Tok::RParen);
      case '[':
        return one(Tok::LBracket);
      case ']':
        return one(Tok::RBracket);
      case ',':
        return one(Tok::Comma);
      case '.':
        return one(Tok::Dot);
      default:
        break;
    }
    return fail(pos_, "unexpected character '" + std::string(charAt(text_, pos_)) + "'");
  }

  static Tok keyword(const std::string& w) {
    if (w == "true") return Tok::True;
    if (w == "false") return Tok::False;
    if (w == "null") return Tok::Null;
    if (w == "and") return Tok::And;
    if (w == "or") return Tok::Or;
    if (w == "not") return Tok::Not;
    if (w == "in") return Tok::In;
    return Tok::Identifier;
  }

  bool number(Token& t) {
    size_t start = pos_;
    while (pos_ < text_.size() && isDigit(text_[pos_]))
      ++pos_;
    bool decimal = false;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      decimal = true;
      ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_]))
        return fail(start, "invalid number '" + std::string(text_.substr(start, pos_ - start)) +
                               "': expected digits after '.'");
      while (pos_ < text_.size() && isDigit(text_[pos_]))
        ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      decimal = true;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_]))
        return fail(start, "invalid number '" + std::string(text_.substr(start, pos_ - start)) +
                               "': expected digits in the exponent");
      while (pos_ < text_.size() && isDigit(text_[pos_]))
        ++pos_;
    }
    if (pos_ < text_.size() && (isIdentChar(text_[pos_]) || text_[pos_] == '.')) {
      while (pos_ < text_.size() && (isIdentChar(text_[pos_]) || text_[pos_] == '.'))
        ++pos_;
      return fail(start, "invalid number '" + std::string(text_.substr(start, pos_ - start)) + "'");
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (!decimal) {
      auto r = std::from_chars(first, last, t.intValue);
      if (r.ec == std::errc() && r.ptr == last) {
        t.kind = Tok::Integer;
        return true;
      }
    }
    auto r = std::from_chars(first, last, t.doubleValue);
    if (r.ec != std::errc() || r.ptr != last)
      return fail(
          start, "number '" + std::string(text_.substr(start, pos_ - start)) + "' is out of range");
    t.kind = Tok::Decimal;
    return true;
  }

  bool string(Token& t, char quote) {
    size_t start = pos_++;
    t.kind = Tok::String;
    while (true) {
      if (pos_ >= text_.size())
        return fail(start, std::string("unterminated string: expected a closing ") +
                               (quote == '"' ? "'\"'" : "\"'\""));
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return true;
      }
      if (c != '\\') {
        t.text += c;
        ++pos_;
        continue;
      }
      size_t escape = pos_;
      if (pos_ + 1 >= text_.size()) return fail(escape, "unterminated escape sequence in string");
      char e = text_[pos_ + 1];
      pos_ += 2;
      switch (e) {
        case '"':
          t.text += '"';
          break;
        case '\'':
          t.text += '\'';
          break;
        case '\\':
          t.text += '\\';
          break;
        case '/':
          t.text += '/';
          break;
        case 'n':
          t.text += '\n';
          break;
        case 't':
          t.text += '\t';
          break;
        case 'r':
          t.text += '\r';
          break;
        case 'b':
          t.text += '\b';
          break;
        case 'f':
          t.text += '\f';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return fail(escape, "invalid escape: expected 4 hex digits after '\\u'");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
              pos_ += 2;
              if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                return fail(escape, "invalid escape: unpaired UTF-16 surrogate");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              return fail(escape, "invalid escape: unpaired UTF-16 surrogate");
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(escape, "invalid escape: unpaired UTF-16 surrogate");
          }
          appendUtf8(t.text, cp);
          break;
        }
        default:
          return fail(escape, "invalid escape '\\" + std::string(charAt(text_, escape + 1)) +
                                  "' in string; expected one of \\\" \\' \\\\ \\n \\t \\r "
                                  "\\uXXXX");
      }
    }
  }

  bool hex4(uint32_t& cp) {
    if (pos_ + 4 > text_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      int h = hexValue(text_[pos_ + k]);
      if (h < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  bool quoted(Token& t) {
    size_t start = pos_++;
    t.kind = Tok::Quoted;
    while (true) {
      if (pos_ >= text_.size())
        return fail(start, "unterminated quoted name: expected a closing '`'");
      char c = text_[pos_++];
      if (c == '`') {
        if (pos_ < text_.size() && text_[pos_] == '`') {
          t.text += '`';
          ++pos_;
          continue;
        }
        if (t.text.empty()) return fail(start, "empty quoted name ``");
        return true;
      }
      t.text += c;
    }
  }

  std::string_view text_;
  std::vector<Token>& out_;
  CompileError* error_;
  size_t pos_ = 0;
};

}  // namespace

int columnOf(std::string_view text, uint32_t pos) {
  int column = 1;
  for (uint32_t i = 0; i < pos && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case Tok::End:
      return "end of input";
    case Tok::Integer:
    case Tok::Decimal:
      return "number";
    case Tok::String:
      return "string \"" + t.text + "\"";
    case Tok::Identifier:
      return "'" + t.text + "'";
    case Tok::Quoted:
      return "`" + t.text + "`";
    case Tok::Meta:
      return "'$" + t.text + "'";
    case Tok::True:
      return "'true'";
    case Tok::False:
      return "'false'";
    case Tok::Null:
      return "'null'";
    case Tok::And:
      return t.text.empty() ? "'&&'" : "'and'";
    case Tok::Or:
      return t.text.empty() ? "'||'" : "'or'";
    case Tok::Bang:
      return "'!'";
    case Tok::Not:
      return "'not'";
    case Tok::In:
      return "'in'";
    case Tok::Plus:
      return "'+'";
    case Tok::Minus:
      return "'-'";
    case Tok::Star:
      return "'*'";
    case Tok::Slash:
      return "'/'";
    case Tok::Percent:
      return "'%'";
    case Tok::Eq:
      return "'=='";
    case Tok::Ne:
      return "'!='";
    case Tok::Lt:
      return "'<'";
    case Tok::Le:
      return "'<='";
    case Tok::Gt:
      return "'>'";
    case Tok::Ge:
      return "'>='";
    case Tok::LParen:
      return "'('";
    case Tok::RParen:
      return "')'";
    case Tok::LBracket:
      return "'['";
    case Tok::RBracket:
      return "']'";
    case Tok::Comma:
      return "','";
    case Tok::Dot:
      return "'.'";
  }
  return "token";
}

bool tokenize(std::string_view text, std::vector<Token>& out, CompileError* error) {
  return Lexer(text, out, error).run();
}

}  // namespace sc::expr
