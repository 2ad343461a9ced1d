// map: sets top-level fields from expressions and drops fields. All expressions see the record as
// it arrived (simultaneous assignment), so the order of "set" entries does not matter.
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "nodes/NodeTypes.h"

namespace sc {
namespace {

// "set" keys and "drop" entries are plain top-level field names, not paths: {"odd name": ...}.
FieldPath topLevelPath(const std::string& name) {
  FieldPath p;
  p.segments.push_back({name, -1});
  return p;
}

class MapNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    for (const auto& [field, text] : cfg.getStringMap("set")) {
      expr::CompileError err;
      auto e = expr::Expression::compile(text, plan.slotTable(), expr::Type::Any, &err);
      if (!e)
        throw NodeFailure("set." + field + " does not compile at column " +
                          std::to_string(err.column) + ": " + err.message);
      assignments_.push_back({plan.slotTable().intern(topLevelPath(field)), field, std::move(e),
                              std::make_unique<expr::EvalScratch>()});
    }
    for (const auto& field : cfg.getStringList("drop"))
      drops_.push_back({plan.slotTable().intern(topLevelPath(field)), field});
  }

  void open(RunContext& ctx) override {
    // Paths below a replaced or dropped field (a.b after "set a") no longer exist in the output.
    for (const auto& a : assignments_)
      for (uint32_t d : ctx.slotTable().descendantsOf(a.field))
        stale_.push_back(d);
    for (const auto& d : drops_)
      for (uint32_t s : ctx.slotTable().descendantsOf(d.field))
        stale_.push_back(s);
  }

  void process(int, Batch* batch, Emitter& out) override {
    const uint32_t n = batch->size();
    results_.clear();
    for (auto& a : assignments_)
      results_.push_back(a.expression->evaluate(*batch, *a.scratch));
    for (size_t k = 0; k < assignments_.size(); ++k) {
      Value* col = batch->column(assignments_[k].slot);
      const Value* res = results_[k];
      for (uint32_t r = 0; r < n; ++r) {
        Value v = res[r];
        if (v.kind == Kind::Missing)
          v = Value::null();
        else if (v.kind == Kind::String || v.kind == Kind::Json)
          v = batch->adopt(v);  // out of line: only strings need copying into the batch
        v.flags |= kOwned;
        col[r] = v;
      }
    }
    for (const auto& d : drops_) {
      Value* col = batch->column(d.slot);
      Value deleted;
      deleted.flags = kOwned;
      for (uint32_t r = 0; r < n; ++r)
        col[r] = deleted;
    }
    for (uint32_t s : stale_) {
      Value* col = batch->column(s);
      for (uint32_t r = 0; r < n; ++r)
        col[r] = Value{};
    }
    out.emit(0, batch);
  }

 private:
  struct Assignment {
    uint32_t slot;
    std::string field;
    std::unique_ptr<expr::Expression> expression;
    std::unique_ptr<expr::EvalScratch> scratch;  // one each: results must coexist
  };
  struct Drop {
    uint32_t slot;
    std::string field;
  };
  std::vector<Assignment> assignments_;
  std::vector<Drop> drops_;
  std::vector<uint32_t> stale_;
  std::vector<const Value*> results_;
};

void validateMap(const NodeConfig& cfg, Diagnostics& diags) {
  if (!cfg.has("set") && !cfg.has("drop"))
    diags.error(cfg.pointer(), "a map node needs \"set\" or \"drop\"",
                "add \"set\": {\"field\": \"expression\"} or \"drop\": [\"field\"]");
  auto nonEmpty = [&](const std::string& field, const std::string& ptr, const char* property) {
    if (field.empty())
      diags.error(ptr, "empty field name in " + std::string(property)).property = property;
  };
  for (const auto& [field, _] : cfg.getStringMap("set"))
    nonEmpty(field, cfg.pointer("set") + "/" + pointerToken(field), "set");
  auto drops = cfg.getStringList("drop");
  for (size_t i = 0; i < drops.size(); ++i)
    nonEmpty(drops[i], cfg.pointer("drop") + "/" + std::to_string(i), "drop");
}

}  // namespace

NodeSpec mapSpec() {
  NodeSpec s;
  s.type = "map";
  s.category = "Transforms";
  s.title = "Map";
  s.summary = "Sets fields from expressions and drops fields.";
  s.inputs = {{"in", "Records to transform"}};
  s.outputs = {{"out", "Transformed records"}};
  PropertySpec set = makeProperty(
      "set", PropKind::Map, "Field name -> expression; every expression sees the incoming record");
  set.item = PropKind::Expression;
  set.placeholder = "temp_f: temperature * 9 / 5 + 32";
  PropertySpec drop = makeProperty("drop", PropKind::List, "Fields to remove from the record");
  drop.item = PropKind::String;
  s.properties = {set, drop};
  s.stateless = true;
  s.outputFields = [](const NodeConfig& cfg, const std::vector<FieldSet>& in) {
    // Every "set" expression sees the incoming record; drops apply after the sets.
    FieldSet out = in.at(0);
    for (const auto& [field, text] : cfg.getStringMap("set"))
      out.set(field, expressionFieldType(text, in.at(0)));
    for (const auto& field : cfg.getStringList("drop"))
      out.remove(field);
    return std::vector<FieldSet>{out};
  };
  s.create = [] { return std::make_unique<MapNode>(); };
  s.validate = validateMap;
  return s;
}

}  // namespace sc
