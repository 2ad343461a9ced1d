#pragma once
// Internal to the property editors: the checks the editors share, and the editors of the larger
// kinds (ExpressionEditor.cpp, TableEditor.cpp), which createPropertyEditor (PropertyEditors.cpp)
// makes.

#include <QString>

#include "app/designer/PropertyEditors.h"

namespace sc::designer {

bool hasVariable(const QString& text);
// The placeholder of an empty field: the spec's placeholder, its default, or "required".
QString defaultHint(const PropertySpec& spec);
// The check of one scalar as typed; empty when fine.
QString scalarProblem(const QString& text, const PropertySpec& spec, PropKind kind);

// An expression: coloured text, its compile error, field and function completion.
PropertyEditor* createExpressionEditor(const PropertySpec& spec, bool darkTheme, QWidget* parent);
// A list, map or list of objects: a table with add and remove buttons.
PropertyEditor* createTableEditor(const PropertySpec& spec, QWidget* parent);

}  // namespace sc::designer
