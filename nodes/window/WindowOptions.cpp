#include "nodes/window/WindowOptions.h"

#include <set>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Node.h"
#include "nodes/window/PartitionedWindowNode.h"

namespace sc::window {

namespace {

PropertySpec duration(std::string name, std::string description, Json def = nullptr,
                      bool required = false) {
  PropertySpec p;
  p.name = std::move(name);
  p.kind = PropKind::Duration;
  p.description = std::move(description);
  p.defaultValue = std::move(def);
  p.required = required;
  p.placeholder = "1m";
  return p;
}

std::vector<PropertySpec> properties(WindowKind kind) {
  std::vector<PropertySpec> props;
  switch (kind) {
    case WindowKind::Tumbling:
      props.push_back(duration("size", "Length of each window; windows are aligned to the epoch.",
                               nullptr, true));
      break;
    case WindowKind::Hopping:
      props.push_back(duration("size", "Length of each window.", nullptr, true));
      props.push_back(
          duration("slide", "A new window starts every `slide` (at most `size`).", nullptr, true));
      break;
    case WindowKind::Session:
      props.push_back(duration("gap",
                               "A key's session closes after this long without records; records "
                               "less than `gap` apart share one.",
                               nullptr, true));
      break;
  }

  PropertySpec key;
  key.name = "key";
  key.kind = PropKind::List;
  key.item = PropKind::Expression;
  key.acceptsSingle = true;
  key.description =
      "Group by this expression, or by a list of expressions (the output key is then an object "
      "whose members are "
      "named after the expressions). Absent: one group for all records.";
  key.placeholder = "device";
  props.push_back(key);

  PropertySpec aggregates;
  aggregates.name = "aggregates";
  aggregates.kind = PropKind::List;
  aggregates.item = PropKind::Object;
  aggregates.description =
      "What to compute per key and window: {\"as\": name, \"fn\": function, \"of\": expression}.";
  aggregates.defaultValue = Json::array({Json{{"as", "count"}, {"fn", "count"}}});
  PropertySpec as;
  as.name = "as";
  as.kind = PropKind::String;
  as.required = true;
  as.description = "Output field name.";
  PropertySpec fn;
  fn.name = "fn";
  fn.kind = PropKind::Enum;
  fn.required = true;
  fn.choices = aggFnNames();
  fn.description =
      "count, sum, avg, min, max, first, last, count_distinct, or percentile p50/p90/p95/p99 "
      "(within 1%).";
  PropertySpec of;
  of.name = "of";
  of.kind = PropKind::Expression;
  of.description = "The value aggregated (not needed for count, which then counts records).";
  aggregates.fields = {as, fn, of};
  props.push_back(aggregates);

  PropertySpec time;
  time.name = "time";
  time.kind = PropKind::Enum;
  time.choices = {"event", "processing"};
  time.defaultValue = "event";
  time.description =
      "event: windows follow record timestamps and watermarks; processing: the wall clock.";
  props.push_back(time);

  PropertySpec timestamp;
  timestamp.name = "timestamp";
  timestamp.kind = PropKind::Expression;
  timestamp.defaultValue = "$timestamp";
  timestamp.description = "Event time of a record: epoch milliseconds or an ISO-8601 string.";
  props.push_back(timestamp);

  props.push_back(
      duration("max_out_of_orderness", "How far records may arrive out of event-time order.", "0"));
  props.push_back(duration(
      "allowed_lateness",
      "How long a window keeps its state after firing; later records update and re-emit it.", "0"));
  props.push_back(duration(
      "idle_timeout",
      "A source partition silent this long stops holding the watermark back (0: never).", "0"));

  PropertySpec emit;
  emit.name = "emit";
  emit.kind = PropKind::String;
  emit.defaultValue = "final";
  emit.placeholder = "final or 1s";
  emit.description =
      "final: one result per window when it closes; a duration such as 1s: also updated results of "
      "open windows at that interval.";
  props.push_back(emit);
  return props;
}

int64_t durationOr(const Json& v, int64_t fallback) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string())
    if (auto ms = parseDurationMs(v.get<std::string>())) return *ms;
  return fallback;
}

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

