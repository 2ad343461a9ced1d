// `streamcanvas --export-image`: a real PNG or SVG for a valid pipeline, exit 2 with the
// validator's messages for an invalid one. Runs the application binary.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class tst_DiagramExport : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void exportsPng();
  void exportsSvg();
  void invalidPipelineExitsTwo();
  void unsupportedImageTypeExitsTwo();
  void themeOptionChoosesTheColours();

 private:
  struct Result {
    int exitCode = -1;
    QByteArray err;
  };
  Result run(const QStringList& args) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("QT_QPA_PLATFORM");  // the program must choose offscreen by itself
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(STREAMCANVAS_EXE), args);
    if (!process.waitForFinished(60000)) return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardError()};
  }
  QString example() const {
    return QStringLiteral(SC_SOURCE_DIR "/resources/examples/sensor-alerts.json");
  }
  QTemporaryDir dir_;
};

void tst_DiagramExport::exportsPng() {
  const QString out = dir_.filePath("d.png");
  const Result r = run({"--export-image", out, example()});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  QImage image(out);
  QVERIFY(!image.isNull());
  // Four nodes in a row at 2x: wide, and not a blank picture.
  QVERIFY(image.width() > 1000 && image.height() > 100);
  QSet<QRgb> colours;
  for (int x = 0; x < image.width(); x += 7)
    colours.insert(image.pixel(x, image.height() / 2));
  QVERIFY(colours.size() > 3);
}

void tst_DiagramExport::exportsSvg() {
  const QString out = dir_.filePath("d.svg");
  const Result r = run({"--export-image", out, example()});
  QVERIFY2(r.exitCode == 0, r.err.constData());
  QFile file(out);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray svg = file.readAll();
  QVERIFY(svg.contains("<svg"));
  QVERIFY(svg.contains("fahrenheit"));  // node ids are text in the picture
  QVERIFY(svg.trimmed().endsWith("</svg>"));
}

void tst_DiagramExport::invalidPipelineExitsTwo() {
  const QString bad = dir_.filePath("bad.json");
  QFile file(bad);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"streamcanvas": 1, "name": "bad", "settings": {}, "connections": {},
  "nodes": [{"id": "f", "type": "fliter", "properties": {}}], "edges": []}
)");
  file.close();
  const QString out = dir_.filePath("bad.png");
  const Result r = run({"--export-image", out, bad});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("fliter"), r.err.constData());
  QVERIFY(!QFile::exists(out));
}

void tst_DiagramExport::unsupportedImageTypeExitsTwo() {
  const Result r = run({"--export-image", dir_.filePath("d.bmp"), example()});
  QCOMPARE(r.exitCode, 2);
  QVERIFY(r.err.contains(".png or .svg"));
}

void tst_DiagramExport::themeOptionChoosesTheColours() {
  for (const char* theme : {"dark", "light"}) {
    const QString out = dir_.filePath(QStringLiteral("%1.png").arg(QLatin1String(theme)));
    const Result r = run({"--theme", theme, "--export-image", out, example()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage image(out);
    QVERIFY(!image.isNull());
    const int lightness = image.pixelColor(2, 2).lightness();  // the canvas around the nodes
    if (qstrcmp(theme, "dark") == 0)
      QVERIFY2(lightness < 80, qPrintable(QString::number(lightness)));
    else
      QVERIFY2(lightness > 180, qPrintable(QString::number(lightness)));
  }
  const Result bad =
      run({"--theme", "purple", "--export-image", dir_.filePath("p.png"), example()});
  QCOMPARE(bad.exitCode, 2);
  QVERIFY2(bad.err.contains("unknown theme 'purple'"), bad.err.constData());
}

QTEST_GUILESS_MAIN(tst_DiagramExport)
#include "tst_DiagramExport.moc"
