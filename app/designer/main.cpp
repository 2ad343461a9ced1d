// streamcanvas [PIPELINE.json] [--export-image OUT.png|OUT.svg] [--theme system|light|dark]
//             [--run] [--screenshot OUT.png [--after 5s]]
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
#include <cstring>

#include "app/designer/CanvasStyle.h"
#include "app/designer/DiagramExport.h"
#include "app/designer/MainWindow.h"
#include "app/designer/ScreenshotRun.h"
#include "app/designer/Theme.h"
#include "app/designer/Translations.h"
#include "engine/graph/NodeConfig.h"

int main(int argc, char* argv[]) {
  // Exporting needs no display: choose the offscreen platform before QApplication exists.
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--export-image", 14) == 0) qputenv("QT_QPA_PLATFORM", "offscreen");
  // A screenshot without a display (CI, documentation builds) is drawn offscreen.
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--screenshot", 12) == 0 && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");

  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("StreamCanvas"));
  QApplication::setApplicationName(QStringLiteral("streamcanvas"));
  QApplication::setApplicationDisplayName(QStringLiteral("StreamCanvas"));
  QApplication::setApplicationVersion(QStringLiteral(SC_VERSION));
  // The installed desktop entry's id (installers/), so desktops match windows to it and its icon.
  QGuiApplication::setDesktopFileName(QStringLiteral("org.streamcanvas.StreamCanvas"));
  sc::designer::ensureResources();
  sc::designer::installTranslations(sc::designer::languageSetting());
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/streamcanvas.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate(
      "main", "StreamCanvas designer: build stream pipelines by drag and drop."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("pipeline"),
                               QApplication::translate("main", "Pipeline file to open."),
                               QStringLiteral("[PIPELINE.json]"));
  const QCommandLineOption exportOption(
      QStringLiteral("export-image"),
      QApplication::translate("main",
                              "Write a PNG or SVG picture of PIPELINE.json to OUT and exit."),
      QStringLiteral("OUT"));
  parser.addOption(exportOption);
  const QCommandLineOption themeOption(
      QStringLiteral("theme"),
      QApplication::translate("main",
                              "Appearance: system, light or dark (default: the last one chosen "
                              "in View > Theme, else system)."),
      QStringLiteral("THEME"));
  parser.addOption(themeOption);
  const QCommandLineOption runOption(
      QStringLiteral("run"), QApplication::translate("main", "Run the pipeline once it is open."));
  parser.addOption(runOption);
  const QCommandLineOption freshOption(
      QStringLiteral("fresh"),
      QApplication::translate("main",
                              "With --run: start fresh, removing the pipeline's checkpoints. "
                              "Without it --run resumes from the last checkpoint, if any."));
  parser.addOption(freshOption);
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QApplication::translate("main",
                              "Save a PNG picture of the whole window to OUT after the time "
                              "--after gives, then exit."),
      QStringLiteral("OUT"));
  parser.addOption(screenshotOption);
  const QCommandLineOption afterOption(
      QStringLiteral("after"),
      QApplication::translate("main", "Wait this long before --screenshot (default 5s)."),
      QStringLiteral("DURATION"), QStringLiteral("5s"));
  parser.addOption(afterOption);
  parser.process(app);

  const QStringList files = parser.positionalArguments();
  QTextStream err(stderr);
  const QString themeText =
      parser.isSet(themeOption)
          ? parser.value(themeOption)
          : QSettings()
                .value(QStringLiteral("appearance/theme"), QStringLiteral("system"))
                .toString();
  const std::optional<sc::designer::Theme> theme = sc::designer::themeFromName(themeText);
  if (!theme && parser.isSet(themeOption)) {
    err << QApplication::translate("main",
                                   "streamcanvas: unknown theme '%1' (use system, light or dark)")
               .arg(themeText)
        << Qt::endl;
    return 2;
  }
  sc::designer::applyTheme(theme.value_or(sc::designer::Theme::System));
  if (files.size() > 1) {
    err << QApplication::translate("main", "streamcanvas: at most one pipeline file") << Qt::endl;
    return 2;
  }
  if (parser.isSet(exportOption)) {
    if (files.isEmpty()) {
      err << QApplication::translate("main", "streamcanvas: --export-image needs a pipeline file")
          << Qt::endl;
      return 2;
    }
    return sc::designer::exportPipelineImage(files.first(), parser.value(exportOption), err);
  }

  const std::optional<int64_t> afterMs =
      sc::parseDurationMs(parser.value(afterOption).toStdString());
  if (!afterMs || *afterMs < 0) {
    err << QApplication::translate("main",
                                   "streamcanvas: --after needs a duration such as 5s or 500ms")
        << Qt::endl;
    return 2;
  }
  if (parser.isSet(runOption) && files.isEmpty()) {
    err << QApplication::translate("main", "streamcanvas: --run needs a pipeline file") << Qt::endl;
    return 2;
  }
  if (parser.isSet(freshOption) && !parser.isSet(runOption)) {
    err << QApplication::translate("main", "streamcanvas: --fresh goes with --run") << Qt::endl;
    return 2;
  }

  sc::designer::MainWindow window(sc::NodeRegistry::builtin());
  if (!files.isEmpty() && !window.openFile(files.first()) && parser.isSet(screenshotOption))
    return 1;
  window.show();
  using sc::designer::RunFirst;
  const RunFirst run = !parser.isSet(runOption)    ? RunFirst::No
                       : parser.isSet(freshOption) ? RunFirst::Fresh
                                                   : RunFirst::Resume;
  if (parser.isSet(screenshotOption)) {
    sc::designer::scheduleScreenshot(window, parser.value(screenshotOption), *afterMs, run);
  } else if (run != RunFirst::No) {
    // Asked for on the command line: no question about resuming (as streamcanvas-run).
    QTimer::singleShot(0, &window, [&window, run] {
      QString problems;
      if (!window.runWithoutAsking(run == RunFirst::Fresh, &problems))
        QMessageBox::warning(&window, QApplication::translate("main", "Cannot run the pipeline"),
                             problems.left(2000));
    });
  }
  return app.exec();
}
