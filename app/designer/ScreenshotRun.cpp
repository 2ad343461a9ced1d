#include "app/designer/ScreenshotRun.h"

#include <QApplication>
#include <QDockWidget>
#include <QTextStream>
#include <QTimer>

#include "app/designer/MainWindow.h"

namespace sc::designer {

namespace {

// The Run dock in front, with room for its charts. A run brings the Tap dock forward when it
// has console sinks (their Output view) or taps, so this is done again just before the picture.
void showRunDock(MainWindow& window) {
  if (auto* dock = window.findChild<QDockWidget*>(QStringLiteral("runDock"))) {
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {std::max(360, window.height() / 2)}, Qt::Vertical);
  }
}

}  // namespace

void scheduleScreenshot(MainWindow& window, const QString& path, qint64 afterMs, RunFirst run,
                        std::function<void(bool saved)> done) {
  showRunDock(window);
  QString problems;
  if (run != RunFirst::No && !window.runWithoutAsking(run == RunFirst::Fresh, &problems)) {
    QTextStream(stderr) << QApplication::translate("main",
                                                   "streamcanvas: cannot run the pipeline: %1")
                               .arg(problems)
                        << Qt::endl;
    QTimer::singleShot(0, &window, [done] {
      if (done)
        done(false);
      else
        QApplication::exit(1);
    });
    return;
  }
  QTimer::singleShot(
      int(std::min<qint64>(afterMs, 24LL * 3600 * 1000)), &window, [&window, path, done] {
        showRunDock(window);
        // One turn of the event loop lays the raised dock out before the grab.
        QTimer::singleShot(
            0, &window, [&window, path, done] {
              const bool saved = window.grab().save(path, "PNG");
              if (done) {
                done(saved);
                return;
              }
              if (!saved)
                QTextStream(stderr)
                    << QApplication::translate("main", "streamcanvas: cannot write %1").arg(path)
                    << Qt::endl;
              QApplication::exit(saved ? 0 : 1);
            });
      });
}

}  // namespace sc::designer
