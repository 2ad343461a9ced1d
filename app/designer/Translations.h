#pragma once
// The designer's language: the system locale (LANGUAGE, LANG) unless the user chose one in
// View > Language (QSettings "appearance/language"). Texts of the Qt-free node specs are
// translated at display time in the "NodeSpec" context; translations/NodeSpecStrings.cpp,
// generated from the specs, is what lupdate extracts them from.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <string>

namespace sc::designer {

struct Language {
  QString code;  // "" (follow the system), "en", "de", "fr"
  QString name;  // in its own language: "English", "Deutsch", "Français"
};

// The languages the designer ships, English first.
QList<Language> shippedLanguages();

// The stored choice: "" follows the system locale.
QString languageSetting();
void setLanguageSetting(const QString& code);

// Installs the translators for `choice` ("" = the system's UI languages, else a language code)
// on the application, replacing the ones an earlier call installed: the designer's own and
// Qt's (standard buttons and dialogs). Returns the language the designer now speaks ("en" when
// no translation matches). Widgets built before the call keep their texts.
QString installTranslations(const QString& choice);

// A node spec's text (title, summary, description, category, port or property description)
// in the designer's language.
QString specText(const std::string& text);
// A property's label: its name, translated where the translation names it in words.
QString propertyLabel(const std::string& name);

}  // namespace sc::designer
