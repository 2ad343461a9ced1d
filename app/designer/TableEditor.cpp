// The editor of list, map and list-of-objects properties: a table with add and remove buttons,
// drop-downs in the cells that take one of a few words.
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>

#include <algorithm>

#include "app/designer/PropertyEditorKinds.h"
#include "app/designer/Translations.h"

namespace sc::designer {

namespace {

// ---- a table cell that takes one of a few words: a drop-down, always shown -------------------
class ChoiceDelegate : public QStyledItemDelegate {
 public:
  ChoiceDelegate(std::vector<std::string> choices, QObject* parent) : QStyledItemDelegate(parent) {
    for (const auto& c : choices)
      choices_ << QString::fromStdString(c);
  }
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                        const QModelIndex&) const override {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("choice"));
    combo->setFrame(false);
    combo->addItems(choices_);
    // Chosen, it is the cell's value at once (the editor stays open).
    connect(combo, &QComboBox::activated, this,
            [this, combo] { Q_EMIT const_cast<ChoiceDelegate*>(this)->commitData(combo); });
    return combo;
  }
  void setEditorData(QWidget* editor, const QModelIndex& index) const override {
    auto* combo = static_cast<QComboBox*>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    // A value that is no choice (a ${VAR}, or a typo in the file) stays shown as it is.
    for (int i = combo->count() - 1; i >= choices_.size(); --i)
      combo->removeItem(i);
    int at = combo->findText(text);
    if (at < 0 && !text.isEmpty()) {
      combo->addItem(text);
      at = combo->count() - 1;
    }
    combo->setCurrentIndex(at);
  }
  void setModelData(QWidget* editor, QAbstractItemModel* model,
                    const QModelIndex& index) const override {
    auto* combo = static_cast<QComboBox*>(editor);
    if (model->data(index, Qt::EditRole).toString() != combo->currentText())
      model->setData(index, combo->currentText(), Qt::EditRole);
  }
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    // Wide enough for the longest choice and the arrow.
    QComboBox probe;
    probe.addItems(choices_);
    probe.addItem(index.data(Qt::EditRole).toString());
    return probe.sizeHint().expandedTo(QStyledItemDelegate::sizeHint(option, index));
  }

 private:
  QStringList choices_;
};

// ---- list, map, list of objects: a table with add and remove buttons ------------------------
class TableEditor : public PropertyEditor {
 public:
  TableEditor(const PropertySpec& spec, QWidget* parent)
      : PropertyEditor(spec, parent), table_(new QTableWidget(this)) {
    isMap_ = spec.kind == PropKind::Map;
    if (isMap_)
      columns_.push_back({PropertyEditor::tr("name"), makeProperty("name", PropKind::String, "")});
    if (spec.item == PropKind::Object) {
      for (const auto& field : spec.fields)
        columns_.push_back({propertyLabel(field.name), field});
    } else {
      PropertySpec item = makeProperty("item", spec.item, "");
      if (spec.item == PropKind::Enum) item.choices = spec.choices;
      columns_.push_back(
          {isMap_ ? PropertyEditor::tr("value") : PropertyEditor::tr("item"), std::move(item)});
    }
    table_->setColumnCount(static_cast<int>(columns_.size()));
    QStringList headers;
    for (const auto& c : columns_)
      headers << c.title;
    table_->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i)
      if (!columns_[i].spec.description.empty())
        table_->horizontalHeaderItem(i)->setToolTip(specText(columns_[i].spec.description));
    for (int i = 0; i < static_cast<int>(columns_.size()); ++i)
      if (isChoice(i))
        table_->setItemDelegateForColumn(i, new ChoiceDelegate(columns_[i].spec.choices, table_));
    // Columns as wide as their contents, the last one taking the rest: names and functions
    // read in full, and a long expression scrolls instead of cutting the others short.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::AllEditTriggers);

    auto* add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addRow"));
    add->setText(QStringLiteral("+"));
    add->setToolTip(PropertyEditor::tr("Add a row"));
    auto* remove = new QToolButton(this);
    remove->setObjectName(QStringLiteral("removeRow"));
    remove->setText(QStringLiteral("−"));
    remove->setToolTip(PropertyEditor::tr("Remove the selected rows"));
    auto* buttons = new QWidget(this);
    auto* buttonLayout = new QHBoxLayout(buttons);
    buttonLayout->setContentsMargins(0, 0, 0, 0);
    buttonLayout->addWidget(add);
    buttonLayout->addWidget(remove);
    buttonLayout->addStretch();
    if (isMap_ && !spec.choices.empty()) {
      // A map that also takes a few words (headers: keep | drop | name -> expression): the
      // words, and a last entry that shows the table.
      words_ = new QComboBox(this);
      words_->setObjectName(QStringLiteral("mapWords"));
      for (const auto& choice : spec.choices)
        words_->addItem(QString::fromStdString(choice));
      words_->addItem(tr("these:"));
      addContent(words_);
      connect(words_, &QComboBox::activated, this, [this, buttons](int) {
        showTable(buttons);
        report(value());
      });
      buttons_ = buttons;
    }
    addContent(table_);
    addContent(buttons);
    fitHeight();

