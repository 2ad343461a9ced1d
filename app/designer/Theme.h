#pragma once
// Light and dark appearance. "System" follows the desktop: the platform theme's own palette
// when it has one (KDE, GTK platform themes), else the desktop's dark preference (GNOME's
// color-scheme, GTK_THEME=...:dark) with Fusion and a dark palette. Light and Dark force a look.

#include <QString>
#include <optional>

class QPalette;

namespace sc::designer {

enum class Theme { System, Light, Dark };

QString themeName(Theme theme);  // "system", "light", "dark"
std::optional<Theme> themeFromName(const QString& name);

// Whether the desktop asks for dark colours (see above). Read once per process.
bool systemPrefersDark();

// Applies the theme to the whole application (style and palette); widgets and the canvas
// follow through their palette-change events. The first call remembers the platform's own
// look, so switching back to System restores it.
void applyTheme(Theme theme);
Theme currentTheme();

// Fusion palettes used when the platform's own palette does not match the wanted brightness.
QPalette lightPalette();
QPalette darkPalette();

}  // namespace sc::designer
