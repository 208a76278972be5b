#pragma once
// The tile grid of the 20 Italian regions drawn by the region map; also the
// list of region ids a statistic may name (content/stats_loader refuses the
// others). Constant data, thread-safe.

#include <string_view>
#include <vector>

namespace vetrina {

// A tile of the region map: ids are those of the taxonomy `regione`.
struct RegionTile {
  const char* id;    // "valle-d-aosta"
  const char* code;  // "VDA", printed on the tile
  const char* name;  // "Valle d'Aosta"
  int column;
  int row;
};
// The 20 regions, north to south, placed roughly where they are.
const std::vector<RegionTile>& region_tiles();
// The tile of a region id; nullptr for an id that is not one of the 20.
const RegionTile* find_region(std::string_view id);

}  // namespace vetrina
