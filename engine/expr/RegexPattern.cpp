#include "engine/expr/RegexPattern.h"

#include <algorithm>

namespace sc::expr {

bool checkRegexPattern(std::string_view pattern, std::string& error) {
  auto at = [](size_t k) { return " (at character " + std::to_string(k + 1) + " of the pattern)"; };
  int depth = 0, maxDepth = 0;
  size_t tooDeepAt = 0;  // 1-based character where the nesting first passes the limit
  bool inClass = false;  // inside [...], where '(' and '{' are literal
  for (size_t k = 0; k < pattern.size(); ++k) {
    const char c = pattern[k];
    if (c == '\\') {
      if (!inClass && k + 1 < pattern.size() && pattern[k + 1] >= '1' && pattern[k + 1] <= '9') {
        error = "back-references (\\1 ...) are not supported in regular expressions" + at(k);
        return false;
      }
      ++k;
      continue;
    }
    if (inClass) {
      inClass = c != ']';
      continue;
    }
    if (c == '[') {
      inClass = true;
    } else if (c == '(') {
      maxDepth = std::max(maxDepth, ++depth);
      if (depth > kMaxRegexNesting && tooDeepAt == 0) tooDeepAt = k + 1;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (c == '{') {
      size_t digits = 0;  // {n}, {n,}, {n,m}: only digits and a comma
      for (size_t m = k + 1;
           m < pattern.size() && ((pattern[m] >= '0' && pattern[m] <= '9') || pattern[m] == ',');
           ++m) {
        digits = pattern[m] == ',' ? 0 : digits + 1;
        if (digits > 4) {
          error = "repetition counts above " + std::to_string(kMaxRegexRepetition) +
                  " are not supported in regular expressions" + at(k);
          return false;
        }
      }
    }
  }
  if (tooDeepAt > 0) {
    error = "regular expression nests groups " + std::to_string(maxDepth) + " deep; the limit is " +
            std::to_string(kMaxRegexNesting) + at(tooDeepAt - 1);
    return false;
  }
  if (pattern.size() > kMaxRegexLength) {
    error = "regular expression is " + std::to_string(pattern.size()) +
            " characters long; the limit is " + std::to_string(kMaxRegexLength);
    return false;
  }
  return true;
}

std::shared_ptr<const std::regex> compileRegexPattern(std::string_view pattern,
                                                      std::string& error) {
  if (!checkRegexPattern(pattern, error)) return nullptr;
  auto flags = std::regex::ECMAScript;
#if defined(__GLIBCXX__)
  flags |= std::regex_constants::__polynomial;
#endif
  try {
    return std::make_shared<const std::regex>(std::string(pattern), flags);
  } catch (const std::regex_error& e) {
    error = std::string("invalid regular expression: ") + e.what();
    return nullptr;
  }
}

}  // namespace sc::expr
