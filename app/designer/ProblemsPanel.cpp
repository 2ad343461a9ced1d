#include "app/designer/ProblemsPanel.h"

#include <QHeaderView>
#include <QPainter>

#include "app/designer/CanvasStyle.h"

namespace sc::designer {

namespace {

constexpr int kNodeRole = Qt::UserRole + 1;
constexpr int kPropertyRole = Qt::UserRole + 2;

QIcon severityIcon(const QColor& colour) {
  QPixmap pixmap(32, 32);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(colour);
  p.drawEllipse(QRectF(6, 6, 20, 20));
  return QIcon(pixmap);
}

}  // namespace

ProblemsPanel::ProblemsPanel(PipelineDocument* document, QWidget* parent)
    : QTreeWidget(parent), doc_(document) {
  setColumnCount(3);
  setHeaderLabels({tr("Problem"), tr("Node"), tr("Where")});
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAlternatingRowColors(true);
  header()->setStretchLastSection(false);
  header()->setSectionResizeMode(0, QHeaderView::Stretch);
  header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  connect(doc_, &PipelineDocument::validated, this, &ProblemsPanel::refresh);
  auto activate = [this](QTreeWidgetItem* item) {
    if (item)
      Q_EMIT problemActivated(item->data(0, kNodeRole).toString(),
                              item->data(0, kPropertyRole).toString());
  };
  connect(this, &QTreeWidget::itemClicked, this, activate);
  connect(this, &QTreeWidget::itemActivated, this, activate);
  refresh();
}

void ProblemsPanel::refresh() {
  clear();
  const CanvasColors colors = canvasColors(palette());
  const QIcon errorIcon = severityIcon(colors.error), warningIcon = severityIcon(colors.warning);
  int errors = 0, warnings = 0;
  QList<QTreeWidgetItem*> items;
  for (const auto& d : doc_->diagnostics().items()) {
    const bool error = d.severity == Severity::Error;
    (error ? errors : warnings)++;
    QString message = qstr(d.message);
    if (!d.hint.empty()) message += QStringLiteral(" — ") + qstr(d.hint);
    const QString node = qstr(doc_->diagnosticNode(d));
    auto* item = new QTreeWidgetItem({message, node, qstr(d.pointer)});
    item->setIcon(0, error ? errorIcon : warningIcon);
    item->setToolTip(0, qstr(d.format()));
    item->setData(0, kNodeRole, node);
    QString property = qstr(d.property);
    const QStringList parts = qstr(d.pointer).split('/');
    if (parts.size() >= 3 && parts[1] == QLatin1String("settings")) {
      // "/settings/restart/delay" is the field "restart/delay" of the settings form.
      property = parts.mid(2).join('/');
    } else if (property.isEmpty() && parts.size() >= 5 && parts[1] == QLatin1String("nodes") &&
               parts[3] == QLatin1String("properties")) {
      // "/nodes/3/properties/name/..." names the property even when the validator did not.
      property = parts[4];
    }
    item->setData(0, kPropertyRole, property);
    items << item;
  }
  addTopLevelItems(items);
  Q_EMIT countChanged(errors, warnings);
}

}  // namespace sc::designer
