#include "generator/content/award_loader.h"

#include <algorithm>

#include "generator/content/dates.h"
#include "generator/content/yaml_reader.h"
#include "generator/model/awards.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

const char* list_key(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize:
      return "national_prizes";
    case AwardKind::special_mention:
      return "special_mentions";
    case AwardKind::european_prize:
      return "european_prizes";
  }
  return "";
}

AwardEntry decode_entry(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics, AwardKind kind,
                        int number) {
  AwardEntry entry;
  entry.kind = kind;
  entry.location = source.at(node);
  const std::string count = std::to_string(number);
  const std::string what = kind == AwardKind::national_prize    ? tr("national prize {}", count)
                           : kind == AwardKind::special_mention ? tr("special mention {}", count)
                                                                : tr("European prize {}", count);
  std::vector<std::string> keys = {"category", "story", "project"};
  if (kind == AwardKind::european_prize) {
    keys.emplace_back("name");
  }
  MapReader r(node, source, diagnostics, what, keys);
  if (!r.is_map()) {
    return entry;
  }
  if (auto category = r.text("category", kind == AwardKind::national_prize)) {
    entry.category = *category;
  }
  if (auto story = r.text("story", false)) {
    entry.story = *story;
  }
  if (kind == AwardKind::european_prize) {
    entry.name = value_or(r.text("name", false));
  }
  if (r.has("project")) {
    MapReader p(r.node("project"), source, diagnostics, tr("{} project", what), {"title", "school", "city"});
    AwardProject project;
    project.title = value_or(p.text("title", true));
    project.school = value_or(p.text("school", true));
    project.city = value_or(p.text("city", true));
    entry.project = std::move(project);
  }
  if (!entry.story.value.empty() && entry.project) {
    diagnostics.error(r.location_of("project"), _("give either 'story' (the folder name of a story) or 'project' "
                                                  "(title, school, city of a project without a story), not both"));
  } else if (entry.story.value.empty() && !entry.project) {
    diagnostics.error(entry.location, tr("{} needs 'story' (the folder name of a story) or 'project' (title, school, "
                                         "city of a project without a story)",
                                         what));
  }
  return entry;
}

std::optional<Located<Date>> located_date(MapReader& r, const char* key, bool required, DiagnosticBag& diagnostics) {
  const auto text = r.text(key, required);
  if (!text) {
    return std::nullopt;
  }
  if (auto date = parse_date(text->value)) {
    return Located<Date>{*date, text->location};
  }
  diagnostics.error(text->location,
                    tr("date '{}' is not a real date: write it as YYYY-MM-DD, e.g. 2019-12-02", text->value));
  return std::nullopt;
}

// "2019.yaml" -> 2019.
std::optional<int> year_of_file_name(const std::string& name) {
  if (name.size() != 9 || !name.ends_with(".yaml")) {
    return std::nullopt;
  }
  int year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') {
      return std::nullopt;
    }
    year = year * 10 + (name[i] - '0');
  }
  return year;
}

}  // namespace

AwardYear decode_award_year(std::string_view text, const std::string& path, int year, DiagnosticBag& diagnostics) {
  AwardYear award;
  award.year = year;
  award.source_path = path;
  award.year_field = {year, {path, 1, 1}};
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return award;
  }
  MapReader r(*root, source, diagnostics, _("award file"),
              {"year", "note", "source", "example", "national_prizes", "special_mentions", "european_prizes",
               "quality_labels"});
  if (!r.is_map()) {
    return award;
  }
  if (auto y = r.integer("year", true)) {
    award.year_field = *y;
  }
  award.note = value_or(r.text("note", false));
  award.source = value_or(r.text("source", false));
  if (auto example = r.boolean("example")) {
    award.example = *example;
  }
  for (const AwardKind kind : {AwardKind::national_prize, AwardKind::special_mention, AwardKind::european_prize}) {
    int number = 0;
    for (const auto& node : r.map_list(list_key(kind))) {
      award.entries.push_back(decode_entry(node, source, diagnostics, kind, ++number));
    }
  }
  if (r.has("quality_labels")) {
    MapReader ql(r.node("quality_labels"), source, diagnostics, "quality_labels",
                 {"applications", "national", "european"});
    auto a = ql.integer("applications", true);
    auto n = ql.integer("national", true);
    auto e = ql.integer("european", true);
    if (a && n && e) {
      for (const auto* count : {&*a, &*n, &*e}) {
        if (count->value < 0) {
          diagnostics.error(count->location, _("a count cannot be negative"));
        }
      }
      award.quality_labels = QualityLabelCounts{*a, *n, *e};
    }
  }
  return award;
}

std::vector<Event> decode_events(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  std::vector<Event> events;
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root || root->IsNull()) {
    return events;
  }
  MapReader r(*root, source, diagnostics, "events.yaml", {"events"});
  int number = 0;
  for (const auto& node : r.map_list("events")) {
    MapReader e(node, source, diagnostics, tr("event {}", std::to_string(++number)),
                {"type", "title", "place", "start", "end", "awards", "description"});
    if (!e.is_map()) {
      continue;
    }
    Event event;
    event.location = e.location();
    event.type = value_or(e.text("type", true));
    event.title = value_or(e.text("title", true));
    event.place = value_or(e.text("place", true));
    event.description = value_or(e.text("description", false));
    auto start = located_date(e, "start", true, diagnostics);
    if (!start) {
      continue;
    }
    event.start = *start;
    event.end = located_date(e, "end", false, diagnostics);
    if (event.end && event.end->value < event.start.value) {
      diagnostics.error(event.end->location, tr("the event ends ({}) before it starts ({})", event.end->value.iso(),
                                                event.start.value.iso()));
    }
    event.award_year = e.integer("awards", false);
    events.push_back(std::move(event));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.start.value < b.start.value; });
  return events;
}

void load_awards_and_events(const util::FileSystem& fs, const std::string& content_dir, Site& site,
                            DiagnosticBag& diagnostics) {
  const std::string awards_dir = util::join_path(content_dir, "awards");
  for (const auto& entry : fs.list_directory(awards_dir)) {
    if (entry.is_directory || entry.name.starts_with(".") || entry.name == "README.md") {
      continue;
    }
    const std::string path = util::join_path(awards_dir, entry.name);
    const auto year = year_of_file_name(entry.name);
    if (!year) {
      diagnostics.error({path, 0, 0}, _("award files are named after their year, like 2019.yaml: rename this file"));
      continue;
    }
    if (auto text = fs.read_file(path, {content_dir, util::k_default_max_file_bytes})) {
      site.awards.push_back(decode_award_year(*text, path, *year, diagnostics));
    } else {
      diagnostics.error({path, 0, 0}, tr("cannot read file: {}", text.error()));
    }
  }
  std::sort(site.awards.begin(), site.awards.end(),
            [](const AwardYear& a, const AwardYear& b) { return a.year > b.year; });

  const std::string events_path = util::join_path(content_dir, "events.yaml");
  if (fs.check_file(events_path, {}).refusal != util::FileRefusal::missing) {
    if (auto text = fs.read_file(events_path, {content_dir, util::k_default_max_file_bytes})) {
      site.events_path = events_path;
      site.events = decode_events(*text, events_path, diagnostics);
    } else {
      diagnostics.error({events_path, 0, 0}, tr("cannot read file: {}", text.error()));
    }
  }
}

}  // namespace vetrina
