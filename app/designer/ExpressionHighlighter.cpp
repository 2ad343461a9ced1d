#include "app/designer/ExpressionHighlighter.h"

#include "engine/expr/Expression.h"

namespace sc::designer {

namespace {

QTextCharFormat charFormat(const QColor& colour, bool bold = false) {
  QTextCharFormat f;
  f.setForeground(colour);
  if (bold) f.setFontWeight(QFont::DemiBold);
  return f;
}

}  // namespace

ExpressionHighlighter::ExpressionHighlighter(QTextDocument* document, bool dark)
    : QSyntaxHighlighter(document) {
  const QColor keyword = dark ? QColor(0xc5, 0x86, 0xc0) : QColor(0x8250df);
  const QColor function = dark ? QColor(0xdc, 0xdc, 0xaa) : QColor(0x6f, 0x42, 0xc1);
  const QColor number = dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58);
  const QColor string = dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15);
  const QColor meta = dark ? QColor(0x4e, 0xc9, 0xb0) : QColor(0x00, 0x5c, 0xc5);
  const QColor variable = dark ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb3, 0x5c, 0x00);

  QStringList functions;
  for (const std::string& name : expr::functionNames())
    functions << QString::fromStdString(name);
  if (!functions.isEmpty())
    rules_.push_back(
        {QRegularExpression(QStringLiteral("\\b(%1)(?=\\s*\\()").arg(functions.join('|'))),
         charFormat(function)});
  rules_.push_back({QRegularExpression(QStringLiteral("\\b(and|or|not|in|true|false|null)\\b")),
                    charFormat(keyword, true)});
  rules_.push_back(
      {QRegularExpression(QStringLiteral("(&&|\\|\\||!(?!=))")), charFormat(keyword, true)});
  rules_.push_back({QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b")),
                    charFormat(number)});
  rules_.push_back(
      {QRegularExpression(QStringLiteral("\\$[A-Za-z_][A-Za-z0-9_.]*")), charFormat(meta)});
  rules_.push_back({QRegularExpression(QStringLiteral("`[^`]*`?")), charFormat(meta)});
  rules_.push_back(
      {QRegularExpression(QStringLiteral("\"(\\\\.|[^\"\\\\])*\"?")), charFormat(string)});
  rules_.push_back(
      {QRegularExpression(QStringLiteral("'(\\\\.|[^'\\\\])*'?")), charFormat(string)});
  rules_.push_back(
      {QRegularExpression(QStringLiteral("\\$\\{[^}]*\\}?")), charFormat(variable, true)});
}

void ExpressionHighlighter::highlightBlock(const QString& text) {
  // Later rules win: strings and ${VAR} override what matched inside them.
  for (const Rule& rule : rules_) {
    auto it = rule.pattern.globalMatch(text);
    while (it.hasNext()) {
      const auto match = it.next();
      setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()),
                rule.format);
    }
  }
}

}  // namespace sc::designer
