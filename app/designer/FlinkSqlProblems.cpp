#include "app/designer/FlinkSqlProblems.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sc::designer {

namespace {
// Item data roles of a row: what to show when it is chosen.
constexpr int kNodeRole = Qt::UserRole;
constexpr int kPropertyRole = Qt::UserRole + 1;

// One JSON pointer reference token, unescaped (~1 -> /, ~0 -> ~).
QString unescapeToken(QString token) {
  return token.replace(QStringLiteral("~1"), QStringLiteral("/"))
      .replace(QStringLiteral("~0"), QStringLiteral("~"));
}
}  // namespace

QString FlinkSqlProblems::propertyOf(const Diagnostic& d) {
  if (!d.property.empty()) return QString::fromStdString(d.property);
  const QStringList parts = QString::fromStdString(d.pointer).split(QLatin1Char('/'));
  // "", "nodes", N, "properties", NAME, ...  or  "", "settings", NAME, ...
  if (parts.size() > 4 && parts[1] == QLatin1String("nodes") &&
      parts[3] == QLatin1String("properties"))
    return unescapeToken(parts[4]);
  if (parts.size() > 2 && parts[1] == QLatin1String("settings")) return unescapeToken(parts[2]);
  return {};
}

FlinkSqlProblems::FlinkSqlProblems(const QString& title, const QString& intro,
                                   const Diagnostics& diagnostics, QWidget* parent)
    : QDialog(parent), list_(new QTreeWidget(this)) {
  setWindowTitle(title);
  auto* layout = new QVBoxLayout(this);
  auto* label = new QLabel(intro, this);
  label->setWordWrap(true);
  layout->addWidget(label);

  list_->setObjectName(QStringLiteral("flinkSqlProblemList"));
  list_->setRootIsDecorated(false);
  list_->setAlternatingRowColors(true);
  list_->setWordWrap(true);
  list_->setHeaderLabels({tr("Node"), tr("Property"), tr("Why"), tr("What to do")});
  for (const Diagnostic& d : diagnostics.items()) {
    const QString property = propertyOf(d);
    // Problems outside a node's properties (a connection's field) show where they are.
    QString where = property;
    const QStringList parts = QString::fromStdString(d.pointer).split(QLatin1Char('/'));
    if (where.isEmpty() && parts.size() > 2 && parts[1] == QLatin1String("connections"))
      where = tr("connection %1: %2")
                  .arg(unescapeToken(parts[2]),
                       parts.size() > 4 ? unescapeToken(parts[4]) : tr("properties"));
    else if (where.isEmpty())
      where = QString::fromStdString(d.pointer);
    auto* item = new QTreeWidgetItem(
        list_, {QString::fromStdString(d.nodeId), where, QString::fromStdString(d.message),
                QString::fromStdString(d.hint)});
    item->setData(0, kNodeRole, QString::fromStdString(d.nodeId));
    item->setData(0, kPropertyRole, property);
    const QString position = d.line > 0 ? QStringLiteral("%1:%2:%3")
                                              .arg(QString::fromStdString(d.file))
                                              .arg(d.line)
                                              .arg(d.column)
                                        : QString::fromStdString(d.pointer);
    for (int column = 0; column < 4; ++column)
      item->setToolTip(column, position + QLatin1Char('\n') + item->text(column));
  }
  list_->header()->setSectionResizeMode(QHeaderView::Interactive);
  list_->setColumnWidth(0, 110);
  list_->setColumnWidth(1, 210);
  list_->setColumnWidth(2, 340);
  list_->header()->setStretchLastSection(true);
  layout->addWidget(list_, 1);
  // The current row in full: the columns cut long texts.
  auto* details = new QLabel(this);
  details->setObjectName(QStringLiteral("flinkSqlProblemDetails"));
  details->setWordWrap(true);
  details->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(details);
  connect(list_, &QTreeWidget::currentItemChanged, this, [details](QTreeWidgetItem* item) {
    details->setText(item ? QStringLiteral("%1 · %2\n%3\n%4")
                                .arg(item->text(0), item->text(1), item->text(2), item->text(3))
                          : QString());
  });
  list_->setCurrentItem(list_->topLevelItem(0));
  auto choose = [this](QTreeWidgetItem* item) {
    if (item)
      Q_EMIT problemChosen(item->data(0, kNodeRole).toString(),
                           item->data(0, kPropertyRole).toString());
  };
  connect(list_, &QTreeWidget::itemClicked, this, choose);
  connect(list_, &QTreeWidget::itemActivated, this, choose);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(900, 360);
}

}  // namespace sc::designer
