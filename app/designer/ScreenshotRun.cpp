#include "app/designer/ScreenshotRun.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QTextStream>
#include <QTimer>

#include "app/designer/MainWindow.h"

namespace sc::designer {

void scheduleScreenshot(MainWindow& window, const QString& path, qint64 afterMs, bool run) {
  // The Run dock gets room for its charts in the picture.
  if (auto* dock = window.findChild<QDockWidget*>(QStringLiteral("runDock"))) {
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {std::max(360, window.height() / 2)}, Qt::Vertical);
  }
  if (run)
    QTimer::singleShot(0, &window, [&window] { window.action(QStringLiteral("run"))->trigger(); });
  QTimer::singleShot(int(std::min<qint64>(afterMs, 24LL * 3600 * 1000)), &window, [&window, path] {
    const bool saved = window.grab().save(path, "PNG");
    if (!saved)
      QTextStream(stderr)
          << QApplication::translate("main", "streamcanvas: cannot write %1").arg(path) << Qt::endl;
    QApplication::exit(saved ? 0 : 1);
  });
}

}  // namespace sc::designer
