// Every registered node spec checks itself: the lint below walks the built-in registry (and a
// deliberately broken one, to show it catches what it claims), and a node reading a property its
// spec does not declare is an error, not a silent null.
#include <QtTest>

#include <set>

#include "engine/expr/Expression.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/SlotTable.h"

using namespace sc;

namespace {

const std::set<std::string> kCategories = {"Sources", "Transforms", "Windows", "Sinks"};

// Whether `v` is a value of the property's kind (what the validator would accept).
bool hasKind(const PropertySpec& p, PropKind kind, const Json& v) {
  switch (kind) {
    case PropKind::String:
      return v.is_string();
    case PropKind::Integer:
      return v.is_number_integer() && v.get<int64_t>() >= p.minimum;
    case PropKind::Number:
      return v.is_number() &&
             (p.minimum == INT64_MIN || v.get<double>() >= static_cast<double>(p.minimum));
    case PropKind::Boolean:
      return v.is_boolean();
    case PropKind::Duration:
      return v.is_string() && parseDurationMs(v.get<std::string>()).has_value();
    case PropKind::Enum:
      return v.is_string() &&
             std::find(p.choices.begin(), p.choices.end(), v.get<std::string>()) != p.choices.end();
    case PropKind::Expression: {
      if (!v.is_string()) return false;
      SlotTable scratch;
      return expr::Expression::compile(v.get<std::string>(), scratch, expressionType(p.exprType),
                                       nullptr) != nullptr;
    }
    case PropKind::List:
      if (!v.is_array()) return p.acceptsSingle && hasKind(p, p.item, v);
      for (const auto& item : v)
        if (!hasKind(p, p.item, item)) return false;
      return true;
    case PropKind::Map:
      if (v.is_string())
        return std::find(p.choices.begin(), p.choices.end(), v.get<std::string>()) !=
               p.choices.end();
      if (!v.is_object()) return false;
      for (const auto& item : v)
        if (!hasKind(p, p.item, item)) return false;
      return true;
    case PropKind::Object:
      return v.is_object();
  }
  return false;
}

// A property whose value is the name of an entry under "connections".
bool namesAConnection(const PropertySpec& p) {
  return p.name == "connection" || p.name.ends_with("_connection") ||
         p.description.find("\"connections\"") != std::string::npos;
}

void lintProperty(const NodeSpec& s, const PropertySpec& p, const NodeRegistry& registry,
                  const std::string& where, QStringList& problems) {
  auto problem = [&](const std::string& what) {
    problems << QString::fromStdString(s.type + " " + where + ": " + what);
  };
  if (p.description.empty()) problem("has no description");
  if (p.kind == PropKind::Enum && p.choices.empty()) problem("is an enum without choices");
  if (!p.defaultValue.is_null() && !hasKind(p, p.kind, p.defaultValue))
    problem("default " + p.defaultValue.dump() + " is not a valid " + propKindName(p.kind));
  if (namesAConnection(p) && p.connectionType.empty())
    problem("names a connection but has no connectionType");
  if (!p.connectionType.empty() && !registry.connectionType(p.connectionType))
    problem("connectionType '" + p.connectionType + "' is not a registered connection type");
  if (!p.connectionType.empty() && p.kind != PropKind::String)
    problem("names a connection but is not a string");
  std::set<std::string> fields;
  for (const PropertySpec& f : p.fields) {
    if (!fields.insert(f.name).second) problem("declares field '" + f.name + "' twice");
    lintProperty(s, f, registry, where + "." + f.name, problems);
  }
}

// Every problem of every spec in `registry`, one line each.
QStringList lintRegistry(const NodeRegistry& registry) {
  QStringList problems;
  for (const NodeSpec* s : registry.all()) {
    auto problem = [&](const std::string& what) {
      problems << QString::fromStdString(s->type + ": " + what);
    };
    if (!kCategories.count(s->category)) problem("unknown category '" + s->category + "'");
    if (s->title.empty() || s->summary.empty()) problem("needs a title and a summary");
    if (!s->create) problem("cannot be created");
    std::set<std::string> names;
    for (const PropertySpec& p : s->properties) {
      if (!names.insert(p.name).second) problem("declares property '" + p.name + "' twice");
      lintProperty(*s, p, registry, "property '" + p.name + "'", problems);
    }
    std::set<std::string> ports;
    for (const auto* list : {&s->inputs, &s->outputs})
      for (const PortSpec& port : *list)
        if (!ports.insert((list == &s->inputs ? "in:" : "out:") + port.name).second)
          problem("declares port '" + port.name + "' twice");
    // The cross-property check reads only declared properties (an undeclared one throws).
    if (s->validate) {
      NodeConfig defaults(*s, "lint", 0, Json::object());
      Diagnostics ignored;
      try {
        s->validate(defaults, ignored);
      } catch (const std::logic_error& e) {
        problem(std::string("validate: ") + e.what());
      }
    }
  }
  return problems;
}

}  // namespace

class TestRegistryLint : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyBuiltinSpecPassesTheLint() {
    const QStringList problems = lintRegistry(NodeRegistry::builtin());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
  }

  void theLintCatchesBrokenSpecs() {
    NodeRegistry r;
    ConnectionType kafka;
    kafka.type = "kafka";
    r.addConnectionType(kafka);
    NodeSpec s;
    s.type = "broken";
    s.category = "Sourcez";
    s.title = "Broken";
    s.summary = "Everything wrong at once.";
    s.create = [] { return nullptr; };
    PropertySpec connection = makeProperty("connection", PropKind::String, "A connection");
    PropertySpec mode = makeProperty("mode", PropKind::Enum, "Mode", "slow");
    mode.choices = {"fast", "safe"};
    PropertySpec every = makeProperty("every", PropKind::Duration, "", 10);
    PropertySpec other = makeProperty("other", PropKind::String, "Where to write");
    other.connectionType = "kafak";
    s.properties = {connection, mode, every, other};
    s.validate = [](const NodeConfig& cfg, Diagnostics&) { (void)cfg.getString("mdoe"); };
    r.add(s);
    const QStringList problems = lintRegistry(r);
    const QStringList expected = {
        "broken: unknown category 'Sourcez'",
        "broken property 'connection': names a connection but has no connectionType",
        "broken property 'mode': default \"slow\" is not a valid enum",
        "broken property 'every': has no description",
        "broken property 'every': default 10 is not a valid duration",
        "broken property 'other': connectionType 'kafak' is not a registered connection type",
        "broken: validate: node type 'broken' reads property 'mdoe', which its spec does not "
        "declare",
    };
    QCOMPARE(problems, expected);
  }

  void readingAnUndeclaredPropertyIsAnError() {
    const NodeSpec* filter = NodeRegistry::builtin().find("filter");
    QVERIFY(filter);
    NodeConfig cfg(*filter, "f", 0, Json{{"condition", "x > 1"}});
    QCOMPARE(QString::fromStdString(cfg.getString("condition")), QString("x > 1"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.getString("conditon"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.has("conditon"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.value("conditon"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.getBool("enabled"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.getStringList("topics"));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cfg.pointer("conditon"));
    try {
      cfg.getInt("limit");
      QFAIL("no exception");
    } catch (const std::logic_error& e) {
      QCOMPARE(QString(e.what()),
               QString("node type 'filter' reads property 'limit', which its spec does not "
                       "declare"));
    }
  }
};

QTEST_GUILESS_MAIN(TestRegistryLint)
#include "tst_registry_lint.moc"
