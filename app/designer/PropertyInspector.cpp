#include "app/designer/PropertyInspector.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QVBoxLayout>

#include "app/designer/CanvasStyle.h"
#include "app/designer/FieldSampler.h"
#include "app/designer/PropertyEditors.h"
#include "app/designer/Translations.h"
#include "engine/graph/PipelineSettings.h"

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
    clearForm();
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
  connect(doc_, &PipelineDocument::settingsChanged, this, [this] {
    if (showsSettings_) refreshValues();
  });
  connect(doc_, &PipelineDocument::validated, this, &PropertyInspector::showProblems);
  connect(doc_, &PipelineDocument::validated, this, &PropertyInspector::offerFields);
  connect(doc_, &PipelineDocument::connectionsChanged, this, [this] {
    for (PropertyEditor* editor : std::as_const(editors_))
      if (auto* picker = qobject_cast<ConnectionPicker*>(editor)) {
        picker->setConnectionNames(doc_->connectionNames(picker->spec().connectionType));
        refreshValues();
      }
  });
  showSelection();
}

void PropertyInspector::newConnection(const std::string& property, const std::string& type) {
  const std::string nodeId = sstr(nodeId_);
  // One undo step: the new connection and the node's choice of it.
  doc_->undoStack()->beginMacro(tr("New connection"));
  const std::string name = doc_->addConnection(
      type == "kafka" ? "local" : type, Json{{"type", type}, {"bootstrap_servers", "embedded"}});
  doc_->setProperty(nodeId, property, Json(name));
  doc_->undoStack()->endMacro();
  Q_EMIT connectionRequested(qstr(name));
}

void PropertyInspector::showSelection() {
  const auto& selected = doc_->selectedNodes();
  if (selected.size() == 1) {
    const QString id = qstr(*selected.begin());
    if (id != nodeId_ || !form_ || showsSettings_) {
      nodeId_ = id;
      build();
    }
    return;
  }
  nodeId_.clear();
  if (selected.empty()) {
    if (!showsSettings_ || !form_) buildSettings();
    return;
  }
  clearForm();
  scroll_->hide();
  emptyLabel_->setText(tr("%n nodes selected.", nullptr, static_cast<int>(selected.size())));
  emptyLabel_->show();
}

void PropertyInspector::clearForm() {
  editors_.clear();
  idEdit_ = nullptr;
  nameEdit_ = nullptr;
  nodeProblems_ = nullptr;
  showsSettings_ = false;
  scroll_->takeWidget();
  if (form_) form_->deleteLater();
  form_ = nullptr;
}

void PropertyInspector::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() != QEvent::PaletteChange || !form_) return;
  if (showsSettings_)
    buildSettings();
  else if (!nodeId_.isEmpty())
    build();
}

void PropertyInspector::addEditor(QFormLayout* form, const PropertySpec& property,
                                  const QString& key, bool dark) {
  PropertyEditor* editor = createPropertyEditor(property, dark, form_);
  const QString name = propertyLabel(property.name);
  editor->setObjectName(key);
  auto* label = new QLabel(property.required ? name + QStringLiteral(" *") : name, form_);
  // The tooltip names the property as the pipeline file spells it.
  QString tip = QStringLiteral("<b>%1</b> <code>%2</code> (%3)")
                    .arg(name.toHtmlEscaped(), qstr(property.name).toHtmlEscaped(),
                         QString::fromLatin1(propKindName(property.kind)));
  if (!property.description.empty())
    tip += QStringLiteral("<br>") + specText(property.description).toHtmlEscaped();
  if (property.required) tip += QStringLiteral("<br>") + tr("Required.");
  label->setToolTip(tip);
  editor->setToolTip(tip);
  label->setBuddy(editor->focusTarget());
  if (property.kind == PropKind::List || property.kind == PropKind::Map) {
    // Tables take the form's whole width, under their label, so their columns read in full.
    form->addRow(label);
    form->addRow(editor);
  } else {
    form->addRow(label, editor);
  }
  editors_.insert(key, editor);
}

