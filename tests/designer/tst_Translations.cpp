// The translations are complete and current: lupdate run on a copy of each .ts file finds no
// new (unfinished) or vanished text, every translation keeps its source's placeholders and
// accelerator, and translations/NodeSpecStrings.cpp matches the node specs.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "engine/graph/NodeRegistry.h"
#include "translations/SpecStrings.h"

namespace {

const char* const kHowToUpdate =
    "Run `cmake --build build --target update_translations`, then translate the entries marked "
    "type=\"unfinished\" in translations/*.ts (Qt Linguist or an editor; translations/README.md "
    "has the glossary).";

struct Message {
  QString context;
  QString source;
  QString type;              // translation type: "", "unfinished", "obsolete", "vanished"
  QStringList translations;  // one, or the numerus forms
};

QList<Message> readTs(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QXmlStreamReader xml(&file);
  QList<Message> messages;
  QString context;
  Message current;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("context")) {
      context.clear();
    } else if (name == QLatin1String("name") && context.isEmpty()) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      if (!current.source.isNull()) messages << current;
      current = Message{context, QString(), QString(), {}};
    } else if (name == QLatin1String("source")) {
      current.source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      current.type = xml.attributes().value(QLatin1String("type")).toString();
      // Plain translations hold text; numerus ones hold <numerusform> children.
      QString text;
      bool hasForms = false;
      while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters()) text += xml.text();
        if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
          hasForms = true;
          current.translations << xml.readElementText();
        }
      }
      if (!hasForms) current.translations << text;
    }
  }
  if (!current.source.isNull()) messages << current;
  return messages;
}

QString describe(const Message& m) {
  return QStringLiteral("[%1] \"%2\"").arg(m.context, m.source.left(80));
}

QStringList placeholders(const QString& text) {
  static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
  QStringList found;
  for (auto it = re.globalMatch(text); it.hasNext();)
    found << it.next().captured();
  found.sort();
  found.removeDuplicates();
  return found;
}

int accelerators(const QString& text) {
  int n = 0;
  for (qsizetype i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '&') continue;
    if (text[i + 1] == '&') {
      ++i;
      continue;
    }
    if (text[i + 1].isLetterOrNumber()) ++n;
  }
  return n;
}

QStringList tsFiles() {
  return {QStringLiteral(SC_SOURCE_DIR "/translations/streamcanvas_de.ts"),
          QStringLiteral(SC_SOURCE_DIR "/translations/streamcanvas_fr.ts")};
}

}  // namespace

class tst_Translations : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void nodeSpecStringsAreCurrent();
  void tsFilesAreCompleteAndCurrent_data();
  void tsFilesAreCompleteAndCurrent();
  void translationsKeepPlaceholdersAndAccelerators_data();
  void translationsKeepPlaceholdersAndAccelerators();
};

void tst_Translations::nodeSpecStringsAreCurrent() {
  QFile file(QStringLiteral(SC_SOURCE_DIR "/translations/NodeSpecStrings.cpp"));
  QVERIFY(file.open(QIODevice::ReadOnly));
  const std::string expected = sc::nodeSpecStringsSource(sc::NodeRegistry::builtin());
  QVERIFY2(file.readAll().toStdString() == expected,
           qPrintable(QStringLiteral("translations/NodeSpecStrings.cpp is older than the node "
                                     "specs. ") +
                      QString::fromLatin1(kHowToUpdate)));
}

void tst_Translations::tsFilesAreCompleteAndCurrent_data() {
  QTest::addColumn<QString>("ts");
  for (const QString& ts : tsFiles())
    QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts;
}

void tst_Translations::tsFilesAreCompleteAndCurrent() {
  QFETCH(QString, ts);
  // lupdate updates a copy as `update_translations` would update the file, but keeps what
  // vanished from the sources, so that shows too.
  QTemporaryDir dir;
  const QString copy = dir.filePath(QFileInfo(ts).fileName());
  QVERIFY(QFile::copy(ts, copy));
  QProcess lupdate;
  QStringList args{QStringLiteral("-I"), QStringLiteral(SC_SOURCE_DIR)};
  QFile sources(QStringLiteral(SC_TRANSLATION_SOURCES_FILE));
  QVERIFY(sources.open(QIODevice::ReadOnly | QIODevice::Text));
  args << QString::fromUtf8(sources.readAll()).split('\n', Qt::SkipEmptyParts);
  args << QStringLiteral("-ts") << copy;
  lupdate.start(QStringLiteral(SC_LUPDATE), args);
  QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish within 120 s");
  QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

  QStringList problems;
  for (const Message& m : readTs(copy)) {
    if (m.type == QLatin1String("unfinished"))
      problems << QStringLiteral("not translated: ") + describe(m);
    else if (m.type == QLatin1String("obsolete") || m.type == QLatin1String("vanished"))
      problems << QStringLiteral("no longer in the sources: ") + describe(m);
    else if (m.translations.contains(QString()))
      problems << QStringLiteral("empty translation: ") + describe(m);
  }
  QVERIFY2(problems.isEmpty(),
           qPrintable(QStringLiteral("%1 is not complete and current (%2 entries):\n  %3\n%4")
                          .arg(QFileInfo(ts).fileName())
                          .arg(problems.size())
                          .arg(problems.mid(0, 40).join(QStringLiteral("\n  ")),
                               QString::fromLatin1(kHowToUpdate))));
}

void tst_Translations::translationsKeepPlaceholdersAndAccelerators_data() {
  tsFilesAreCompleteAndCurrent_data();
}

void tst_Translations::translationsKeepPlaceholdersAndAccelerators() {
  QFETCH(QString, ts);
  const QList<Message> messages = readTs(ts);
  QVERIFY(messages.size() > 100);
  QStringList problems;
  for (const Message& m : messages) {
    if (m.type == QLatin1String("unfinished")) continue;  // reported by the test above
    for (const QString& t : m.translations) {
      QStringList expected = placeholders(m.source);
      QStringList got = placeholders(t);
      // A numerus form may spell the number out ("one record") instead of %n.
      if (m.translations.size() > 1) {
        expected.removeAll(QStringLiteral("%n"));
        got.removeAll(QStringLiteral("%n"));
      }
      if (expected != got)
        problems << QStringLiteral("placeholders %1 became %2 in %3")
                        .arg(expected.join(','), got.join(','), describe(m));
      if (accelerators(m.source) != accelerators(t))
        problems << QStringLiteral("the accelerator (&) is lost or doubled in %1: \"%2\"")
                        .arg(describe(m), t);
    }
  }
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_Translations.moc"
