#pragma once
// Expected failures as values (LevelDB's Status, C++23's std::expected):
// every function of the library that can fail for a reason its caller must
// show (a file that cannot be read, a port already taken, a malformed
// request) returns a `Status` or a `Result<T>` instead of an `optional` plus
// a `std::string*`, a `bool&` or a `variant`. The message is complete and
// already translated (it is shown as it is); the library never prints it.
// Content errors with a file and line go into a DiagnosticBag instead
// (generator/util/diagnostics.h): they are many per run, a Status is one.
// Values, no shared state: safe to move between threads.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vetrina {

class [[nodiscard]] Status {
 public:
  // Success.
  Status() = default;
  static Status success() { return Status(); }
  // A failure; `message` says what failed and, where it can, what to do.
  static Status error(std::string message) { return Status(std::move(message), true); }

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  // Empty on success.
  const std::string& message() const { return m_message; }

 private:
  Status(std::string message, bool failed) : m_message(std::move(message)), m_failed(failed) {}
  std::string m_message;
  bool m_failed = false;
};

// A value, or the Status that says why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::move(value)) {}           // NOLINT(google-explicit-constructor): returned as a value
  Result(Status failure) : m_state(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  // Only when ok().
  const T& value() const& { return std::get<T>(m_state); }
  T& value() & { return std::get<T>(m_state); }
  T&& value() && { return std::get<T>(std::move(m_state)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The failure; Status::success() when ok().
  Status status() const { return ok() ? Status::success() : std::get<Status>(m_state); }
  // The failure's message; empty when ok().
  const std::string& error() const {
    static const std::string k_none;
    return ok() ? k_none : std::get<Status>(m_state).message();
  }

 private:
  std::variant<T, Status> m_state;
};

}  // namespace vetrina
