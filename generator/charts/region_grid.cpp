#include "generator/charts/region_grid.h"

namespace vetrina {

const std::vector<RegionTile>& region_tiles() {
  // Four columns, nine rows: the boot from the Alps to Sicily, islands to the side.
  static const std::vector<RegionTile> k_regions = {
      {"valle-d-aosta", "VDA", "Valle d'Aosta", 0, 0},
      {"trentino-alto-adige", "TAA", "Trentino-Alto Adige", 2, 0},
      {"friuli-venezia-giulia", "FVG", "Friuli-Venezia Giulia", 3, 0},
      {"piemonte", "PIE", "Piemonte", 0, 1},
      {"lombardia", "LOM", "Lombardia", 1, 1},
      {"veneto", "VEN", "Veneto", 2, 1},
      {"liguria", "LIG", "Liguria", 0, 2},
      {"emilia-romagna", "EMR", "Emilia-Romagna", 1, 2},
      {"toscana", "TOS", "Toscana", 1, 3},
      {"marche", "MAR", "Marche", 2, 3},
      {"umbria", "UMB", "Umbria", 1, 4},
      {"abruzzo", "ABR", "Abruzzo", 2, 4},
      {"sardegna", "SAR", "Sardegna", 0, 5},
      {"lazio", "LAZ", "Lazio", 1, 5},
      {"molise", "MOL", "Molise", 2, 5},
      {"puglia", "PUG", "Puglia", 3, 5},
      {"campania", "CAM", "Campania", 2, 6},
      {"basilicata", "BAS", "Basilicata", 3, 6},
      {"calabria", "CAL", "Calabria", 3, 7},
      {"sicilia", "SIC", "Sicilia", 2, 8},
  };
  return k_regions;
}

const RegionTile* find_region(std::string_view id) {
  for (const auto& region : region_tiles()) {
    if (id == region.id) {
      return &region;
    }
  }
  return nullptr;
}

}  // namespace vetrina
