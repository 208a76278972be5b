#include "generator/model/stats.h"

#include <algorithm>

namespace vetrina {

const Dataset* StatsCatalog::find(const std::string& id) const {
  const auto it = std::lower_bound(datasets.begin(), datasets.end(), id,
                                   [](const Dataset& d, const std::string& key) { return d.id < key; });
  return it != datasets.end() && it->id == id ? &*it : nullptr;
}

}  // namespace vetrina
