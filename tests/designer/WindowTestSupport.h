#pragma once
// What the designer tests that drive the real main window share: settings and checkpoints in
// temporary folders (never the user's, never another test's), the window as a test opens and
// closes it, and the files a test writes for it to open.

#include <QCoreApplication>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QSize>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "app/designer/MainWindow.h"
#include "engine/graph/NodeRegistry.h"

namespace sc::designer::test {

// QSettings (recent files, window layout, chart choices) in `dir`, under the test's own name.
inline void useTemporarySettings(const QTemporaryDir& dir, const char* application) {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName(application);
}

// A new, empty XDG_STATE_HOME, where runs keep their checkpoints: no test resumes the run of
// the one before. The folder lives as long as the returned object.
inline std::unique_ptr<QTemporaryDir> useFreshStateDir() {
  auto dir = std::make_unique<QTemporaryDir>();
  qputenv("XDG_STATE_HOME", dir->path().toUtf8());
  return dir;
}

// The real main window with the built-in nodes, shown at `size`: unsaved changes are discarded
// without asking, and an error it reports fails the test (or is kept in `errors` when given).
// The caller waits for it to be exposed or active, so that check stays in the test.
inline MainWindow* showMainWindow(QSize size = {1400, 900}, QStringList* errors = nullptr) {
  auto* window = new MainWindow(NodeRegistry::builtin());
  window->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  if (errors)
    window->setErrorReporter(
        [errors](const QString& title, const QString& text) { *errors << title + '\n' + text; });
  else
    window->setErrorReporter(
        [](const QString& title, const QString& text) { QFAIL(qPrintable(title + '\n' + text)); });
  window->resize(size);
  window->show();
  return window;
}

inline void closeMainWindow(MainWindow*& window) {
  window->close();
  delete window;
  window = nullptr;
}

// Writes `text` as the file `name` in `dir`; its path, or an empty string when it cannot.
inline QString writeTestFile(const QTemporaryDir& dir, const char* name, const QByteArray& text) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(text);
  return path;
}

}  // namespace sc::designer::test
