#pragma once
// The library never prints: long work reports progress through BuildStatus.
// The CLI's StatusPrinter shows it on a terminal; tests can count calls.
// Implementations must accept calls from several threads.

#include <cstddef>
#include <string_view>

namespace vetrina {

class BuildStatus {
 public:
  virtual ~BuildStatus() = default;
  // A new phase of the build ("lettura dei contenuti", "pagine").
  virtual void phase(std::string_view name, std::size_t total) = 0;
  // One unit of the current phase is done; `what` names it (a path).
  virtual void step(std::string_view what) = 0;
  virtual void finish() = 0;
};

// Discards everything.
class NullStatus final : public BuildStatus {
 public:
  void phase(std::string_view, std::size_t) override {}
  void step(std::string_view) override {}
  void finish() override {}
};

}  // namespace vetrina
