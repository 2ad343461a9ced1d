#include "nodes/window/AggregateLayout.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "engine/runtime/Arena.h"
#include "engine/state/StateCodec.h"
#include "nodes/window/DistinctCounter.h"
#include "nodes/window/QuantileSketch.h"

namespace sc::window {

namespace {

__extension__ typedef __int128 Int128;

template <typename T>
inline T load(const uint8_t* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

template <typename T>
inline void store(uint8_t* p, T x) {
  std::memcpy(p, &x, sizeof x);
}

inline void add64(uint8_t* p, uint64_t n) {
  store(p, load<uint64_t>(p) + n);
}

double quantileOf(AggFn fn) {
  switch (fn) {
    case AggFn::P50:
      return 0.5;
    case AggFn::P90:
      return 0.9;
    case AggFn::P95:
      return 0.95;
    default:
      return 0.99;
  }
}

bool isString(const Value& v) {
  return v.kind == Kind::String || v.kind == Kind::Json;
}

}  // namespace

struct AggregateLayout::ValueState {
  int64_t time;
  uint64_t seq;
  Value value;   // for strings only kind and len; the bytes live in box
  uint32_t box;  // 1-based handle into boxes_, 0: none
  uint32_t unused;
};

const std::vector<std::string>& aggFnNames() {
  static const std::vector<std::string> names = {"count", "sum",   "avg",  "min",
                                                 "max",   "first", "last", "count_distinct",
                                                 "p50",   "p90",   "p95",  "p99"};
  return names;
}

bool parseAggFn(std::string_view name, AggFn& out) {
  const auto& names = aggFnNames();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) {
      out = static_cast<AggFn>(i);
      return true;
    }
  return false;
}

AggregateLayout::AggregateLayout(const std::vector<AggregateSpec>& specs) : specs_(specs) {
  struct Needs {
    bool nonNull = false, numeric = false, sum = false, min = false, max = false, first = false,
         last = false, distinct = false, quantiles = false;
  };
  std::vector<Needs> needs;
  for (const AggregateSpec& s : specs_) {
    if (s.fn == AggFn::Count && s.of.empty()) {
      outputs_.push_back({s.fn, -1});
      continue;
    }
    int32_t input = -1;
    for (size_t i = 0; i < inputTexts_.size(); ++i)
      if (inputTexts_[i] == s.of) input = static_cast<int32_t>(i);
    if (input < 0) {
      input = static_cast<int32_t>(inputTexts_.size());
      inputTexts_.push_back(s.of);
      needs.emplace_back();
    }
    outputs_.push_back({s.fn, input});
    Needs& n = needs[static_cast<size_t>(input)];
    switch (s.fn) {
      case AggFn::Count:
        n.nonNull = true;
        break;
      case AggFn::Sum:
      case AggFn::Avg:
        n.numeric = n.sum = true;
        break;
      case AggFn::Min:
        n.numeric = n.min = true;
        break;
      case AggFn::Max:
        n.numeric = n.max = true;
        break;
      case AggFn::First:
        n.first = true;
        break;
      case AggFn::Last:
        n.last = true;
        break;
      case AggFn::CountDistinct:
        n.distinct = true;
        break;
      default:
        n.quantiles = true;
        break;
    }
  }
  // Byte layout: the record count, then each input's block. Every field is 8-byte aligned.
  uint32_t size = 8;
  auto place = [&size](bool need, uint32_t bytes) {
    if (!need) return int32_t{-1};
    const auto at = static_cast<int32_t>(size);
    size += bytes;
    return at;
  };
  for (const Needs& n : needs) {
    Input in;
    in.nonNull = place(n.nonNull, 8);
    in.numeric = place(n.numeric, 16);
    in.sum = place(n.sum, 24);
    in.min = place(n.min, 16);
    in.max = place(n.max, 16);
    in.first = place(n.first, sizeof(ValueState));
    in.last = place(n.last, sizeof(ValueState));
    in.distinct = place(n.distinct, 8);
    in.quantiles = place(n.quantiles, 8);
    inputs_.push_back(in);
  }
  init_.assign(size, 0);
  auto plain = [this](int32_t at, uint32_t bytes) {
    if (at < 0) return;
    const auto from = static_cast<uint32_t>(at);
    if (!plainRuns_.empty() && plainRuns_.back().first + plainRuns_.back().second == from)
      plainRuns_.back().second += bytes;
    else
      plainRuns_.emplace_back(from, bytes);
  };
  plain(0, 8);
  for (const Input& in : inputs_) {
    plain(in.nonNull, 8);
    plain(in.numeric, 16);
    plain(in.sum, 24);
    plain(in.min, 16);
    plain(in.max, 16);
  }
  for (const Input& in : inputs_) {
    if (in.min >= 0) {
      store(&init_[in.min], std::numeric_limits<int64_t>::max());
      store(&init_[in.min + 8], std::numeric_limits<double>::infinity());
    }
    if (in.max >= 0) {
      store(&init_[in.max], std::numeric_limits<int64_t>::min());
      store(&init_[in.max + 8], -std::numeric_limits<double>::infinity());
    }
    for (int32_t at : {in.first, in.last})
      if (at >= 0) store(&init_[at], ValueState{0, 0, Value::missing(), 0, 0});
  }
}

AggregateLayout::~AggregateLayout() = default;

void AggregateLayout::init(uint8_t* rec) const {
  std::memcpy(rec, init_.data(), init_.size());
}

void AggregateLayout::countRows(uint8_t* const* recs, uint32_t n) {
  for (uint32_t r = 0; r < n; ++r)
    if (recs[r]) add64(recs[r], 1);
}

uint64_t AggregateLayout::rows(const uint8_t* rec) {
  return load<uint64_t>(rec);
}

template <bool kSum, bool kMin, bool kMax>
void AggregateLayout::updateNumeric(const Input& in, const Value* column, uint8_t* const* recs,
                                    uint32_t n) {
  for (uint32_t r = 0; r < n; ++r) {
    uint8_t* rec = recs[r];
    if (!rec) continue;
    const Value& v = column[r];
    if (v.kind == Kind::Double) {
      add64(rec + in.numeric + 8, 1);
      if (kSum) store(rec + in.sum + 16, load<double>(rec + in.sum + 16) + v.d);
      if (kMin && v.d < load<double>(rec + in.min + 8)) store(rec + in.min + 8, v.d);
      if (kMax && v.d > load<double>(rec + in.max + 8)) store(rec + in.max + 8, v.d);
    } else if (v.kind == Kind::Int) {
      add64(rec + in.numeric, 1);
      if (kSum) store(rec + in.sum, load<Int128>(rec + in.sum) + v.i);
      if (kMin && v.i < load<int64_t>(rec + in.min)) store(rec + in.min, v.i);
      if (kMax && v.i > load<int64_t>(rec + in.max)) store(rec + in.max, v.i);
    }
  }
}

void AggregateLayout::update(size_t input, const Value* column, uint8_t* const* recs,
                             const int64_t* times, uint64_t seqBase, uint32_t n) {
  const Input& in = inputs_[input];
  if (in.numeric >= 0) {
    switch ((in.sum >= 0 ? 4 : 0) | (in.min >= 0 ? 2 : 0) | (in.max >= 0 ? 1 : 0)) {
      case 1:
        updateNumeric<false, false, true>(in, column, recs, n);
        break;
      case 2:
        updateNumeric<false, true, false>(in, column, recs, n);
        break;
      case 3:
        updateNumeric<false, true, true>(in, column, recs, n);
        break;
      case 4:
        updateNumeric<true, false, false>(in, column, recs, n);
        break;
      case 5:
        updateNumeric<true, false, true>(in, column, recs, n);
        break;
      case 6:
        updateNumeric<true, true, false>(in, column, recs, n);
        break;
      default:
        updateNumeric<true, true, true>(in, column, recs, n);
        break;
    }
  }
  if (in.nonNull >= 0 || in.first >= 0 || in.last >= 0 || in.distinct >= 0 || in.quantiles >= 0)
    updateOther(in, column, recs, times, seqBase, n);
}

void AggregateLayout::updateOther(const Input& in, const Value* column, uint8_t* const* recs,
                                  const int64_t* times, uint64_t seqBase, uint32_t n) {
  for (uint32_t r = 0; r < n; ++r) {
    uint8_t* rec = recs[r];
    const Value& v = column[r];
    if (!rec || v.isNullish()) continue;
    if (in.nonNull >= 0) add64(rec + in.nonNull, 1);
    const int64_t t = times[r];
    const uint64_t seq = seqBase + r;
    if (in.first >= 0) {
      auto s = load<ValueState>(rec + in.first);
      if (s.value.kind == Kind::Missing || t < s.time || (t == s.time && seq < s.seq)) {
        setValue(s, v, t, seq, nullptr);
        store(rec + in.first, s);
      }
    }
    if (in.last >= 0) {
      auto s = load<ValueState>(rec + in.last);
      if (s.value.kind == Kind::Missing || t > s.time || (t == s.time && seq > s.seq)) {
        setValue(s, v, t, seq, nullptr);
        store(rec + in.last, s);
      }
    }
    if (in.distinct >= 0) {
      auto h = load<uint32_t>(rec + in.distinct);
      if (!h) store(rec + in.distinct, h = newDistinct());
      distincts_[h - 1]->add(valueHash(v));
    }
    if (in.quantiles >= 0 && v.isNumber()) {
      auto h = load<uint32_t>(rec + in.quantiles);
      if (!h) store(rec + in.quantiles, h = newQuantiles());
      sketches_[h - 1]->add(v.toDouble());
    }
  }
}

void AggregateLayout::setValue(ValueState& s, const Value& v, int64_t time, uint64_t seq,
                               const std::string* from) {
  s.time = time;
  s.seq = seq;
  s.value = v;
  if (isString(v)) {
    if (!s.box) s.box = newBox();
    boxes_[s.box - 1].assign(from ? std::string_view(*from) : v.str());
    s.value.s = nullptr;
  }
}

uint32_t AggregateLayout::newBox() {
  if (!freeBoxes_.empty()) {
    uint32_t h = freeBoxes_.back();
    freeBoxes_.pop_back();
    return h;
  }
  boxes_.emplace_back();
  return static_cast<uint32_t>(boxes_.size());
}

uint32_t AggregateLayout::newDistinct() {
  if (!freeDistincts_.empty()) {
    uint32_t h = freeDistincts_.back();
    freeDistincts_.pop_back();
    return h;
  }
  distincts_.push_back(std::make_unique<DistinctCounter>());
  return static_cast<uint32_t>(distincts_.size());
}

uint32_t AggregateLayout::newQuantiles() {
  if (!freeSketches_.empty()) {
    uint32_t h = freeSketches_.back();
    freeSketches_.pop_back();
    return h;
  }
  sketches_.push_back(std::make_unique<QuantileSketch>());
  return static_cast<uint32_t>(sketches_.size());
}

void AggregateLayout::merge(uint8_t* dst, const uint8_t* src) {
  add64(dst, load<uint64_t>(src));
  for (const Input& in : inputs_) {
    if (in.nonNull >= 0) add64(dst + in.nonNull, load<uint64_t>(src + in.nonNull));
    if (in.numeric >= 0) {
      add64(dst + in.numeric, load<uint64_t>(src + in.numeric));
      add64(dst + in.numeric + 8, load<uint64_t>(src + in.numeric + 8));
    }
    if (in.sum >= 0) {
      store(dst + in.sum, load<Int128>(dst + in.sum) + load<Int128>(src + in.sum));
      store(dst + in.sum + 16, load<double>(dst + in.sum + 16) + load<double>(src + in.sum + 16));
    }
    if (in.min >= 0) {
      store(dst + in.min, std::min(load<int64_t>(dst + in.min), load<int64_t>(src + in.min)));
      store(dst + in.min + 8,
            std::min(load<double>(dst + in.min + 8), load<double>(src + in.min + 8)));
    }
    if (in.max >= 0) {
      store(dst + in.max, std::max(load<int64_t>(dst + in.max), load<int64_t>(src + in.max)));
      store(dst + in.max + 8,
            std::max(load<double>(dst + in.max + 8), load<double>(src + in.max + 8)));
    }
    if (in.first >= 0) {
      auto d = load<ValueState>(dst + in.first);
      const auto s = load<ValueState>(src + in.first);
      if (s.value.kind != Kind::Missing && (d.value.kind == Kind::Missing || s.time < d.time ||
                                            (s.time == d.time && s.seq < d.seq))) {
        if (isString(s.value) && !d.box) d.box = newBox();  // before taking a reference into boxes_
        setValue(d, s.value, s.time, s.seq, isString(s.value) ? &boxes_[s.box - 1] : nullptr);
        store(dst + in.first, d);
      }
    }
    if (in.last >= 0) {
      auto d = load<ValueState>(dst + in.last);
      const auto s = load<ValueState>(src + in.last);
      if (s.value.kind != Kind::Missing && (d.value.kind == Kind::Missing || s.time > d.time ||
                                            (s.time == d.time && s.seq > d.seq))) {
        if (isString(s.value) && !d.box) d.box = newBox();
        setValue(d, s.value, s.time, s.seq, isString(s.value) ? &boxes_[s.box - 1] : nullptr);
        store(dst + in.last, d);
      }
    }
    if (in.distinct >= 0) {
      if (const auto s = load<uint32_t>(src + in.distinct)) {
        auto d = load<uint32_t>(dst + in.distinct);
        if (!d) store(dst + in.distinct, d = newDistinct());
        distincts_[d - 1]->merge(*distincts_[s - 1]);
      }
    }
    if (in.quantiles >= 0) {
      if (const auto s = load<uint32_t>(src + in.quantiles)) {
        auto d = load<uint32_t>(dst + in.quantiles);
        if (!d) store(dst + in.quantiles, d = newQuantiles());
        sketches_[d - 1]->merge(*sketches_[s - 1]);
      }
    }
  }
}

void AggregateLayout::release(uint8_t* rec) {
  for (const Input& in : inputs_) {
    for (int32_t at : {in.first, in.last}) {
      if (at < 0) continue;
      auto s = load<ValueState>(rec + at);
      if (!s.box) continue;
      std::string& box = boxes_[s.box - 1];
      if (box.capacity() > 1024) std::string().swap(box);
      freeBoxes_.push_back(s.box);
      s.box = 0;
      store(rec + at, s);
    }
    if (in.distinct >= 0)
      if (const auto h = load<uint32_t>(rec + in.distinct)) {
        distincts_[h - 1]->clear();
        freeDistincts_.push_back(h);
        store(rec + in.distinct, uint32_t{0});
      }
    if (in.quantiles >= 0)
      if (const auto h = load<uint32_t>(rec + in.quantiles)) {
        sketches_[h - 1]->clear();
        freeSketches_.push_back(h);
        store(rec + in.quantiles, uint32_t{0});
      }
  }
}

Value AggregateLayout::result(size_t index, const uint8_t* rec, Arena& arena) {
  const Output& o = outputs_[index];
  if (o.input < 0) return Value::integer(static_cast<int64_t>(load<uint64_t>(rec)));
  const Input& in = inputs_[static_cast<size_t>(o.input)];
  uint64_t ints = 0, doubles = 0;
  if (in.numeric >= 0) {
    ints = load<uint64_t>(rec + in.numeric);
    doubles = load<uint64_t>(rec + in.numeric + 8);
  }
  switch (o.fn) {
    case AggFn::Count:
      return Value::integer(static_cast<int64_t>(load<uint64_t>(rec + in.nonNull)));
    case AggFn::Sum: {
      if (ints + doubles == 0) return Value::null();
      const auto isum = load<Int128>(rec + in.sum);
      if (doubles == 0 && isum >= std::numeric_limits<int64_t>::min() &&
          isum <= std::numeric_limits<int64_t>::max())
        return Value::integer(static_cast<int64_t>(isum));
      return Value::number(static_cast<double>(isum) + load<double>(rec + in.sum + 16));
    }
    case AggFn::Avg: {
      if (ints + doubles == 0) return Value::null();
      const double total =
          static_cast<double>(load<Int128>(rec + in.sum)) + load<double>(rec + in.sum + 16);
      return Value::number(total / static_cast<double>(ints + doubles));
    }
    case AggFn::Min:
    case AggFn::Max: {
      if (ints + doubles == 0) return Value::null();
      const int32_t at = o.fn == AggFn::Min ? in.min : in.max;
      const auto i = load<int64_t>(rec + at);
      const auto d = load<double>(rec + at + 8);
      if (!doubles) return Value::integer(i);
      if (!ints) return Value::number(d);
      const bool intWins =
          o.fn == AggFn::Min ? static_cast<double>(i) <= d : static_cast<double>(i) >= d;
      return intWins ? Value::integer(i) : Value::number(d);
    }
    case AggFn::First:
    case AggFn::Last: {
      const auto s = load<ValueState>(rec + (o.fn == AggFn::First ? in.first : in.last));
      if (s.value.kind == Kind::Missing) return Value::null();
      if (!isString(s.value)) return s.value;
      Value v = s.value;
      v.s = arena.copy(boxes_[s.box - 1]).data();
      return v;
    }
    case AggFn::CountDistinct: {
      const auto h = load<uint32_t>(rec + in.distinct);
      return Value::integer(h ? static_cast<int64_t>(distincts_[h - 1]->estimate()) : 0);
    }
    default: {
      const auto h = load<uint32_t>(rec + in.quantiles);
      if (!h || sketches_[h - 1]->count() == 0) return Value::null();
      return Value::number(sketches_[h - 1]->quantile(quantileOf(o.fn)));
    }
  }
}

void AggregateLayout::saveValue(const uint8_t* at, state::StateWriter& out) const {
  const auto s = load<ValueState>(at);
  out.u8(static_cast<uint8_t>(s.value.kind));
  if (s.value.kind == Kind::Missing) return;
  out.i64(s.time);
  out.u64(s.seq);
  switch (s.value.kind) {
    case Kind::Bool:
      out.boolean(s.value.b);
      break;
    case Kind::Int:
      out.i64(s.value.i);
      break;
    case Kind::Double:
      out.f64(s.value.d);
      break;
    default:  // String, Json
      out.str(boxes_[s.box - 1]);
      break;
  }
}

void AggregateLayout::loadValue(uint8_t* at, state::StateReader& in) {
  const auto kind = static_cast<Kind>(in.u8());
  if (kind == Kind::Missing) return;  // as init() left it
  const int64_t time = in.i64();
  const uint64_t seq = in.u64();
  Value v;
  switch (kind) {
    case Kind::Bool:
      v = Value::boolean(in.boolean());
      break;
    case Kind::Int:
      v = Value::integer(in.i64());
      break;
    case Kind::Double:
      v = Value::number(in.f64());
      break;
    case Kind::String:
    case Kind::Json: {
      const uint32_t n = in.u32();
      const std::string_view text = in.view(n);
      v = kind == Kind::String ? Value::string(text) : Value::json(text);
      break;
    }
    default:
      in.fail("a first/last value (bool, number or string)");
  }
  auto s = load<ValueState>(at);
  setValue(s, v, time, seq, nullptr);
  store(at, s);
}

void AggregateLayout::saveRecord(const uint8_t* rec, state::StateWriter& out) const {
  for (const auto& [at, bytes] : plainRuns_)
    out.raw(rec + at, bytes);
  for (const Input& in : inputs_) {
    if (in.first >= 0) saveValue(rec + in.first, out);
    if (in.last >= 0) saveValue(rec + in.last, out);
    if (in.distinct >= 0) {
      const auto h = load<uint32_t>(rec + in.distinct);
      out.boolean(h != 0);
      if (h) distincts_[h - 1]->save(out);
    }
    if (in.quantiles >= 0) {
      const auto h = load<uint32_t>(rec + in.quantiles);
      out.boolean(h != 0);
      if (h) sketches_[h - 1]->save(out);
    }
  }
}

void AggregateLayout::loadRecord(uint8_t* rec, state::StateReader& in) {
  init(rec);
  for (const auto& [at, bytes] : plainRuns_)
    in.raw(rec + at, bytes);
  for (const Input& i : inputs_) {
    if (i.first >= 0) loadValue(rec + i.first, in);
    if (i.last >= 0) loadValue(rec + i.last, in);
    if (i.distinct >= 0 && in.boolean()) {
      const uint32_t h = newDistinct();
      store(rec + i.distinct, h);
      distincts_[h - 1]->load(in);
    }
    if (i.quantiles >= 0 && in.boolean()) {
      const uint32_t h = newQuantiles();
      store(rec + i.quantiles, h);
      sketches_[h - 1]->load(in);
    }
  }
}

size_t AggregateLayout::sideBytes() const {
  size_t n = boxes_.capacity() * sizeof(std::string);
  for (const auto& b : boxes_)
    n += b.capacity() > 15 ? b.capacity() : 0;
  for (const auto& d : distincts_)
    n += d->bytes();
  for (const auto& s : sketches_)
    n += s->bytes();
  return n;
}

}  // namespace sc::window
