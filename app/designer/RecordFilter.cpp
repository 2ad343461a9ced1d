#include "app/designer/RecordFilter.h"

#include <algorithm>

#include "nodes/RecordJson.h"

namespace sc::designer {

RecordFilter::RecordFilter() = default;
RecordFilter::~RecordFilter() = default;

std::string RecordFilter::check(std::string_view text) {
  SlotTable slots;
  std::string error;
  compile(text, slots, &error);
  return error;
}

std::unique_ptr<RecordFilter> RecordFilter::compile(std::string_view text, const SlotTable& slots,
                                                    std::string* error) {
  std::unique_ptr<RecordFilter> f(new RecordFilter);
  f->text_ = std::string(text);
  f->slots_ = slots;
  f->runSlots_ = slots.size();
  expr::CompileError e;
  f->expression_ = expr::Expression::compile(text, f->slots_, expr::Type::Bool, &e);
  if (!f->expression_) {
    if (error)
      *error =
          (e.column > 0 ? "column " + std::to_string(e.column) + ": " : std::string()) + e.message;
    return nullptr;
  }
  if (f->slots_.size() > f->runSlots_)
    f->extractor_ = std::make_unique<JsonFieldExtractor>(f->slots_);
  return f;
}

const std::vector<uint8_t>& RecordFilter::evaluate(const Batch& batch) {
  const uint32_t n = batch.size();
  verdict_.assign(n, 0);
  const Batch* subject = &batch;
  if (extractor_) {
    // The condition reads fields the run does not: take them from the payload, then lay the
    // run's own values (as nodes set them) over what the payload says.
    if (!extended_ || extended_->capacity() < n)
      extended_ = std::make_unique<Batch>(std::max<uint32_t>(n, 1), slots_.size());
    extended_->clear();
    for (uint32_t r = 0; r < n; ++r) {
      const uint32_t row = extended_->append();
      extended_->meta(row) = batch.meta(r);
      if (!batch.meta(r).payload.empty()) extractor_->extract(*extended_, row);
      for (uint32_t s = 0; s < runSlots_ && s < batch.slotCount(); ++s)
        extended_->at(s, row) = batch.at(s, r);
    }
    subject = extended_.get();
  }
  const Value* values = expression_->evaluate(*subject, scratch_);
  for (uint32_t r = 0; r < n; ++r)
    verdict_[r] = values[r].isTrue();
  return verdict_;
}

}  // namespace sc::designer