namespace {

// The labels of the restart fields below, for lupdate: the specs' own labels come from
// translations/NodeSpecStrings.cpp, which does not see these.
[[maybe_unused]] const char* const kRestartFieldLabels[][2] = {
    QT_TRANSLATE_NOOP3("NodeSpec", "strategy", "property name"),
    QT_TRANSLATE_NOOP3("NodeSpec", "attempts", "property name"),
    QT_TRANSLATE_NOOP3("NodeSpec", "delay", "property name"),
    QT_TRANSLATE_NOOP3("NodeSpec", "max_delay", "property name")};

// The fields of the "restart" setting, from its default value in the spec; the strategies are
// the ones RestartStrategy knows.
std::vector<PropertySpec> restartFields(const PropertySpec& restart) {
  std::vector<PropertySpec> fields;
  const Json& d = restart.defaultValue;
  PropertySpec strategy =
      makeProperty("strategy", PropKind::Enum,
                   QT_TRANSLATE_NOOP("NodeSpec",
                                     "What happens when a node fails: no restart, a fixed delay "
                                     "between restarts, or a delay that doubles up to max_delay"),
                   d.value("strategy", Json()));
  strategy.choices = {"none", "fixed_delay", "exponential"};
  PropertySpec attempts = makeProperty(
      "attempts", PropKind::Integer, QT_TRANSLATE_NOOP("NodeSpec", "Restarts before the run fails"),
      d.value("attempts", Json()));
  attempts.minimum = 0;
  fields = {strategy, attempts,
            makeProperty("delay", PropKind::Duration,
                         QT_TRANSLATE_NOOP("NodeSpec", "Delay before the first restart"),
                         d.value("delay", Json())),
            makeProperty("max_delay", PropKind::Duration,
                         QT_TRANSLATE_NOOP("NodeSpec", "Longest delay (exponential strategy)"),
                         d.value("max_delay", Json()))};
  return fields;
}

}  // namespace

void PropertyInspector::buildSettings() {
  clearForm();
  showsSettings_ = true;
  form_ = new QWidget;
  form_->setObjectName(QStringLiteral("pipelineSettings"));
  auto* outer = new QVBoxLayout(form_);
  const NodeSpec& spec = pipelineSettingsSpec();
  auto* title =
      new QLabel(QStringLiteral("<b>%1</b>").arg(specText(spec.title).toHtmlEscaped()), form_);
  outer->addWidget(title);
  auto* summary =
      new QLabel(specText(spec.summary) + ' ' + tr("Select a node to edit its properties."), form_);
  summary->setWordWrap(true);
  summary->setForegroundRole(QPalette::PlaceholderText);
  outer->addWidget(summary);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  nameEdit_ = new QLineEdit(qstr(doc_->pipeline().name), form_);
  nameEdit_->setObjectName(QStringLiteral("pipelineName"));
  nameEdit_->setPlaceholderText(tr("pipeline"));
  nameEdit_->setToolTip(
      tr("The pipeline's name: it names the default checkpoint folder and Kafka transactional "
         "ids."));
  connect(nameEdit_, &QLineEdit::editingFinished, this, [this] {
    if (nameEdit_) doc_->setName(sstr(nameEdit_->text()));
  });
  form->addRow(tr("name"), nameEdit_);

  const bool dark = isDarkPalette(palette());
  for (const PropertySpec& property : spec.properties) {
    if (property.kind == PropKind::Map && property.defaultValue.is_object()) {
      // An object setting (restart): a titled sub-form with one field per member.
      auto* heading = new QLabel(
          QStringLiteral("<b>%1</b>").arg(propertyLabel(property.name).toHtmlEscaped()), form_);
      heading->setToolTip(specText(property.description));
      form->addRow(heading);
      auto* sub = new QFormLayout;
      sub->setContentsMargins(12, 0, 0, 0);
      sub->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      for (const PropertySpec& field : restartFields(property)) {
        const QString key = qstr(property.name) + '/' + qstr(field.name);
        addEditor(sub, field, key, dark);
      }
      form->addRow(sub);
      continue;
    }
    addEditor(form, property, qstr(property.name), dark);
  }
  for (auto it = editors_.begin(); it != editors_.end(); ++it) {
    const std::string key = sstr(it.key());
    connect(it.value(), &PropertyEditor::edited, this,
            [this, key](const Json& value) { doc_->setSetting(key, value); });
  }
  outer->addLayout(form);
  addProblemsLabel(outer, QStringLiteral("settingsProblems"));
  outer->addStretch();
  scroll_->setWidget(form_);
  emptyLabel_->hide();
  scroll_->show();
  refreshValues();
  showProblems();
}

// The line under the form that lists the form's problems, in the theme's error colour.
void PropertyInspector::addProblemsLabel(QVBoxLayout* outer, const QString& objectName) {
  nodeProblems_ = new QLabel(form_);
  nodeProblems_->setObjectName(objectName);
  nodeProblems_->setWordWrap(true);
  QPalette pal = nodeProblems_->palette();
  pal.setColor(QPalette::WindowText, canvasColors(palette()).error);
  nodeProblems_->setPalette(pal);
  nodeProblems_->hide();
  outer->addWidget(nodeProblems_);
}

