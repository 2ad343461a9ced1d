#include "app/designer/Translations.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace sc::designer {

namespace {

constexpr char kLanguageKey[] = "appearance/language";

// The translators installTranslations put in place, removed by the next call.
QList<QTranslator*>& installed() {
  static QList<QTranslator*> translators;
  return translators;
}

// The first of the user's preferred languages (QLocale::system() follows LANGUAGE and LANG)
// that the designer ships; English when none is.
QString systemLanguage() {
  for (const QString& name : QLocale::system().uiLanguages()) {
    const QString code = QLocale(name).name().section(QLatin1Char('_'), 0, 0);
    for (const Language& language : shippedLanguages())
      if (language.code == code) return code;
  }
  return QStringLiteral("en");
}

}  // namespace

QList<Language> shippedLanguages() {
  return {{QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("de"), QStringLiteral("Deutsch")},
          {QStringLiteral("fr"), QStringLiteral("Français")}};
}

QString languageSetting() {
  const QString code = QSettings().value(QString::fromLatin1(kLanguageKey)).toString();
  for (const Language& language : shippedLanguages())
    if (language.code == code) return code;
  return {};
}

void setLanguageSetting(const QString& code) {
  QSettings settings;
  if (code.isEmpty())
    settings.remove(QString::fromLatin1(kLanguageKey));
  else
    settings.setValue(QString::fromLatin1(kLanguageKey), code);
}

QString installTranslations(const QString& choice) {
  for (QTranslator* translator : installed()) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
  installed().clear();
  const QString language = choice.isEmpty() ? systemLanguage() : choice;
  if (language == QLatin1String("en")) return language;
  // The compiled translations are resources of the designer (qt_add_translations, /i18n).
  auto designer = std::make_unique<QTranslator>();
  if (!designer->load(QStringLiteral(":/i18n/streamcanvas_%1.qm").arg(language)))
    return QStringLiteral("en");
  QCoreApplication::installTranslator(designer.get());
  installed() << designer.release();
  // Qt's own texts (Save, Discard, Cancel, file dialogs), from Debian's qt6-translations-l10n.
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    installed() << qt.release();
  }
  return language;
}

QString specText(const std::string& text) {
  if (text.empty()) return {};
  return QCoreApplication::translate("NodeSpec", text.c_str());
}

QString propertyLabel(const std::string& name) {
  return QCoreApplication::translate("NodeSpec", name.c_str(), "property name");
}

}  // namespace sc::designer
