#pragma once
// Syntax colouring for the expression language in inspector fields: strings, numbers, keywords
// and literals, function names, record metadata ($key, $headers.x) and `quoted` field names.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace sc::designer {

class ExpressionHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit ExpressionHighlighter(QTextDocument* document, bool dark);

 protected:
  void highlightBlock(const QString& text) override;

 private:
  struct Rule {
    QRegularExpression pattern;
    QTextCharFormat format;
  };
  std::vector<Rule> rules_;
};

}  // namespace sc::designer
