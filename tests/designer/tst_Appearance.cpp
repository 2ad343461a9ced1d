// Light and dark themes and high-DPI scaling. The theme menu is driven like a user; colours are
// checked for contrast (WCAG ratios) in both palettes; the whole window is grabbed at the scale
// the test runs with (ctest runs this binary at 100% and with QT_SCALE_FACTOR=2) and saved under
// <build>/screenshots for a human to look at, and the canvas as the user sees it (nodes from
// their pixmap cache) is compared with the canvas painted directly, so blurry caches at 200%
// fail the test.
#include <QActionGroup>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <cmath>

#include "app/designer/CanvasStyle.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/NodeItem.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/Theme.h"

using namespace sc;
using namespace sc::designer;

namespace {

double luminance(const QColor& c) {
  auto channel = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  const QColor rgb = c.toRgb();
  return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
         0.0722 * channel(rgb.blueF());
}

// WCAG 2 contrast ratio, 1..21.
double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Mean absolute difference per channel (0..255) between two images of the same size.
double meanDifference(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB32);
  const QImage y = b.convertToFormat(QImage::Format_RGB32);
  if (x.size() != y.size()) return 255;
  double sum = 0;
  for (int row = 0; row < x.height(); ++row) {
    const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
    for (int col = 0; col < x.width(); ++col)
      sum += std::abs(qRed(p[col]) - qRed(q[col])) + std::abs(qGreen(p[col]) - qGreen(q[col])) +
             std::abs(qBlue(p[col]) - qBlue(q[col]));
  }
  return sum / (3.0 * x.width() * x.height());
}

// The contrast of the ink in `image` with `background`: that of the 20th most contrasting pixel,
// so antialiasing and a stray pixel do not decide.
double inkContrast(const QImage& image, const QColor& background) {
  std::vector<double> ratios;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      ratios.push_back(contrast(image.pixelColor(x, y), background));
  const size_t rank = std::min<size_t>(20, ratios.size());
  if (rank == 0) return 1;
  std::nth_element(ratios.begin(), ratios.begin() + static_cast<long>(rank - 1), ratios.end(),
                   std::greater<>());
  return ratios[rank - 1];
}

}  // namespace

class tst_Appearance : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void coloursAreReadable_data();
  void coloursAreReadable();
  void themeMenuSwitchesTheWholeWindow();
  void toolbarIconsFollowThePalette_data();
  void toolbarIconsFollowThePalette();
  void screenshotsAtThisScale_data();
  void screenshotsAtThisScale();

 private:
  QAction* themeAction(const QString& name) const;

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

void tst_Appearance::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_Appearance");
  applyTheme(Theme::System);  // remembers the platform's own look
}

void tst_Appearance::init() {
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->resize(1400, 860);
  window_->show();
  QVERIFY(QTest::qWaitForWindowExposed(window_));
}

void tst_Appearance::cleanup() {
  delete window_;
  window_ = nullptr;
  applyTheme(Theme::System);
}

QAction* tst_Appearance::themeAction(const QString& name) const {
  return window_->findChild<QAction*>(QStringLiteral("theme-") + name);
}

void tst_Appearance::coloursAreReadable_data() {
  QTest::addColumn<bool>("dark");
  QTest::newRow("light") << false;
  QTest::newRow("dark") << true;
}

void tst_Appearance::coloursAreReadable() {
  QFETCH(bool, dark);
  const QPalette palette = dark ? darkPalette() : lightPalette();
  QCOMPARE(isDarkPalette(palette), dark);
  const CanvasColors c = canvasColors(palette);
  struct Pair {
    const char* what;
    QColor fg, bg;
    double minimum;
  };
  const Pair pairs[] = {
      {"node title on node", c.text, c.nodeBody, 7.0},
      {"node type line on node", c.mutedText, c.nodeBody, 4.5},
      {"wire on canvas", c.edge, c.background, 3.0},
      {"repartition badge: wire colour on its fill", c.edge, c.nodeBody, 3.0},
      {"selection on canvas", c.selection, c.background, 3.0},
      {"error badge on node", c.error, c.nodeBody, 3.0},
      {"warning badge on node", c.warning, c.nodeBody, 2.0},
      {"widget text", palette.color(QPalette::Text), palette.color(QPalette::Base), 7.0},
      {"window text", palette.color(QPalette::WindowText), palette.color(QPalette::Window), 7.0},
      {"muted labels (spec summaries)", palette.color(QPalette::PlaceholderText),
       palette.color(QPalette::Window), 3.0},
      {"placeholder text", palette.color(QPalette::PlaceholderText), palette.color(QPalette::Base),
       3.0},
      {"selected text", palette.color(QPalette::HighlightedText),
       palette.color(QPalette::Highlight), 3.0},
  };
  for (const Pair& p : pairs) {
    const double ratio = contrast(p.fg, p.bg);
    QVERIFY2(ratio >= p.minimum, qPrintable(QStringLiteral("%1: contrast %2 < %3")
                                                .arg(QLatin1String(p.what))
                                                .arg(ratio, 0, 'f', 2)
                                                .arg(p.minimum)));
  }
  // Port colours (category accents) must stand out from the node body.
  for (const char* category : {"Sources", "Transforms", "Windows", "Sinks", "Other"})
    QVERIFY2(contrast(categoryColor(QLatin1String(category)), c.nodeBody) >= 2.0, category);
}