NodeSpec windowSpec(WindowKind kind) {
  NodeSpec s;
  s.category = "Windows";
  // Scale-out: one window per input partition, backed by a changelog topic.
  s.createForScaleOut = [](const NodeSpec& spec) -> std::unique_ptr<Node> {
    return std::make_unique<PartitionedWindowNode>(spec);
  };
  switch (kind) {
    case WindowKind::Tumbling:
      s.type = "window.tumbling";
      s.title = "Tumbling window";
      s.summary = "Aggregates per key over fixed, non-overlapping time windows.";
      break;
    case WindowKind::Hopping:
      s.type = "window.hopping";
      s.title = "Hopping window";
      s.summary = "Aggregates per key over fixed windows that start every `slide` and may overlap.";
      break;
    case WindowKind::Session:
      s.type = "window.session";
      s.title = "Session window";
      s.summary = "Aggregates per key over bursts of activity separated by a gap of silence.";
      break;
  }
  s.description =
      "Outputs {window_start, window_end, key, <as>...} per key and window once the watermark "
      "passes the window "
      "end (event time) or the clock does (processing time); every open window fires when a "
      "bounded input ends. "
      "Records later than the allowed lateness go to `late` when it is wired and are otherwise "
      "counted "
      "(gauge late_dropped) and dropped. See docs/windows.md.";
  s.inputs = {{"in", "Records to aggregate.", true}};
  s.outputs = {{"out", "One record per key and window.", false},
               {"late", "Records that arrived after their windows closed (optional).", false}};
  s.properties = properties(kind);
  s.outputFields = [](const NodeConfig& cfg, const std::vector<FieldSet>& in) {
    const FieldSet& input = in.at(0);
    std::vector<Field> fields{{kWindowStartField, FieldType::Number},
                              {kWindowEndField, FieldType::Number}};
    std::vector<std::string> keys;
    for (const std::string& k : cfg.getStringList("key"))
      if (!trimmed(k).empty()) keys.push_back(trimmed(k));
    // One key: its value; several: an object named after the expressions; none: null.
    fields.push_back({kKeyField, keys.size() > 1    ? FieldType::Object
                                 : keys.size() == 1 ? expressionFieldType(keys[0], input)
                                                    : FieldType::Unknown});
    const Json& aggs = cfg.value("aggregates");
    for (const Json& a : aggs.is_array() ? aggs : Json::array()) {
      if (!a.is_object() || !a.contains("as") || !a["as"].is_string()) continue;
      AggFn fn = AggFn::Count;
      parseAggFn(a.value("fn", std::string()), fn);
      const std::string of =
          a.contains("of") && a["of"].is_string() ? a["of"].get<std::string>() : std::string();
      fields.push_back({a["as"].get<std::string>(), fn == AggFn::First || fn == AggFn::Last
                                                        ? expressionFieldType(of, input)
                                                        : FieldType::Number});
    }
    return std::vector<FieldSet>{
        FieldSet::exactly(std::move(fields), "the fields written by window '" + cfg.id() + "'"),
        input};
  };
  s.validate = [kind](const NodeConfig& cfg, Diagnostics& diags) {
    validateWindow(kind, cfg, diags);
  };
  return s;
}

void validateWindow(WindowKind kind, const NodeConfig& cfg, Diagnostics& diags) {
  auto positive = [&](const char* name) {
    const int64_t ms = durationOr(cfg.value(name), -1);
    if (cfg.has(name) && ms == 0)
      diags
          .error(cfg.pointer(name), std::string(name) + " must be longer than 0",
                 "for example \"1m\"")
          .property = name;
    return ms;
  };
  if (kind == WindowKind::Session) {
    positive("gap");
  } else {
    const int64_t size = positive("size");
    if (kind == WindowKind::Hopping) {
      const int64_t slide = positive("slide");
      if (size > 0 && slide > size)
        diags
            .error(cfg.pointer("slide"),
                   "slide (" + formatDurationMs(slide) + ") is longer than size (" +
                       formatDurationMs(size) + "): some records would fall in no window",
                   "use a slide of at most the size, or a tumbling window")
            .property = "slide";
    }
  }

  const std::string emit = cfg.getString("emit");
  if (emit != "final") {
    auto ms = parseDurationMs(emit);
    if (!ms || *ms <= 0)
      diags
          .error(cfg.pointer("emit"),
                 "emit must be \"final\" or an interval such as \"1s\", not \"" + emit + "\"")
          .property = "emit";
  }

  const Json& aggs = cfg.value("aggregates");
  if (!aggs.is_array()) return;
  std::set<std::string> names;
  for (size_t i = 0; i < aggs.size(); ++i) {
    const Json& a = aggs[i];
    if (!a.is_object()) continue;
    const std::string ptr = cfg.pointer("aggregates") + "/" + std::to_string(i);
    const std::string as =
        a.contains("as") && a["as"].is_string() ? a["as"].get<std::string>() : std::string();
    const std::string fn =
        a.contains("fn") && a["fn"].is_string() ? a["fn"].get<std::string>() : std::string();
    const bool hasOf =
        a.contains("of") && a["of"].is_string() && !trimmed(a["of"].get<std::string>()).empty();
    if (a.contains("as")) {
      if (as.empty()) {
        diags
            .error(ptr + "/as", "aggregate name is empty",
                   "name the output field, e.g. \"avg_temp\"")
            .property = "aggregates";
      } else if (as == kWindowStartField || as == kWindowEndField || as == kKeyField) {
        diags
            .error(ptr + "/as",
                   "aggregate name '" + as + "' clashes with the window's own output field",
                   "window_start, window_end and key are always written; choose another name")
            .property = "aggregates";
      } else if (!names.insert(as).second) {
        diags
            .error(ptr + "/as", "aggregate name '" + as + "' is used twice",
                   "each `as` must be unique")
            .property = "aggregates";
      }
    }
    AggFn f;
    if (parseAggFn(fn, f) && f != AggFn::Count && !hasOf)
      diags
          .error(
              ptr, "aggregate '" + fn + "' needs \"of\": the value to aggregate",
              "for example {\"as\": \"avg_temp\", \"fn\": \"" + fn + "\", \"of\": \"temperature\"}")
          .property = "aggregates";
  }
}

