#pragma once
// What the search service and `vetrina report` keep of a User-Agent header:
// whether it is a crawler, a monitor or a script (the maintained list
// search/service/bots.txt, compiled in), and a coarse device class. The
// string itself is never kept (docs/privacy.md). Pure functions; the verdict
// cache of classify_agent() is per thread, so all are thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina::search {

enum class DeviceClass { computer, telefono, tablet, altro };
inline constexpr std::size_t k_device_classes = 4;
// "computer", "telefono", "tablet", "altro": ids in files and reports.
const char* device_class_id(DeviceClass device);
std::optional<DeviceClass> parse_device_class(std::string_view id);
// The class of a User-Agent header (tablets before phones, "altro" when the
// string says nothing known). The string itself is never kept.
DeviceClass device_class(std::string_view user_agent);

// What the service and the report keep of a user agent: is_bot() and
// device_class() of it, remembered per thread for the last few thousand
// distinct strings (a hash lookup instead of a scan of every bot pattern).
struct AgentClass {
  bool bot = false;
  DeviceClass device = DeviceClass::altro;
};
AgentClass classify_agent(std::string_view user_agent);

// True when the user agent is a crawler, a monitor or a script: it contains
// (ASCII case-insensitively) one of the patterns of search/service/bots.txt,
// or it is empty or "-". The list is compiled in (cmake/bots_list.cpp.in).
bool is_bot(std::string_view user_agent);
// The compiled-in patterns, lowercase, in file order.
const std::vector<std::string>& bot_patterns();
// Parses a bots file (one pattern a line, blank lines and '#' comments
// ignored) into lowercase patterns.
std::vector<std::string> parse_bot_patterns(std::string_view text);

}  // namespace vetrina::search