void tst_Appearance::themeMenuSwitchesTheWholeWindow() {
  QVERIFY(
      window_->openFile(QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-alerts.json")));
  // The Theme submenu under View holds three exclusive choices.
  QMenu* view = nullptr;
  for (QAction* a : window_->menuBar()->actions())
    if (a->text().remove('&') == QLatin1String("View")) view = a->menu();
  QVERIFY(view);
  QAction* dark = themeAction("dark");
  QAction* light = themeAction("light");
  QAction* system = themeAction("system");
  QVERIFY(dark && light && system);
  QVERIFY(dark->actionGroup() && dark->actionGroup()->isExclusive());
  QVERIFY(system->isChecked());

  // A shown window has painted its canvas once, so the view holds a cached background.
  window_->show();
  QVERIFY(QTest::qWaitForWindowExposed(window_));
  window_->view()->viewport()->repaint();
  dark->trigger();
  QVERIFY(dark->isChecked() && !light->isChecked());
  QVERIFY(isDarkPalette(QApplication::palette()));
  // QApplication hands the new palette to the widgets through the event loop.
  QTRY_VERIFY(isDarkPalette(window_->palette()));
  QVERIFY(isDarkPalette(window_->view()->palette()));
  QTRY_VERIFY(window_->scene()->colors().background.lightnessF() < 0.3);
  QCOMPARE(QSettings().value("appearance/theme").toString(), QStringLiteral("dark"));

  // What the view shows follows at once, not at the next zoom: the cached background (grid)
  // is redrawn in the new colours.
  auto canvasPixel = [&] {
    QWidget* viewport = window_->view()->viewport();
    // What the screen shows (a real window under xcb); offscreen, what the widget paints.
    const QPixmap shown = QGuiApplication::platformName() == QLatin1String("xcb")
                              ? viewport->screen()->grabWindow(viewport->winId(), 3, 3, 1, 1)
                              : viewport->grab(QRect(3, 3, 1, 1));
    return shown.toImage().pixelColor(QPoint(0, 0));
  };
  QTRY_VERIFY2(canvasPixel().lightnessF() < 0.3, qPrintable(canvasPixel().name()));
  // The nodes too: a node's title reads on its body in the new colours.
  auto titleContrast = [&] {
    NodeItem* hot = window_->scene()->nodeItem("hot");
    GraphView* canvas = window_->view();
    const QRect title =
        canvas->mapFromScene(hot->mapToScene(QRectF(30, 4, 140, 20))).boundingRect();
    return inkContrast(canvas->viewport()->grab(title).toImage(),
                       window_->scene()->colors().nodeBody);
  };
  QTRY_VERIFY2(titleContrast() >= 4.5, qPrintable(QString::number(titleContrast())));

  light->trigger();
  QVERIFY(!isDarkPalette(QApplication::palette()));
  QTRY_VERIFY(window_->scene()->colors().background.lightnessF() > 0.7);
  QTRY_VERIFY2(canvasPixel().lightnessF() > 0.7, qPrintable(canvasPixel().name()));
  QTRY_VERIFY2(titleContrast() >= 4.5, qPrintable(QString::number(titleContrast())));
  QCOMPARE(QSettings().value("appearance/theme").toString(), QStringLiteral("light"));

  // The offscreen platform is light and asks for nothing: System is light here.
  system->trigger();
  QCOMPARE(currentTheme(), Theme::System);
  QCOMPARE(isDarkPalette(QApplication::palette()), systemPrefersDark());
}

void tst_Appearance::toolbarIconsFollowThePalette_data() {
  QTest::addColumn<QString>("theme");
  QTest::newRow("dark") << QStringLiteral("dark");
  QTest::newRow("light") << QStringLiteral("light");
}

// Enabled toolbar icons stand out from the toolbar; disabled ones are visible but clearly dimmer,
// in both themes and right after switching to them from the menu.
void tst_Appearance::toolbarIconsFollowThePalette() {
  QFETCH(QString, theme);
  // From the other theme first, so this is a switch.
  themeAction(theme == "dark" ? "light" : "dark")->trigger();
  themeAction(theme)->trigger();
  QTRY_COMPARE(isDarkPalette(window_->palette()), theme == "dark");
  auto* toolbar = window_->findChild<QToolBar*>("mainToolBar");
  QVERIFY(toolbar);
  // A new document: nothing selected, nothing running.
  QVERIFY(!window_->findChild<QAction*>("copy")->isEnabled());
  QVERIFY(window_->findChild<QAction*>("open")->isEnabled());
  double dimmestEnabled = 21, brightestDisabled = 1;
  QString dimmestName, brightestName;
  int enabled = 0, disabled = 0;
  for (QAction* action : toolbar->actions()) {
    if (action->icon().isNull()) continue;
    auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(action));
    if (!button) continue;
    const QImage image = button->grab().toImage();
    // The toolbar as the button shows it around the icon.
    const QColor background = image.pixelColor(1, image.height() / 2);
    QRect icon(QPoint(0, 0), toolbar->iconSize() * image.devicePixelRatio());
    icon.moveCenter(image.rect().center());
    const double ratio = inkContrast(image.copy(icon), background);
    if (action->isEnabled()) {
      ++enabled;
      if (ratio < dimmestEnabled) dimmestEnabled = ratio, dimmestName = action->objectName();
    } else {
      ++disabled;
      if (ratio > brightestDisabled)
        brightestDisabled = ratio, brightestName = action->objectName();
      QVERIFY2(ratio >= 1.4, qPrintable(QString("disabled %1 icon is invisible: contrast %2")
                                            .arg(action->objectName())
                                            .arg(ratio)));
    }
  }
  QVERIFY(enabled >= 5 && disabled >= 3);
  QVERIFY2(
      dimmestEnabled >= 3.0,
      qPrintable(QString("enabled %1 icon: contrast %2").arg(dimmestName).arg(dimmestEnabled)));
  QVERIFY2(dimmestEnabled > brightestDisabled * 1.3,
           qPrintable(QString("disabled %1 icon (contrast %2) is not dimmer than enabled %3 (%4)")
                          .arg(brightestName)
                          .arg(brightestDisabled)
                          .arg(dimmestName)
                          .arg(dimmestEnabled)));
}

void tst_Appearance::screenshotsAtThisScale_data() {
  QTest::addColumn<QString>("theme");
  QTest::newRow("light") << QStringLiteral("light");
  QTest::newRow("dark") << QStringLiteral("dark");
}

void tst_Appearance::screenshotsAtThisScale() {
  QFETCH(QString, theme);
  applyTheme(*themeFromName(theme));
  QVERIFY(
      window_->openFile(QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-averages.json")));
  GraphView* view = window_->view();
  QTest::qWait(50);  // the fit-to-view after opening is queued
  // Select a node by clicking its header, so the inspector shows its form.
  const QString id = QString::fromStdString(window_->document()->pipeline().nodes.at(1).id);
  NodeItem* item = window_->scene()->nodeItem(id);
  QVERIFY(item);
  const QPoint header = view->mapFromScene(item->mapToScene(QPointF(100, 14)));
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, header);
  QCOMPARE(window_->document()->selectedNodes().size(), size_t(1));
  QTest::qWait(GraphView::kZoomSettleMs + 100);  // the zoom gesture has ended: nodes are cached

  const qreal ratio = window_->devicePixelRatio();
  const QImage shot = window_->grab().toImage();
  QCOMPARE(shot.devicePixelRatio(), ratio);
  QCOMPARE(shot.size(), (QSizeF(window_->size()) * ratio).toSize());
  const QString scale = QString::number(qRound(ratio * 100));
  QDir().mkpath(QStringLiteral(SC_BINARY_DIR "/screenshots"));
  const QString file =
      QStringLiteral(SC_BINARY_DIR "/screenshots/designer-%1-%2.png").arg(theme, scale);
  QVERIFY(shot.save(file));
  qInfo("saved %s", qPrintable(file));

  // The canvas background under the view's top-left corner has the theme's canvas colour.
  const QPoint corner = view->viewport()->mapTo(window_, QPoint(3, 3));
  const QColor seen = shot.pixelColor((QPointF(corner) * ratio).toPoint());
  const QColor expected = window_->scene()->colors().background;
  QVERIFY2(
      std::abs(seen.lightness() - expected.lightness()) < 24,
      qPrintable(QStringLiteral("canvas %1, expected about %2").arg(seen.name(), expected.name())));

  // Nodes drawn from their cached pixmaps look like nodes painted directly at this scale.
  const QImage cached = view->viewport()->grab().toImage();
  window_->scene()->setZooming(true);  // no node cache
  const QImage direct = view->viewport()->grab().toImage();
  window_->scene()->setZooming(false);
  const double difference = meanDifference(cached, direct);
  QVERIFY2(difference < 1.0, qPrintable(QStringLiteral("cached nodes differ from nodes painted "
                                                       "directly by %1 per channel")
                                            .arg(difference)));
}

QTEST_MAIN(tst_Appearance)
#include "tst_Appearance.moc"
