#include "app/designer/ConnectionsPanel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app/designer/CanvasStyle.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/PropertyEditors.h"
#include "engine/graph/Pipeline.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Context.h"

namespace sc::designer {

namespace {

const char* const kProtocol = "security.protocol";
const char* const kMechanism = "sasl.mechanism";
const char* const kOAuthMethod = "sasl.oauthbearer.method";

struct PresetInfo {
  ConnectionsPanel::Preset preset;
  const char* protocol;   // null: not set (PLAINTEXT is librdkafka's default)
  const char* mechanism;  // null: not set
  QStringList fields;     // the properties the preset asks for
};

const std::vector<PresetInfo>& presets() {
  using P = ConnectionsPanel::Preset;
  static const std::vector<PresetInfo> list = {
      {P::Plaintext, nullptr, nullptr, {}},
      {P::SaslPlain,
       "SASL_SSL",
       "PLAIN",
       {QStringLiteral("sasl.username"), QStringLiteral("sasl.password"),
        QStringLiteral("ssl.ca.location")}},
      {P::Scram256,
       "SASL_SSL",
       "SCRAM-SHA-256",
       {QStringLiteral("sasl.username"), QStringLiteral("sasl.password"),
        QStringLiteral("ssl.ca.location")}},
      {P::Scram512,
       "SASL_SSL",
       "SCRAM-SHA-512",
       {QStringLiteral("sasl.username"), QStringLiteral("sasl.password"),
        QStringLiteral("ssl.ca.location")}},
      {P::MutualTls,
       "SSL",
       nullptr,
       {QStringLiteral("ssl.ca.location"), QStringLiteral("ssl.certificate.location"),
        QStringLiteral("ssl.key.location"), QStringLiteral("ssl.key.password")}},
      {P::OAuthBearer,
       "SASL_SSL",
       "OAUTHBEARER",
       {QStringLiteral("sasl.oauthbearer.client.id"),
        QStringLiteral("sasl.oauthbearer.client.secret"),
        QStringLiteral("sasl.oauthbearer.token.endpoint.url"), QStringLiteral("ssl.ca.location")}},
  };
  return list;
}

QString valueText(const Json& properties, const char* key) {
  if (!properties.is_object() || !properties.contains(key)) return {};
  return textFromValue(properties[key]);
}

// What to check for librdkafka's usual failures: its messages name the symptom, not the cause.
QString failureHint(const QString& error) {
  const QString e = error.toLower();
  if (e.contains(QLatin1String("transport failure")) || e.contains(QLatin1String("timed out")) ||
      e.contains(QLatin1String("resolve")) || e.contains(QLatin1String("all broker")))
    return ConnectionsPanel::tr(
        "No broker answered: check the host names and ports, that the brokers run, and that "
        "nothing (firewall, VPN) blocks the way.");
  if (e.contains(QLatin1String("ssl")) || e.contains(QLatin1String("certificate")))
    return ConnectionsPanel::tr(
        "The TLS handshake failed: check the security preset and the CA certificate.");
  if (e.contains(QLatin1String("sasl")) || e.contains(QLatin1String("authentication")))
    return ConnectionsPanel::tr(
        "Authentication failed: check the mechanism, the user name and the password.");
  return {};
}

struct TestResult {
  bool ok = false;
  QString message;
  QStringList topics;
};

}  // namespace

ConnectionsPanel::ConnectionsPanel(PipelineDocument* document,
                                   std::shared_ptr<ResourceRegistry> resources, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      resources_(std::move(resources)),
      list_(new QListWidget(this)),
      add_(new QPushButton(tr("Add"), this)),
      rename_(new QPushButton(tr("Rename"), this)),
      delete_(new QPushButton(tr("Delete"), this)),
      editor_(new QWidget) {
  list_->setObjectName(QStringLiteral("connectionList"));
  list_->setMaximumHeight(80);
  add_->setObjectName(QStringLiteral("addConnection"));
  add_->setToolTip(tr("Add a Kafka connection (the embedded cluster until you change it)"));
  rename_->setObjectName(QStringLiteral("renameConnection"));
  rename_->setToolTip(tr("Rename the connection; nodes that use it follow"));
  delete_->setObjectName(QStringLiteral("deleteConnection"));
  delete_->setToolTip(tr("Delete the connection; nodes that use it show a problem"));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_);
  buttons->addWidget(rename_);
  buttons->addWidget(delete_);
  buttons->addStretch();

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  buildEditor(editor_);
  scroll->setWidget(editor_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(list_);
  layout->addLayout(buttons);
  layout->addWidget(scroll, 1);

  connect(add_, &QPushButton::clicked, this, &ConnectionsPanel::addConnection);
  connect(rename_, &QPushButton::clicked, this, [this] {
    if (current_.isEmpty()) return;
    name_->setFocus(Qt::OtherFocusReason);
    name_->selectAll();
  });
  connect(delete_, &QPushButton::clicked, this, &ConnectionsPanel::deleteConnection);
  connect(list_, &QListWidget::currentTextChanged, this, [this](const QString& name) {
    if (filling_) return;
    current_ = name;
    refreshEditor();
  });
  connect(doc_, &PipelineDocument::connectionsChanged, this, &ConnectionsPanel::refreshList);
  connect(doc_, &PipelineDocument::documentReset, this, &ConnectionsPanel::refreshList);
  refreshList();
}

ConnectionsPanel::~ConnectionsPanel() = default;

void ConnectionsPanel::addField(QFormLayout* form, const QString& key, const QString& label,
                                bool secret, bool file) {
  Field f;
  f.key = key;
  f.row = new QWidget(editor_);
  auto* line = new QHBoxLayout(f.row);
  line->setContentsMargins(0, 0, 0, 0);
  f.edit = new QLineEdit(f.row);
  f.edit->setObjectName(key);
  f.edit->setToolTip(QStringLiteral("<code>%1</code>").arg(key));
  line->addWidget(f.edit);
  if (file) {
    auto* pick = new QToolButton(f.row);
    pick->setObjectName(key + QStringLiteral(".pick"));
    pick->setText(QStringLiteral("…"));
    pick->setToolTip(tr("Choose a file"));
    line->addWidget(pick);
    connect(pick, &QToolButton::clicked, this, [this, key, edit = f.edit] {
      const QString path = QFileDialog::getOpenFileName(
          this, tr("Choose a file for %1").arg(key), edit->text(),
          tr("Certificates and keys (*.pem *.crt *.cer *.key);;All files (*)"));
      if (path.isEmpty()) return;
      edit->setText(path);
      setPropertyValue(key, path);
    });
  }
  if (secret) {
    f.edit->setEchoMode(QLineEdit::Password);
    f.edit->setPlaceholderText(QStringLiteral("${VARIABLE}"));
    f.variable = new QPushButton(editor_);
    f.variable->setObjectName(key + QStringLiteral(".variable"));
    f.variable->setToolTip(
        tr("Secrets do not belong in the file: refer to an environment variable instead and "
           "set it where the pipeline runs (or in an --env-file)."));
    f.variable->hide();
    connect(f.variable, &QPushButton::clicked, this, [this, key] {
      const QString variable = PipelineDocument::secretVariableName(current_, key);
      setPropertyValue(key, QStringLiteral("${%1}").arg(variable));
      status_->setText(tr("Set %1 in the environment (or an --env-file) before running or "
                          "testing the connection.")
                           .arg(variable));
      status_->setForegroundRole(QPalette::WindowText);
    });
  }
  connect(f.edit, &QLineEdit::textEdited, this,
          [this, key](const QString& text) { setPropertyValue(key, text); });
  f.label = new QLabel(label, editor_);
  f.label->setBuddy(f.edit);
  form->addRow(f.label, f.row);
  if (f.variable) form->addRow(QString(), f.variable);
  fields_.insert(key, f);
}

void ConnectionsPanel::buildEditor(QWidget* editor) {
  auto* outer = new QVBoxLayout(editor);
  outer->setContentsMargins(0, 4, 0, 0);
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);

  name_ = new QLineEdit(editor);
  name_->setObjectName(QStringLiteral("connectionName"));
  name_->setValidator(
      new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_-]+")), name_));
  name_->setToolTip(tr("The name nodes use in their connection property."));
  connect(name_, &QLineEdit::editingFinished, this, &ConnectionsPanel::renameConnection);
  form->addRow(tr("Name"), name_);

  bootstrap_ = new QComboBox(editor);
  bootstrap_->setObjectName(QStringLiteral("bootstrapServers"));
  bootstrap_->setEditable(true);
  bootstrap_->setInsertPolicy(QComboBox::NoInsert);
  bootstrap_->addItem(QString::fromLatin1(kafka::ConnectionSettings::kEmbedded));
  bootstrap_->setItemData(0,
                          tr("A Kafka cluster inside the designer (and the runner): for trying "
                             "pipelines out, no broker needed"),
                          Qt::ToolTipRole);
  bootstrap_->lineEdit()->setPlaceholderText(QStringLiteral("host:9092,host2:9092"));
  bootstrap_->setToolTip(
      tr("<code>bootstrap_servers</code>: host:port of the brokers, comma separated, "
         "${KAFKA_BOOTSTRAP}, or <i>embedded</i>"));
  auto setBootstrap = [this](const QString& text) {
    Json entry = currentEntry();
    if (entry.is_null()) return;
    if (text.trimmed().isEmpty())
      entry.erase("bootstrap_servers");
    else
      entry["bootstrap_servers"] = text.trimmed().toStdString();
    edit(entry, QStringLiteral("bootstrap_servers"));
  };
  connect(bootstrap_->lineEdit(), &QLineEdit::textEdited, this, setBootstrap);
  connect(bootstrap_, &QComboBox::activated, this,
          [this, setBootstrap](int index) { setBootstrap(bootstrap_->itemText(index)); });
  form->addRow(tr("Bootstrap servers"), bootstrap_);

  auto spin = [this, editor, form](const char* key, const QString& label, const QString& tip,
                                   QLabel** labelOut) {
    auto* box = new QSpinBox(editor);
    box->setObjectName(QString::fromLatin1(key));
    box->setRange(0, key == std::string("embedded_brokers") ? 9 : 64);
    box->setSpecialValueText(tr("default"));
    box->setToolTip(tip);
    connect(box, &QSpinBox::valueChanged, this, [this, key](int value) {
      if (filling_) return;
      Json entry = currentEntry();
      if (entry.is_null()) return;
      if (value == 0)
        entry.erase(key);
      else
        entry[key] = value;
      edit(entry, QString::fromLatin1(key));
    });
    *labelOut = new QLabel(label, editor);
    form->addRow(*labelOut, box);
    return box;
  };
  brokers_ = spin("embedded_brokers", tr("Embedded brokers"),
                  tr("Brokers of the embedded cluster (default 1)"), &brokersLabel_);
  partitions_ = spin("embedded_partitions", tr("Embedded partitions"),
                     tr("Partitions of the topics a pipeline creates on the embedded cluster "
                        "(default 4)"),
                     &partitionsLabel_);

  security_ = new QComboBox(editor);
  security_->setObjectName(QStringLiteral("securityPreset"));
  security_->addItem(tr("None (PLAINTEXT)"));
  security_->addItem(QStringLiteral("SASL_SSL / PLAIN"));
  security_->addItem(QStringLiteral("SASL_SSL / SCRAM-SHA-256"));
  security_->addItem(QStringLiteral("SASL_SSL / SCRAM-SHA-512"));
  security_->addItem(tr("mTLS (client certificate)"));
  security_->addItem(QStringLiteral("SASL_SSL / OAUTHBEARER"));
  security_->addItem(tr("Custom"));
  const QStringList presetTips = {
      tr("No encryption, no authentication: local and test clusters"),
      tr("User name and password over TLS (Confluent Cloud API keys, Event Hubs)"),
      tr("Salted challenge with user name and password over TLS"),
      tr("Salted challenge with user name and password over TLS"),
      tr("TLS with a client certificate and key (security.protocol SSL)"),
      tr("OAuth 2 client credentials from a token endpoint (OIDC) over TLS"),
      tr("Set security.protocol and sasl.mechanism yourself in the properties below")};
  for (int i = 0; i < presetTips.size(); ++i)
    security_->setItemData(i, presetTips[i], Qt::ToolTipRole);
  security_->setToolTip(
      tr("Sets <code>security.protocol</code> and <code>sasl.mechanism</code> and shows the "
         "fields they need."));
  connect(security_, &QComboBox::activated, this,
          [this](int index) { applyPreset(static_cast<Preset>(index)); });
  form->addRow(tr("Security"), security_);

  addField(form, QStringLiteral("sasl.username"), tr("User name"), false, false);
  addField(form, QStringLiteral("sasl.password"), tr("Password"), true, false);
  addField(form, QStringLiteral("sasl.oauthbearer.client.id"), tr("Client id"), false, false);
  addField(form, QStringLiteral("sasl.oauthbearer.client.secret"), tr("Client secret"), true,
           false);
  addField(form, QStringLiteral("sasl.oauthbearer.token.endpoint.url"), tr("Token endpoint URL"),
           false, false);
  addField(form, QStringLiteral("ssl.ca.location"), tr("CA certificate"), false, true);
  addField(form, QStringLiteral("ssl.certificate.location"), tr("Client certificate"), false, true);
  addField(form, QStringLiteral("ssl.key.location"), tr("Client key"), false, true);
  addField(form, QStringLiteral("ssl.key.password"), tr("Key password"), true, false);
  outer->addLayout(form);

  auto* testRow = new QHBoxLayout;
  test_ = new QPushButton(tr("Test connection"), editor);
  test_->setObjectName(QStringLiteral("testConnection"));
  test_->setToolTip(tr("Connect to the cluster and list its topics (gives up after %1 s)")
                        .arg(kTestTimeoutMs / 1000));
  testRow->addWidget(test_);
  testRow->addStretch();
  outer->addLayout(testRow);
  connect(test_, &QPushButton::clicked, this, &ConnectionsPanel::testConnection);
  status_ = new QLabel(editor);
  status_->setObjectName(QStringLiteral("testStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outer->addWidget(status_);
  topics_ = new QListWidget(editor);
  topics_->setObjectName(QStringLiteral("testTopics"));
  topics_->setMinimumHeight(60);
  topics_->hide();
  outer->addWidget(topics_);
  auto* tableHeading = new QHBoxLayout;
  auto* tableLabel = new QLabel(tr("Other librdkafka properties"), editor);
  tableLabel->setToolTip(
      tr("Passed to librdkafka as they are; see its CONFIGURATION.md for the names."));
  tableHeading->addWidget(tableLabel, 1);
  addRow_ = new QToolButton(editor);
  addRow_->setObjectName(QStringLiteral("addProperty"));
  addRow_->setText(QStringLiteral("+"));
  addRow_->setToolTip(tr("Add a property"));
  removeRow_ = new QToolButton(editor);
  removeRow_->setObjectName(QStringLiteral("removeProperty"));
  removeRow_->setText(QStringLiteral("−"));
  removeRow_->setToolTip(tr("Remove the selected property"));
  tableHeading->addWidget(addRow_);
  tableHeading->addWidget(removeRow_);
  outer->addLayout(tableHeading);
  table_ = new QTableWidget(0, 2, editor);
  table_->setObjectName(QStringLiteral("propertyTable"));
  table_->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setMinimumHeight(80);
  outer->addWidget(table_);
  connect(table_, &QTableWidget::cellChanged, this, &ConnectionsPanel::tableEdited);
  connect(addRow_, &QToolButton::clicked, this, [this] {
    const QSignalBlocker block(table_);
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem);
    table_->setItem(row, 1, new QTableWidgetItem);
    table_->setCurrentCell(row, 0);
    table_->editItem(table_->item(row, 0));
  });
  connect(removeRow_, &QToolButton::clicked, this, [this] {
    const int row = table_->currentRow();
    if (row < 0) return;
    {
      const QSignalBlocker block(table_);
      table_->removeRow(row);
    }
    tableEdited(-1, -1);
  });

  outer->addStretch();
}

QLineEdit* ConnectionsPanel::propertyField(const QString& key) const {
  return fields_.value(key).edit;
}

QPushButton* ConnectionsPanel::variableButton(const QString& key) const {
  return fields_.value(key).variable;
}

void ConnectionsPanel::showConnection(const QString& name) {
  const auto items = list_->findItems(name, Qt::MatchExactly);
  if (!items.isEmpty()) list_->setCurrentItem(items.first());
  current_ = name;
  refreshEditor();
}

void ConnectionsPanel::refreshList() {
  const QStringList names = doc_->connectionNames();
  {
    filling_ = true;
    const QSignalBlocker block(list_);
    list_->clear();
    list_->addItems(names);
    if (!names.contains(current_)) current_ = names.isEmpty() ? QString() : names.first();
    const auto items = list_->findItems(current_, Qt::MatchExactly);
    if (!items.isEmpty()) list_->setCurrentItem(items.first());
    filling_ = false;
  }
  refreshEditor();
}

ConnectionsPanel::Preset ConnectionsPanel::presetOf(const Json& properties) {
  const QString protocol = valueText(properties, kProtocol).toUpper();
  const QString mechanism = valueText(properties, kMechanism).toUpper();
  if ((protocol.isEmpty() || protocol == QLatin1String("PLAINTEXT")) && mechanism.isEmpty())
    return Preset::Plaintext;
  for (const PresetInfo& p : presets())
    if (p.protocol && protocol == QLatin1String(p.protocol) &&
        mechanism == QLatin1String(p.mechanism ? p.mechanism : ""))
      return p.preset;
  return Preset::Custom;
}

void ConnectionsPanel::updateFieldVisibility(Preset preset) {
  QStringList shown;
  for (const PresetInfo& p : presets())
    if (p.preset == preset) shown = p.fields;
  for (const Field& f : std::as_const(fields_)) {
    // A custom setup shows every field: whatever it uses is editable here or in the table.
    const bool visible = preset == Preset::Custom || shown.contains(f.key);
    f.label->setVisible(visible);
    f.row->setVisible(visible);
  }
  updateVariableButtons();
}

void ConnectionsPanel::updateVariableButtons() {
  for (const Field& f : std::as_const(fields_)) {
    if (!f.variable) continue;
    const QString text = f.edit->text();
    const bool clear = !text.isEmpty() && !text.contains(QLatin1String("${"));
    f.variable->setText(
        tr("Use variable ${%1}").arg(PipelineDocument::secretVariableName(current_, f.key)));
    f.variable->setVisible(clear && f.row->isVisibleTo(editor_));
  }
}

void ConnectionsPanel::refreshEditor() {
  const bool switched = shown_ != current_;
  if (switched) {
    // Another connection: the last test's result was about the previous one.
    shown_ = current_;
    ++testGeneration_;
    testing_ = false;
    test_->setEnabled(true);
    status_->clear();
    topics_->clear();
    topics_->hide();
  }
  const Json entry = currentEntry();
  const bool has = !entry.is_null();
  editor_->setEnabled(has);
  rename_->setEnabled(has);
  delete_->setEnabled(has);
  filling_ = true;
  const QSignalBlocker blockTable(table_);
  // The name field follows the document (undo, another connection) unless the user is typing
  // a new name into it.
  if (name_->text() != current_ && (switched || !name_->isModified())) name_->setText(current_);
  const QString boot = has ? QString::fromStdString(entry.value(
                                 "bootstrap_servers", kafka::ConnectionSettings::kEmbedded))
                           : QString();
  if (bootstrap_->currentText() != boot) bootstrap_->setEditText(boot);
  const bool embedded = boot == QLatin1String(kafka::ConnectionSettings::kEmbedded);
  brokers_->setValue(has ? entry.value("embedded_brokers", 0) : 0);
  partitions_->setValue(has ? entry.value("embedded_partitions", 0) : 0);
  for (QWidget* w : {static_cast<QWidget*>(brokers_), static_cast<QWidget*>(partitions_),
                     static_cast<QWidget*>(brokersLabel_), static_cast<QWidget*>(partitionsLabel_)})
    w->setVisible(embedded);

  const Json properties = has && entry.contains("properties") && entry["properties"].is_object()
                              ? entry["properties"]
                              : Json::object();
  const Preset preset = presetOf(properties);
  security_->setCurrentIndex(static_cast<int>(preset));
  updateFieldVisibility(preset);
  for (Field& f : fields_) {
    const QString text = valueText(properties, f.key.toUtf8().constData());
    if (f.edit->text() != text) f.edit->setText(text);
  }
  updateVariableButtons();

  // The table: every property the preset and its visible fields do not show. Left alone while
  // the user's own edit of it comes back, so the cell editor stays open.
  if (tableEditing_) {
    filling_ = false;
    return;
  }
  table_->setRowCount(0);
  for (const auto& [key, value] : properties.items()) {
    const QString k = QString::fromStdString(key);
    if (preset != Preset::Custom &&
        (k == QLatin1String(kProtocol) || k == QLatin1String(kMechanism) ||
         (preset == Preset::OAuthBearer && k == kOAuthMethod)))
      continue;
    if (fields_.contains(k) && fields_.value(k).row->isVisibleTo(editor_)) continue;
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem(k));
    // Secret values in the table are masked; they are edited by typing over them.
    const bool secret = kafka::isSecretProperty(key);
    auto* item = new QTableWidgetItem(secret ? QStringLiteral("••••••") : textFromValue(value));
    if (secret) item->setData(Qt::UserRole, textFromValue(value));
    table_->setItem(row, 1, item);
  }
  filling_ = false;
}

Json ConnectionsPanel::currentEntry() const {
  if (current_.isEmpty()) return Json();
  return doc_->connection(current_.toStdString());
}

void ConnectionsPanel::edit(const Json& entry, const QString& field) {
  if (filling_ || current_.isEmpty()) return;
  doc_->setConnection(current_.toStdString(), entry, field.toStdString());
}

void ConnectionsPanel::setPropertyValue(const QString& key, const QString& value) {
  Json entry = currentEntry();
  if (entry.is_null()) return;
  Json properties = entry.contains("properties") && entry["properties"].is_object()
                        ? entry["properties"]
                        : Json::object();
  if (value.isEmpty())
    properties.erase(key.toStdString());
  else
    properties[key.toStdString()] = value.toStdString();
  if (properties.empty())
    entry.erase("properties");
  else
    entry["properties"] = properties;
  edit(entry, QStringLiteral("properties/") + key);
  updateVariableButtons();
}

void ConnectionsPanel::applyPreset(Preset preset) {
  Json entry = currentEntry();
  if (entry.is_null()) return;
  if (preset == Preset::Custom) {
    // Nothing to set: show every field and the table.
    updateFieldVisibility(preset);
    return;
  }
  Json properties = entry.contains("properties") && entry["properties"].is_object()
                        ? entry["properties"]
                        : Json::object();
  properties.erase(kProtocol);
  properties.erase(kMechanism);
  properties.erase(kOAuthMethod);
  for (const PresetInfo& p : presets()) {
    if (p.preset != preset) continue;
    if (p.protocol) properties[kProtocol] = p.protocol;
    if (p.mechanism) properties[kMechanism] = p.mechanism;
  }
  if (preset == Preset::OAuthBearer) properties[kOAuthMethod] = "oidc";
  if (properties.empty())
    entry.erase("properties");
  else
    entry["properties"] = properties;
  edit(entry, {});
}

void ConnectionsPanel::tableEdited(int, int) {
  if (filling_) return;
  Json entry = currentEntry();
  if (entry.is_null()) return;
  const Json before = entry.contains("properties") && entry["properties"].is_object()
                          ? entry["properties"]
                          : Json::object();
  // The properties the table does not show stay; the table's rows replace the rest.
  Json properties = Json::object();
  QSet<QString> inTable;
  for (int row = 0; row < table_->rowCount(); ++row)
    if (table_->item(row, 0)) inTable << table_->item(row, 0)->text().trimmed();
  for (const auto& [key, value] : before.items()) {
    const QString k = QString::fromStdString(key);
    const bool shownByForm = k == QLatin1String(kProtocol) || k == QLatin1String(kMechanism) ||
                             k == QLatin1String(kOAuthMethod) ||
                             (fields_.contains(k) && fields_.value(k).row->isVisibleTo(editor_));
    if (shownByForm && !inTable.contains(k)) properties[key] = value;
  }
  for (int row = 0; row < table_->rowCount(); ++row) {
    const QTableWidgetItem* keyItem = table_->item(row, 0);
    const QTableWidgetItem* valueItem = table_->item(row, 1);
    const QString key = keyItem ? keyItem->text().trimmed() : QString();
    if (key.isEmpty()) continue;
    QString value = valueItem ? valueItem->text() : QString();
    if (valueItem && valueItem->data(Qt::UserRole).isValid() && value == QStringLiteral("••••••"))
      value = valueItem->data(Qt::UserRole).toString();
    properties[key.toStdString()] = value.toStdString();
  }
  if (properties.empty())
    entry.erase("properties");
  else
    entry["properties"] = properties;
  tableEditing_ = true;
  edit(entry, QStringLiteral("table"));
  tableEditing_ = false;
}

void ConnectionsPanel::addConnection() {
  const std::string name = doc_->addConnection(
      "local",
      Json{{"type", "kafka"}, {"bootstrap_servers", kafka::ConnectionSettings::kEmbedded}});
  showConnection(QString::fromStdString(name));
  name_->setFocus(Qt::OtherFocusReason);
  name_->selectAll();
}

void ConnectionsPanel::renameConnection() {
  const QString wanted = name_->text().trimmed();
  name_->setModified(false);
  if (current_.isEmpty() || wanted == current_) return;
  QString why;
  if (wanted.isEmpty() ||
      !doc_->renameConnection(current_.toStdString(), wanted.toStdString(), &why)) {
    status_->setText(wanted.isEmpty() ? tr("A connection needs a name.") : why);
    status_->setForegroundRole(QPalette::BrightText);
    name_->setText(current_);
    return;
  }
  current_ = wanted;
  refreshList();
}

void ConnectionsPanel::deleteConnection() {
  if (current_.isEmpty()) return;
  doc_->removeConnection(current_.toStdString());
}

void ConnectionsPanel::testConnection() {
  if (current_.isEmpty()) return;
  topics_->clear();
  topics_->hide();
  // ${VAR} references are resolved from the environment here, as a run resolves them.
  Pipeline only;
  only.connections = Json::object();
  only.connections[current_.toStdString()] = currentEntry();
  Diagnostics diags;
  std::vector<std::string> secrets;
  const Pipeline resolved =
      substituteVariables(only, doc_->registry(), processEnvironment(), diags, &secrets);
  auto settings = kafka::ConnectionSettings::fromJson(current_.toStdString(),
                                                      resolved.connections[current_.toStdString()]);
  auto fail = [this](const QString& text) {
    status_->setText(text);
    status_->setForegroundRole(QPalette::BrightText);
  };
  if (diags.hasErrors()) {
    fail(tr("Cannot test '%1': %2").arg(current_, QString::fromStdString(diags.format())));
    return;
  }
  if (!settings.ok()) {
    fail(tr("Cannot test '%1': %2").arg(current_, QString::fromStdString(settings.error)));
    return;
  }
  testing_ = true;
  test_->setEnabled(false);
  const int generation = ++testGeneration_;
  const QString where = QString::fromStdString(settings.value.bootstrapServers);
  status_->setText(tr("Connecting to %1…").arg(where));
  status_->setForegroundRole(QPalette::WindowText);

  auto* watcher = new QFutureWatcher<TestResult>(this);
  connect(watcher, &QFutureWatcher<TestResult>::finished, this, [this, watcher, generation, where] {
    const TestResult result = watcher->result();
    watcher->deleteLater();
    if (generation != testGeneration_) return;  // a newer test runs
    testing_ = false;
    test_->setEnabled(true);
    if (!result.ok) {
      QString text = tr("Connection to %1 failed: %2").arg(where, result.message);
      if (const QString hint = failureHint(result.message); !hint.isEmpty())
        text += QLatin1Char('\n') + hint;
      status_->setText(text);
      status_->setForegroundRole(QPalette::BrightText);
      return;
    }
    status_->setText(
        result.topics.isEmpty()
            ? tr("Connected to %1: the cluster has no topics yet.").arg(result.message)
            : tr("Connected to %1: %n topic(s).", nullptr, static_cast<int>(result.topics.size()))
                  .arg(result.message));
    status_->setForegroundRole(QPalette::WindowText);
    topics_->addItems(result.topics);
    topics_->setVisible(!result.topics.isEmpty());
  });
  // Off the GUI thread: the worker owns the admin client, and every call is bounded by the
  // timeout, so a lost broker costs the test a few seconds, never the window.
  watcher->setFuture(QtConcurrent::run([settings = settings.value, resources = resources_] {
    TestResult out;
    kafka::ResolvedConnection connection;
    if (settings.embedded()) {
      ResourceRegistry local;
      auto started = kafka::resolveConnection(settings, resources ? *resources : local);
      if (!started.ok()) {
        out.message = QString::fromStdString(started.error);
        return out;
      }
      connection = started.value;
    } else {
      connection.settings = settings;
      connection.bootstrapServers = settings.bootstrapServers;
    }
    kafka::ClusterAdmin admin(connection);
    auto topics = admin.listTopics(kTestTimeoutMs);
    if (!topics.ok()) {
      out.message = QString::fromStdString(topics.error);
      return out;
    }
    out.ok = true;
    out.message = QString::fromStdString(connection.bootstrapServers);
    for (const kafka::TopicInfo& t : topics.value)
      out.topics << QString::fromStdString(t.name);
    return out;
  }));
}

}  // namespace sc::designer