void PropertyInspector::build() {
  const PipelineNode* node = doc_->pipeline().node(sstr(nodeId_));
  if (!node) return;
  clearForm();
  form_ = new QWidget;
  auto* outer = new QVBoxLayout(form_);

  const NodeSpec* spec = doc_->registry().find(node->type);
  auto* title = new QLabel(form_);
  const QString heading = spec && !spec->title.empty() ? specText(spec->title) : qstr(node->type);
  title->setText(QStringLiteral("<b>%1</b> &nbsp;<code>%2</code>")
                     .arg(heading.toHtmlEscaped(), qstr(node->type).toHtmlEscaped()));
  outer->addWidget(title);
  if (spec && !spec->summary.empty()) {
    auto* summary = new QLabel(specText(spec->summary), form_);
    summary->setWordWrap(true);
    summary->setToolTip(specText(spec->description));
    summary->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(summary);
  }

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
      const QString name = qstr(property.name);
      addEditor(form, property, name, dark);
      const std::string propertyName = property.name;
      connect(editors_.value(name), &PropertyEditor::edited, this,
              [this, propertyName](const Json& value) {
                doc_->setProperty(sstr(nodeId_), propertyName, value);
              });
      if (auto* picker = qobject_cast<ConnectionPicker*>(editors_.value(name))) {
        const std::string type = property.connectionType;
        picker->setConnectionNames(doc_->connectionNames(type));
        connect(picker, &ConnectionPicker::newConnectionRequested, this,
                [this, propertyName, type] { newConnection(propertyName, type); });
      }
    }
  }
  outer->addLayout(form);
  if (spec && !spec->outputs.empty())
    outer->addWidget(new NodeFieldsView(doc_, sampler_, nodeId_, form_));
  // Under the fields, so a problem that appears or goes moves none of them.
  addProblemsLabel(outer, QStringLiteral("nodeProblems"));
  outer->addStretch();
  scroll_->setWidget(form_);
  emptyLabel_->hide();
  scroll_->show();
  refreshValues();
  showProblems();
  offerFields();
}

void PropertyInspector::offerFields() {
  if (showsSettings_ || nodeId_.isEmpty()) return;
  const FieldSet fields = doc_->fieldsSeenBy(sstr(nodeId_));
  for (PropertyEditor* editor : std::as_const(editors_))
    editor->setInputFields(fields);
}

void PropertyInspector::refreshValues() {
  if (showsSettings_) {
    if (nameEdit_ && nameEdit_->text() != qstr(doc_->pipeline().name))
      nameEdit_->setText(qstr(doc_->pipeline().name));
    for (auto it = editors_.begin(); it != editors_.end(); ++it) {
      const Json current = doc_->setting(sstr(it.key()));
      if (it.value()->value() != current) it.value()->setValue(current);
    }
    return;
  }
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
  QSet<QString> withErrors;  // properties with at least one error (others: warnings only)
  QStringList general;
  static const QString settingsPrefix = QStringLiteral("/settings/");
  for (const auto& d : doc_->diagnostics().items()) {
    const QString pointer = qstr(d.pointer);
    if (showsSettings_ ? !(pointer + '/').startsWith(QStringLiteral("/settings/")) &&
                             pointer != QLatin1String("/name")
                       : doc_->diagnosticNode(d) != id)
      continue;
    QString text = qstr(d.message);
    if (!d.hint.empty()) text += QStringLiteral(" (") + qstr(d.hint) + ')';
    const QString property = showsSettings_ ? pointer.mid(settingsPrefix.size()) : qstr(d.property);
    if (!property.isEmpty() && editors_.contains(property)) {
      byProperty[property] << text;
      if (d.severity == Severity::Error) withErrors.insert(property);
    } else
      general << text;
  }
  for (auto it = editors_.begin(); it != editors_.end(); ++it)
    it.value()->setValidatorProblem(byProperty.value(it.key()).join('\n'),
                                    !withErrors.contains(it.key()));
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
  else if (property == QLatin1String("name"))
    target = nameEdit_;
  if (!target) return;
  scroll_->ensureWidgetVisible(target);
  target->setFocus(Qt::OtherFocusReason);
  // Ready to continue typing where the text ends.
  if (auto* text = qobject_cast<QPlainTextEdit*>(target)) text->moveCursor(QTextCursor::End);
  if (auto* line = qobject_cast<QLineEdit*>(target)) line->end(false);
}

}  // namespace sc::designer