WindowOptions readWindowOptions(WindowKind kind, const NodeConfig& cfg) {
  Diagnostics diags;
  validateWindow(kind, cfg, diags);
  if (diags.hasErrors()) throw NodeFailure(diags.items().front().message);

  WindowOptions o;
  o.kind = kind;
  try {
    if (kind == WindowKind::Session) {
      o.gapMs = cfg.getDurationMs("gap");
      if (o.gapMs <= 0) throw NodeFailure("gap must be longer than 0");
    } else {
      o.sizeMs = cfg.getDurationMs("size");
      o.slideMs = kind == WindowKind::Hopping ? cfg.getDurationMs("slide") : o.sizeMs;
      if (o.sizeMs <= 0 || o.slideMs <= 0)
        throw NodeFailure("size and slide must be longer than 0");
    }
    for (std::string& k : cfg.getStringList("key")) {
      k = trimmed(k);
      if (!k.empty()) o.keys.push_back(k);
    }
    o.processingTime = cfg.getString("time") == "processing";
    o.timestamp = trimmed(cfg.getString("timestamp"));
    if (o.timestamp.empty()) o.timestamp = "$timestamp";
    o.maxOutOfOrdernessMs = cfg.getDurationMs("max_out_of_orderness");
    o.allowedLatenessMs = cfg.getDurationMs("allowed_lateness");
    o.idleTimeoutMs = cfg.getDurationMs("idle_timeout");
    const std::string emit = cfg.getString("emit");
    o.emitIntervalMs = emit == "final" || emit.empty() ? 0 : *parseDurationMs(emit);
  } catch (const std::invalid_argument& e) {
    throw NodeFailure(e.what());
  }
  if (o.maxOutOfOrdernessMs < 0 || o.allowedLatenessMs < 0 || o.idleTimeoutMs < 0)
    throw NodeFailure("durations must not be negative");

  const Json& aggs = cfg.value("aggregates");
  if (aggs.is_array()) {
    for (const Json& a : aggs) {
      if (!a.is_object())
        throw NodeFailure("each aggregate must be an object {\"as\", \"fn\", \"of\"}");
      AggregateSpec s;
      s.as = a.value("as", std::string());
      if (!parseAggFn(a.value("fn", std::string()), s.fn))
        throw NodeFailure("unknown aggregate function '" + a.value("fn", std::string()) + "'");
      s.of = trimmed(a.value("of", std::string()));
      o.aggregates.push_back(std::move(s));
    }
  }
  return o;
}

std::string stateFingerprint(const WindowOptions& o) {
  std::string text;
  auto ms = [](int64_t v) { return std::to_string(v) + "ms"; };
  switch (o.kind) {
    case WindowKind::Tumbling:
      text = "window.tumbling size=" + ms(o.sizeMs);
      break;
    case WindowKind::Hopping:
      text = "window.hopping size=" + ms(o.sizeMs) + " slide=" + ms(o.slideMs);
      break;
    case WindowKind::Session:
      text = "window.session gap=" + ms(o.gapMs);
      break;
  }
  text += o.processingTime ? " time=processing" : " time=event";
  text += " key=[";
  for (size_t i = 0; i < o.keys.size(); ++i)
    text += (i ? ", " : "") + o.keys[i];
  text += "] aggregates=[";
  for (size_t i = 0; i < o.aggregates.size(); ++i) {
    const AggregateSpec& a = o.aggregates[i];
    text +=
        (i ? ", " : "") + a.as + "=" + aggFnNames()[static_cast<size_t>(a.fn)] + "(" + a.of + ")";
  }
  return text + "]";
}

}  // namespace sc::window
