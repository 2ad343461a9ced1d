#pragma once
// The outcome of a Kafka call made on behalf of a person (runner, topic browser): a value or a
// message saying what went wrong. Errors never cross this API as exceptions.

#include <string>
#include <utility>

namespace sc::kafka {

template <typename T>
struct Result {
  T value{};
  std::string error;  // empty on success

  bool ok() const { return error.empty(); }
  static Result success(T v) { return Result{std::move(v), {}}; }
  static Result failure(std::string message) {
    Result r;
    r.error = message.empty() ? std::string("unknown error") : std::move(message);
    return r;
  }
};

}  // namespace sc::kafka
