#pragma once
// A small hand-made registry for designer tests: the GUI must work from specs alone, so these
// specs exercise every port layout and property kind without depending on the real nodes.

#include "engine/graph/NodeRegistry.h"

namespace sc::designer::test {

inline PortSpec port(const char* name, bool required = true) {
  return PortSpec{name, {}, required};
}

inline PropertySpec property(const char* name, PropKind kind, bool required = false) {
  PropertySpec p;
  p.name = name;
  p.kind = kind;
  p.required = required;
  return p;
}

inline const NodeRegistry& standInRegistry() {
  static const NodeRegistry registry = [] {
    NodeRegistry r;
    NodeSpec source;
    source.type = "test.source";
    source.category = "Sources";
    source.title = "Test source";
    source.summary = "Emits records.";
    source.outputs = {port("out")};
    source.properties = {property("path", PropKind::String, true)};
    r.add(source);

    NodeSpec filter;
    filter.type = "test.filter";
    filter.category = "Transforms";
    filter.title = "Test filter";
    filter.summary = "Keeps some records.";
    filter.inputs = {port("in")};
    filter.outputs = {port("out"), port("rejected", false)};
    PropertySpec condition = property("condition", PropKind::Expression, true);
    condition.exprType = ExprType::Bool;
    filter.properties = {condition};
    r.add(filter);

    NodeSpec sink;
    sink.type = "test.sink";
    sink.category = "Sinks";
    sink.title = "Test sink";
    sink.summary = "Consumes records.";
    sink.inputs = {port("in")};
    r.add(sink);

    NodeSpec every;
    every.type = "test.every";
    every.category = "Transforms";
    every.title = "Every kind";
    every.summary = "One property of each kind.";
    every.inputs = {port("in")};
    every.outputs = {port("out")};
    PropertySpec mode = property("mode", PropKind::Enum);
    mode.choices = {"fast", "safe"};
    PropertySpec password = property("password", PropKind::String);
    password.secret = true;
    PropertySpec topics = property("topics", PropKind::List);
    topics.item = PropKind::String;
    PropertySpec headers = property("headers", PropKind::Map);
    headers.item = PropKind::String;
    PropertySpec aggregates = property("aggregates", PropKind::List);
    aggregates.item = PropKind::Object;
    aggregates.fields = {property("name", PropKind::String), property("fn", PropKind::String),
                         property("field", PropKind::String)};
    PropertySpec count = property("count", PropKind::Integer);
    count.defaultValue = 10;
    every.properties = {property("label", PropKind::String),
                        count,
                        property("ratio", PropKind::Number),
                        property("enabled", PropKind::Boolean),
                        property("every", PropKind::Duration),
                        mode,
                        password,
                        topics,
                        headers,
                        aggregates};
    r.add(every);
    return r;
  }();
  return registry;
}

}  // namespace sc::designer::test
