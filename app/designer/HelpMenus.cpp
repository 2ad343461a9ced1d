#include "app/designer/HelpMenus.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "app/designer/CanvasStyle.h"
#include "app/runner/NodeDocs.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void initHelpResources() {
  Q_INIT_RESOURCE(help);
}

namespace sc::designer {

// The translation context of these texts.
class HelpMenus {
  Q_DECLARE_TR_FUNCTIONS(sc::designer::HelpMenus)
};

namespace {

// The title of an example: its pipeline's name, else its file name.
QString exampleTitle(const QString& path) {
  QFile file(path);
  if (file.open(QIODevice::ReadOnly)) {
    const QString name = QJsonDocument::fromJson(file.read(64 * 1024))
                             .object()
                             .value(QStringLiteral("name"))
                             .toString();
    if (!name.isEmpty()) return name;
  }
  return QFileInfo(path).completeBaseName();
}

// A help page: markdown in a browser, in a window of its own that stays open beside the canvas.
void showPage(QWidget* parent, const QString& name, const QString& title, const QString& markdown) {
  auto* page = parent->findChild<QDialog*>(name);
  if (!page) {
    page = new QDialog(parent);
    page->setObjectName(name);
    page->setWindowTitle(title);
    auto* layout = new QVBoxLayout(page);
    auto* browser = new QTextBrowser(page);
    browser->setObjectName(QStringLiteral("helpBrowser"));
    browser->setOpenExternalLinks(true);
    layout->addWidget(browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    QObject::connect(buttons, &QDialogButtonBox::rejected, page, &QDialog::close);
    layout->addWidget(buttons);
    page->resize(760, 640);
  }
  // Filled each time: the shortcuts page follows the actions as they are now.
  page->findChild<QTextBrowser*>(QStringLiteral("helpBrowser"))->setMarkdown(markdown);
  page->show();
  page->raise();
  page->activateWindow();
}

QString nodeReference(const NodeRegistry& registry) {
  QString markdown = QString::fromStdString(nodeDocsMarkdown(registry));
  // The generated file's note for its editors means nothing here.
  const qsizetype note = markdown.indexOf(QLatin1String("\n\nGenerated from the node specs"));
  if (note >= 0) markdown.remove(note, markdown.indexOf('\n', note + 2) - note);
  // Descriptions write placeholders such as streamcanvas-<pipeline>: outside code spans the
  // markdown reader takes them for HTML tags and drops the rest of the page.
  QString escaped;
  escaped.reserve(markdown.size() + 64);
  bool inCode = false;
  for (const QChar c : std::as_const(markdown)) {
    if (c == '`') inCode = !inCode;
    if (c == '\n') inCode = false;
    if (c == '<' && !inCode) escaped += '\\';
    escaped += c;
  }
  return escaped;
}

QString expressionReference() {
  initHelpResources();
  QFile file(QStringLiteral(":/help/expressions.md"));
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Every action of the window that has a shortcut, as the menus name it.
QString shortcutsPage(const QMainWindow* window) {
  QString markdown =
      QStringLiteral("# %1\n\n| %2 | %3 |\n| --- | --- |\n")
          .arg(HelpMenus::tr("Keyboard shortcuts"), HelpMenus::tr("Action"), HelpMenus::tr("Keys"));
  QList<QAction*> actions = window->findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly);
  std::stable_sort(actions.begin(), actions.end(), [](QAction* a, QAction* b) {
    return a->text().remove('&') < b->text().remove('&');
  });
  for (QAction* action : std::as_const(actions)) {
    if (action->shortcuts().isEmpty() || action->menu()) continue;
    QStringList keys;
    for (const QKeySequence& key : action->shortcuts())
      keys << QStringLiteral("`%1`").arg(key.toString(QKeySequence::NativeText));
    QString text = action->text().remove('&');
    text.remove(QRegularExpression(QStringLiteral("…$|\\.\\.\\.$")));
    markdown += QStringLiteral("| %1 | %2 |\n").arg(text, keys.join(QStringLiteral(", ")));
  }
  markdown +=
      QStringLiteral("\n## %1\n\n| %2 | %3 |\n| --- | --- |\n")
          .arg(HelpMenus::tr("On the canvas"), HelpMenus::tr("Action"), HelpMenus::tr("Gesture"));
  const std::pair<const char*, const char*> canvas[] = {
      {QT_TRANSLATE_NOOP("HelpMenus", "Zoom around the cursor"),
       QT_TRANSLATE_NOOP("HelpMenus", "Mouse wheel")},
      {QT_TRANSLATE_NOOP("HelpMenus", "Pan"),
       QT_TRANSLATE_NOOP("HelpMenus", "Middle button drag, or Space + drag")},
      {QT_TRANSLATE_NOOP("HelpMenus", "Select several nodes"),
       QT_TRANSLATE_NOOP("HelpMenus", "Drag a rectangle on the empty canvas")},
      {QT_TRANSLATE_NOOP("HelpMenus", "Wire two nodes"),
       QT_TRANSLATE_NOOP("HelpMenus", "Drag from an output port to an input port")},
      {QT_TRANSLATE_NOOP("HelpMenus", "Add a node"),
       QT_TRANSLATE_NOOP("HelpMenus", "Drag it from the Nodes panel, or double-click it there")},
  };
  for (const auto& [what, how] : canvas)
    markdown += QStringLiteral("| %1 | %2 |\n").arg(HelpMenus::tr(what), HelpMenus::tr(how));
  return markdown;
}

}  // namespace

QString examplesDirectory() {
  const QStringList candidates = {
      QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral(SC_EXAMPLES_FROM_BIN)),
      QStringLiteral(SC_SOURCE_EXAMPLES_DIR)};
  for (const QString& dir : candidates)
    if (QDir(dir).exists() && !QDir(dir).entryList({QStringLiteral("*.json")}).isEmpty())
      return QDir(dir).canonicalPath();
  return {};
}

QMenu* createExamplesMenu(QWidget* parent, std::function<void(const QString& path)> open) {
  auto* menu = new QMenu(HelpMenus::tr("E&xamples"), parent);
  menu->setObjectName(QStringLiteral("examplesMenu"));
  const QString dir = examplesDirectory();
  const QFileInfoList files =
      dir.isEmpty() ? QFileInfoList()
                    : QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
  for (const QFileInfo& file : files) {
    QAction* action = menu->addAction(exampleTitle(file.filePath()));
    action->setObjectName(QStringLiteral("example-") + file.completeBaseName());
    action->setToolTip(file.filePath());
    action->setStatusTip(file.filePath());
    QObject::connect(action, &QAction::triggered, menu,
                     [open, path = file.filePath()] { open(path); });
  }
  if (files.isEmpty()) {
    QAction* none =
        menu->addAction(HelpMenus::tr("No examples installed (package streamcanvas-runner)"));
    none->setEnabled(false);
  }
  return menu;
}

QMenu* createHelpMenu(QMainWindow* window, const NodeRegistry& registry) {
  auto* menu = new QMenu(HelpMenus::tr("&Help"), window);
  menu->setObjectName(QStringLiteral("helpMenu"));
  auto add = [&](const QString& name, const QString& text, std::function<void()> slot) {
    QAction* action = menu->addAction(text);
    action->setObjectName(name);
    QObject::connect(action, &QAction::triggered, window, [slot = std::move(slot)] { slot(); });
    return action;
  };
  QAction* nodes =
      add(QStringLiteral("nodeReference"), HelpMenus::tr("&Node Reference"), [window, &registry] {
        showPage(window, QStringLiteral("nodeReferencePage"), HelpMenus::tr("Node Reference"),
                 nodeReference(registry));
      });
  nodes->setShortcut(QKeySequence::HelpContents);
  add(QStringLiteral("expressionReference"), HelpMenus::tr("&Expression Reference"), [window] {
    showPage(window, QStringLiteral("expressionReferencePage"),
             HelpMenus::tr("Expression Reference"), expressionReference());
  });
  add(QStringLiteral("shortcutsReference"), HelpMenus::tr("&Keyboard Shortcuts"), [window] {
    showPage(window, QStringLiteral("shortcutsPage"), HelpMenus::tr("Keyboard Shortcuts"),
             shortcutsPage(window));
  });
  menu->addSeparator();
  add(QStringLiteral("about"), HelpMenus::tr("&About StreamCanvas"), [window] {
    // Window-modal and asynchronous, as the designer's other questions.
    auto* box = new QMessageBox(
        QMessageBox::NoIcon, HelpMenus::tr("About StreamCanvas"),
        QStringLiteral("<h3>StreamCanvas %1</h3><p>%2</p><p>%3</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                 HelpMenus::tr(
                     "Design stream-processing pipelines on a canvas, run them here against "
                     "Kafka, files and generators, and run the same file headless with "
                     "streamcanvas-run."),
                 HelpMenus::tr("Built with Qt %1.").arg(QLatin1String(qVersion()))),
        QMessageBox::Ok, window);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  });
  return menu;
}

}  // namespace sc::designer
