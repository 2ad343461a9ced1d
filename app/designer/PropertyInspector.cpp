#include "app/designer/PropertyInspector.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include "app/designer/CanvasStyle.h"
#include "app/designer/PropertyEditors.h"

namespace sc::designer {

PropertyInspector::PropertyInspector(PipelineDocument* document, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      scroll_(new QScrollArea(this)),
      emptyLabel_(new QLabel(this)) {
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  emptyLabel_->setForegroundRole(QPalette::PlaceholderText);  // muted, still readable
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(emptyLabel_);
  layout->addWidget(scroll_);

  connect(doc_, &PipelineDocument::selectionChanged, this, &PropertyInspector::showSelection);
  connect(doc_, &PipelineDocument::documentReset, this, [this] {
    nodeId_.clear();
    showSelection();
  });
  connect(doc_, &PipelineDocument::nodePropertiesChanged, this, [this](const QString& id) {
    if (id == nodeId_) refreshValues();
  });
  connect(doc_, &PipelineDocument::nodeRenamed, this,
          [this](const QString& oldId, const QString& newId) {
            if (oldId != nodeId_) return;
            nodeId_ = newId;
            if (idEdit_ && idEdit_->text() != newId) idEdit_->setText(newId);
          });
  connect(doc_, &PipelineDocument::nodeRemoved, this, [this](const QString& id) {
    if (id == nodeId_) {
      nodeId_.clear();
      showSelection();
    }
  });
  connect(doc_, &PipelineDocument::validated, this, &PropertyInspector::showProblems);
  showSelection();
}

void PropertyInspector::showSelection() {
  const auto& selected = doc_->selectedNodes();
  if (selected.size() == 1) {
    const QString id = qstr(*selected.begin());
    if (id != nodeId_ || !form_) {
      nodeId_ = id;
      build();
    }
    return;
  }
  nodeId_.clear();
  editors_.clear();
  idEdit_ = nullptr;
  nodeProblems_ = nullptr;
  scroll_->takeWidget();
  if (form_) form_->deleteLater();
  form_ = nullptr;
  scroll_->hide();
  emptyLabel_->setText(selected.empty()
                           ? tr("Select a node to edit its properties.")
                           : tr("%n nodes selected.", nullptr, static_cast<int>(selected.size())));
  emptyLabel_->show();
}

void PropertyInspector::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange && form_ && !nodeId_.isEmpty()) build();
}

