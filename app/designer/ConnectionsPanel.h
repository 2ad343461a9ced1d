#pragma once
// The Connections dock: the document's "connections" (Kafka clusters), like Node-RED's
// configuration nodes. Lists, adds, renames and deletes them and edits the selected one: the
// bootstrap servers ("embedded" offered), a security preset that sets security.protocol and
// sasl.mechanism and shows the fields it needs (with file pickers for certificates), the other
// librdkafka properties as a table, and the embedded cluster's options. Secrets typed in clear
// are offered as ${VAR} references. "Test connection" lists the cluster's topics on a worker
// thread with a timeout. Every edit is an undo command on the document.
//
// A dock rather than the inspector's empty-selection form: it stays visible while a node is
// selected, so a node's "New connection…" opens the new entry beside the node's properties.

#include <QMap>
#include <QWidget>
#include <memory>

#include "engine/graph/Json.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace sc {
class ResourceRegistry;
}

namespace sc::designer {

class PipelineDocument;

class ConnectionsPanel : public QWidget {
  Q_OBJECT
 public:
  // `resources` (may be null): where the embedded clusters of the designer's runs live, so a
  // test of an "embedded" connection sees the cluster the runs use.
  ConnectionsPanel(PipelineDocument* document, std::shared_ptr<ResourceRegistry> resources,
                   QWidget* parent = nullptr);
  ~ConnectionsPanel() override;

  // Selects `name` in the list and shows it in the editor.
  void showConnection(const QString& name);
  QString currentConnection() const { return current_; }

  QListWidget* connectionList() const { return list_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* renameButton() const { return rename_; }
  QPushButton* deleteButton() const { return delete_; }
  QLineEdit* nameEdit() const { return name_; }
  QComboBox* bootstrapEdit() const { return bootstrap_; }
  QComboBox* securityPreset() const { return security_; }
  // The field of a librdkafka property the preset shows (sasl.password, ssl.ca.location, ...).
  QLineEdit* propertyField(const QString& key) const;
  // The "Use variable ${...}" button of a secret field.
  QPushButton* variableButton(const QString& key) const;
  QTableWidget* propertyTable() const { return table_; }
  QPushButton* testButton() const { return test_; }
  QLabel* testStatus() const { return status_; }
  QListWidget* topicList() const { return topics_; }
  bool isTesting() const { return testing_; }

  static constexpr int kTestTimeoutMs = 5000;

  // The security presets, in the drop-down's order.
  enum class Preset { Plaintext, SaslPlain, Scram256, Scram512, MutualTls, OAuthBearer, Custom };

 private:
  struct Field {
    QString key;
    QLineEdit* edit = nullptr;
    QWidget* row = nullptr;  // the field with its picker or variable button
    QLabel* label = nullptr;
    QPushButton* variable = nullptr;
  };

  void buildEditor(QWidget* editor);
  void addField(QFormLayout* form, const QString& key, const QString& label, bool secret,
                bool file);
  void refreshList();
  void refreshEditor();
  void updateFieldVisibility(Preset preset);
  void updateVariableButtons();
  Json currentEntry() const;
  void edit(const Json& entry, const QString& field);
  void setPropertyValue(const QString& key, const QString& value);
  void applyPreset(Preset preset);
  void tableEdited(int row, int column);
  void addConnection();
  void renameConnection();
  void deleteConnection();
  void testConnection();
  static Preset presetOf(const Json& properties);

  PipelineDocument* doc_;
  std::shared_ptr<ResourceRegistry> resources_;
  QString current_;
  bool filling_ = false;
  bool testing_ = false;
  bool tableEditing_ = false;
  QString shown_;  // the connection the editor shows
  int testGeneration_ = 0;

  QListWidget* list_;
  QPushButton* add_;
  QPushButton* rename_;
  QPushButton* delete_;
  QWidget* editor_;
  QLineEdit* name_ = nullptr;
  QComboBox* bootstrap_ = nullptr;
  QComboBox* security_ = nullptr;
  QMap<QString, Field> fields_;
  QSpinBox* brokers_ = nullptr;
  QSpinBox* partitions_ = nullptr;
  QLabel* brokersLabel_ = nullptr;
  QLabel* partitionsLabel_ = nullptr;
  QTableWidget* table_ = nullptr;
  QToolButton* addRow_ = nullptr;
  QToolButton* removeRow_ = nullptr;
  QPushButton* test_ = nullptr;
  QLabel* status_ = nullptr;
  QListWidget* topics_ = nullptr;
};

}  // namespace sc::designer
