// filter: keeps the records for which a condition holds; the others go to "rejected" if wired.
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "nodes/NodeTypes.h"

namespace sc {
namespace {

constexpr int kOut = 0;
constexpr int kRejected = 1;

class FilterNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    expr::CompileError err;
    condition_ = expr::Expression::compile(cfg.getString("condition"), plan.slotTable(),
                                           expr::Type::Bool, &err);
    if (!condition_)
      throw NodeFailure("condition does not compile at column " + std::to_string(err.column) +
                        ": " + err.message);
  }

  void process(int, Batch* batch, Emitter& out) override {
    const uint32_t n = batch->size();
    const Value* verdict = condition_->evaluate(*batch, scratch_);
    if (keep_.size() < n) keep_.resize(batch->capacity());
    uint32_t kept = 0;
    for (uint32_t r = 0; r < n; ++r)
      kept += keep_[r] = verdict[r].isTrue();
    if (kept < n && out.connected(kRejected)) {
      Batch* rejected = out.acquire();
      for (uint32_t r = 0; r < n; ++r)
        if (!keep_[r]) rejected->copyRowFrom(*batch, r);
      out.emit(kRejected, rejected);
    }
    if (kept < n) batch->keepRows(keep_.data());
    out.emit(kOut, batch);
  }

 private:
  std::unique_ptr<expr::Expression> condition_;
  expr::EvalScratch scratch_;
  std::vector<uint8_t> keep_;
};

}  // namespace

NodeSpec filterSpec() {
  NodeSpec s;
  s.type = "filter";
  s.category = "Transforms";
  s.title = "Filter";
  s.summary =
      "Keeps the records for which a condition is true; the others go to 'rejected' if wired.";
  s.inputs = {{"in", "Records to test"}};
  s.outputs = {{"out", "Records for which the condition is true"},
               {"rejected", "Records for which it is false or null", false}};
  PropertySpec condition = makeProperty(
      "condition", PropKind::Expression,
      "Boolean expression over the record's fields, e.g. temperature > 30 && status == \"ok\"");
  condition.exprType = ExprType::Bool;
  condition.required = true;
  condition.placeholder = "temperature > 30";
  s.properties = {condition};
  s.stateless = true;
  s.outputFields = [](const NodeConfig&, const std::vector<FieldSet>& in) {
    return std::vector<FieldSet>{in.at(0), in.at(0)};  // records pass unchanged
  };
  s.create = [] { return std::make_unique<FilterNode>(); };
  return s;
}

}  // namespace sc
