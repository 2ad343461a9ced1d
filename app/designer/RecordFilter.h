#pragma once
// A condition in the pipeline's expression language over the records passing a wire (tap
// filters, breakpoint conditions). Fields the pipeline already reads are evaluated where they
// are, in the batch; fields only the condition names are read from each record's payload into
// a scratch batch. Qt-free; used on the engine thread that emits the batch, one at a time.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"

namespace sc {
class JsonFieldExtractor;
}

namespace sc::designer {

class RecordFilter {
 public:
  ~RecordFilter();
  // Checks `text` on its own (syntax, types): the message for people, empty when it compiles.
  static std::string check(std::string_view text);
  // Compiles `text` for batches of a run with `slots` (null and `error` set on failure).
  static std::unique_ptr<RecordFilter> compile(std::string_view text, const SlotTable& slots,
                                               std::string* error);

  // Evaluates every row of `batch`; true where the condition holds. Valid until the next call.
  const std::vector<uint8_t>& evaluate(const Batch& batch);
  const std::string& text() const { return text_; }

 private:
  RecordFilter();
  std::string text_;
  SlotTable slots_;        // the run's slots, then the condition's own
  uint32_t runSlots_ = 0;  // slots every batch has
  std::unique_ptr<expr::Expression> expression_;
  expr::EvalScratch scratch_;
  std::unique_ptr<Batch> extended_;  // rows with the condition's own fields (when it has any)
  std::unique_ptr<JsonFieldExtractor> extractor_;
  std::vector<uint8_t> verdict_;
};

}  // namespace sc::designer