void PropertyInspector::build() {
  const PipelineNode* node = doc_->pipeline().node(sstr(nodeId_));
  if (!node) return;
  editors_.clear();
  if (form_) {
    scroll_->takeWidget();
    form_->deleteLater();
  }
  form_ = new QWidget;
  auto* outer = new QVBoxLayout(form_);

  const NodeSpec* spec = doc_->registry().find(node->type);
  auto* title = new QLabel(form_);
  const QString heading = spec && !spec->title.empty() ? qstr(spec->title) : qstr(node->type);
  title->setText(QStringLiteral("<b>%1</b> &nbsp;<code>%2</code>")
                     .arg(heading.toHtmlEscaped(), qstr(node->type).toHtmlEscaped()));
  outer->addWidget(title);
  if (spec && !spec->summary.empty()) {
    auto* summary = new QLabel(qstr(spec->summary), form_);
    summary->setWordWrap(true);
    summary->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(summary);
  }
  nodeProblems_ = new QLabel(form_);
  nodeProblems_->setObjectName(QStringLiteral("nodeProblems"));
  nodeProblems_->setWordWrap(true);
  QPalette pal = nodeProblems_->palette();
  pal.setColor(QPalette::WindowText, canvasColors(palette()).error);
  nodeProblems_->setPalette(pal);
  nodeProblems_->hide();
  outer->addWidget(nodeProblems_);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  idEdit_ = new QLineEdit(nodeId_, form_);
  idEdit_->setObjectName(QStringLiteral("nodeId"));
  idEdit_->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral("[A-Za-z0-9_-]+")), idEdit_));
  idEdit_->setToolTip(tr("The node's id: edges and messages refer to it."));
  connect(idEdit_, &QLineEdit::editingFinished, this, &PropertyInspector::commitRename);
  form->addRow(tr("id"), idEdit_);

  if (!spec) {
    auto* unknown =
        new QLabel(tr("Unknown node type: its properties cannot be edited here."), form_);
    unknown->setWordWrap(true);
    form->addRow(unknown);
  } else {
    const bool dark = isDarkPalette(palette());
    for (const PropertySpec& property : spec->properties) {
      PropertyEditor* editor = createPropertyEditor(property, dark, form_);
      const QString name = qstr(property.name);
      editor->setObjectName(name);
      auto* label = new QLabel(property.required ? name + QStringLiteral(" *") : name, form_);
      QString tip = QStringLiteral("<b>%1</b> (%2)")
                        .arg(name, QString::fromLatin1(propKindName(property.kind)));
      if (!property.description.empty())
        tip += QStringLiteral("<br>") + qstr(property.description).toHtmlEscaped();
      if (property.required) tip += QStringLiteral("<br>") + tr("Required.");
      label->setToolTip(tip);
      editor->setToolTip(tip);
      label->setBuddy(editor->focusTarget());
      form->addRow(label, editor);
      editors_.insert(name, editor);
      const std::string propertyName = property.name;
      connect(editor, &PropertyEditor::edited, this, [this, propertyName](const Json& value) {
        doc_->setProperty(sstr(nodeId_), propertyName, value);
      });
    }
  }
  outer->addLayout(form);
  outer->addStretch();
  scroll_->setWidget(form_);
  emptyLabel_->hide();
  scroll_->show();
  refreshValues();
  showProblems();
}

void PropertyInspector::refreshValues() {
  const PipelineNode* node = doc_->pipeline().node(sstr(nodeId_));
  if (!node) return;
  for (auto it = editors_.begin(); it != editors_.end(); ++it) {
    auto value = node->properties.find(sstr(it.key()));
    const Json current = value == node->properties.end() ? Json() : *value;
    // Leave a field alone while it already shows the value (keeps the cursor where it is).
    if (it.value()->value() != current) it.value()->setValue(current);
  }
}

void PropertyInspector::showProblems() {
  if (!nodeProblems_) return;
  const std::string id = sstr(nodeId_);
  QMap<QString, QStringList> byProperty;
  QStringList general;
  for (const auto& d : doc_->diagnostics().items()) {
    if (doc_->diagnosticNode(d) != id) continue;
    QString text = qstr(d.message);
    if (!d.hint.empty()) text += QStringLiteral(" (") + qstr(d.hint) + ')';
    const QString property = qstr(d.property);
    if (!property.isEmpty() && editors_.contains(property))
      byProperty[property] << text;
    else
      general << text;
  }
  for (auto it = editors_.begin(); it != editors_.end(); ++it)
    it.value()->setValidatorProblem(byProperty.value(it.key()).join('\n'));
  nodeProblems_->setText(general.join('\n'));
  nodeProblems_->setVisible(!general.isEmpty());
}

void PropertyInspector::commitRename() {
  if (!idEdit_ || idEdit_->text() == nodeId_) return;
  QString why;
  if (!doc_->renameNode(sstr(nodeId_), sstr(idEdit_->text()), &why)) {
    Q_EMIT statusMessage(why);
    idEdit_->setText(nodeId_);
  }
}

void PropertyInspector::focusProperty(const QString& property) {
  QWidget* target = nullptr;
  if (PropertyEditor* editor = editors_.value(property))
    target = editor->focusTarget();
  else if (property == QLatin1String("id"))
    target = idEdit_;
  if (!target) return;
  scroll_->ensureWidgetVisible(target);
  target->setFocus(Qt::OtherFocusReason);
  // Ready to continue typing where the text ends.
  if (auto* text = qobject_cast<QPlainTextEdit*>(target)) text->moveCursor(QTextCursor::End);
  if (auto* line = qobject_cast<QLineEdit*>(target)) line->end(false);
}

}  // namespace sc::designer