    connect(add, &QToolButton::clicked, this, [this] {
      const int row = table_->rowCount();
      table_->insertRow(row);
      for (int c = 0; c < table_->columnCount(); ++c)
        ensureItem(row, c);
      openChoiceEditors(row);
      fitHeight();
      table_->setCurrentCell(row, 0);
      table_->setFocus();
    });
    connect(remove, &QToolButton::clicked, this, [this] {
      QList<int> rows;
      for (const auto& range : table_->selectedRanges())
        for (int r = range.topRow(); r <= range.bottomRow(); ++r)
          rows << r;
      if (rows.isEmpty() && table_->currentRow() >= 0) rows << table_->currentRow();
      std::sort(rows.begin(), rows.end(), std::greater<>());
      for (int r : rows)
        table_->removeRow(r);
      fitHeight();
      check();
      report(value());
    });
    connect(table_, &QTableWidget::itemChanged, this, [this] {
      if (filling_) return;
      check();
      report(value());
    });
  }

  void setValue(const Json& v) override {
    filling_ = true;
    table_->setRowCount(0);
    auto addRow = [this](const Json& item, const std::string* key) {
      const int row = table_->rowCount();
      table_->insertRow(row);
      int column = 0;
      if (key) ensureItem(row, column++)->setText(QString::fromStdString(*key));
      if (spec().item == PropKind::Object && item.is_object()) {
        for (const auto& field : spec().fields) {
          auto it = item.find(field.name);
          ensureItem(row, column++)->setText(it == item.end() ? QString() : textFromValue(*it));
        }
      } else {
        ensureItem(row, column)->setText(textFromValue(item));
      }
      openChoiceEditors(row);
    };
    if (words_) {
      const Json shown = v.is_null() ? spec().defaultValue : v;
      const int word = shown.is_string()
                           ? words_->findText(QString::fromStdString(shown.get<std::string>()))
                           : -1;
      words_->setCurrentIndex(word >= 0 ? word : words_->count() - 1);
      showTable(buttons_);
    }
    if (isMap_ && v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it)
        addRow(it.value(), &it.key());
    } else if (!isMap_ && v.is_array()) {
      for (const Json& item : v)
        addRow(item, nullptr);
    } else if (!isMap_ && !v.is_null()) {
      addRow(v, nullptr);  // a single bare item
    }
    filling_ = false;
    fitHeight();
    check();
  }

  Json value() const override {
    if (words_ && words_->currentIndex() < words_->count() - 1)
      return Json(words_->currentText().toStdString());
    Json out = isMap_ ? Json::object() : Json::array();
    for (int row = 0; row < table_->rowCount(); ++row) {
      bool empty = true;
      for (int c = 0; c < table_->columnCount(); ++c)
        if (!cellText(row, c).trimmed().isEmpty()) empty = false;
      if (empty) continue;
      int column = 0;
      std::string key;
      if (isMap_) key = cellText(row, column++).trimmed().toStdString();
      Json item;
      if (spec().item == PropKind::Object) {
        item = Json::object();
        for (size_t f = 0; f < spec().fields.size(); ++f, ++column) {
          Json field = valueFromText(cellText(row, column), spec().fields[f].kind);
          if (!field.is_null()) item[spec().fields[f].name] = std::move(field);
        }
      } else {
        item = valueFromText(cellText(row, column), spec().item);
        if (item.is_null()) item = "";
      }
      if (isMap_)
        out[key] = std::move(item);
      else
        out.push_back(std::move(item));
    }
    if (out.empty()) return Json();
    return out;
  }

  QWidget* focusTarget() const override { return table_; }

 private:
  struct Column {
    QString title;
    PropertySpec spec;  // the field's spec: kind, choices, description
  };

  bool isChoice(int column) const {
    const PropertySpec& c = columns_[static_cast<size_t>(column)].spec;
    return c.kind == PropKind::Enum && !c.choices.empty();
  }
  // The drop-downs of a row's choice cells stay open, so they look and work like drop-downs.
  void openChoiceEditors(int row) {
    for (int c = 0; c < table_->columnCount(); ++c)
      if (isChoice(c)) table_->openPersistentEditor(ensureItem(row, c));
  }

  QString cellText(int row, int column) const {
    const QTableWidgetItem* item = table_->item(row, column);
    return item ? item->text() : QString();
  }
  QTableWidgetItem* ensureItem(int row, int column) {
    QTableWidgetItem* item = table_->item(row, column);
    if (!item) {
      item = new QTableWidgetItem;
      const bool wasFilling = filling_;
      filling_ = true;
      table_->setItem(row, column, item);
      filling_ = wasFilling;
    }
    return item;
  }
  void fitHeight() {
    const int rows = std::max(2, table_->rowCount()) + 1;
    const int rowHeight = table_->verticalHeader()->defaultSectionSize();
    table_->setFixedHeight(std::min(rows, 8) * rowHeight +
                           table_->horizontalHeader()->height() / 2 + 4);
  }
  void check() {
    QString problem;
    for (int row = 0; row < table_->rowCount() && problem.isEmpty(); ++row)
      for (int c = 0; c < static_cast<int>(columns_.size()) && problem.isEmpty(); ++c) {
        const QString p = scalarProblem(cellText(row, c), columns_[c].spec, columns_[c].spec.kind);
        if (!p.isEmpty())
          problem = PropertyEditor::tr("row %1, %2: %3").arg(row + 1).arg(columns_[c].title, p);
      }
    setLocalProblem(problem);
  }

  // The table and its buttons only when the map, not a word, is chosen.
  void showTable(QWidget* buttons) {
    const bool table = words_->currentIndex() == words_->count() - 1;
    table_->setVisible(table);
    buttons->setVisible(table);
  }

  QTableWidget* table_;
  bool isMap_ = false;
  QComboBox* words_ = nullptr;  // a map that also takes words (spec.choices)
  QWidget* buttons_ = nullptr;
  std::vector<Column> columns_;
};

}  // namespace

PropertyEditor* createTableEditor(const PropertySpec& spec, QWidget* parent) {
  return new TableEditor(spec, parent);
}

}  // namespace sc::designer
