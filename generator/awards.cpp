#include "generator/awards.h"

#include <algorithm>
#include <map>
#include <set>

#include "generator/content_loader.h"
#include "generator/util/strings.h"
#include "generator/yaml_reader.h"

namespace vetrina {

namespace {

constexpr std::size_t k_max_prizes_per_category = 2;

std::string value_or(const std::optional<Located<std::string>>& v) { return v ? v->value : std::string(); }

const char* entry_noun(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize: return "national prize";
    case AwardKind::special_mention: return "special mention";
    case AwardKind::european_prize: return "European prize";
  }
  return "award";
}

const char* list_key(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize: return "national_prizes";
    case AwardKind::special_mention: return "special_mentions";
    case AwardKind::european_prize: return "european_prizes";
  }
  return "";
}

AwardEntry decode_entry(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics, AwardKind kind,
                        int number) {
  AwardEntry entry;
  entry.kind = kind;
  entry.location = source.at(node);
  const std::string what = std::string(entry_noun(kind)) + " " + std::to_string(number);
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
    MapReader p(r.node("project"), source, diagnostics, what + " project", {"title", "school", "city"});
    AwardProject project;
    project.title = value_or(p.text("title", true));
    project.school = value_or(p.text("school", true));
    project.city = value_or(p.text("city", true));
    entry.project = std::move(project);
  }
  if (!entry.story.value.empty() && entry.project) {
    diagnostics.error(r.location_of("project"), "give either 'story' (the folder name of a story) or 'project' "
                                                "(title, school, city of a project without a story), not both");
  } else if (entry.story.value.empty() && !entry.project) {
    diagnostics.error(entry.location, what + " needs 'story' (the folder name of a story) or 'project' "
                                             "(title, school, city of a project without a story)");
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
  diagnostics.error(text->location, "date '" + text->value + "' is not a real date: write it as YYYY-MM-DD, e.g. "
                                                             "2019-12-02");
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

std::string levels_text(const Story& story) {
  std::string text;
  for (const auto& level : story.terms_of(TaxonomyId::livello)) {
    text += (text.empty() ? "" : ", ") + level.value;
  }
  return text;
}

class AwardChecker {
 public:
  AwardChecker(const Site& site, DiagnosticBag& diagnostics) : m_site(site), m_diagnostics(diagnostics) {}

  void check(const AwardYear& award) {
    if (award.year_field.value != award.year) {
      m_diagnostics.error(award.year_field.location,
                          "year " + std::to_string(award.year_field.value) + " does not match the file name " +
                              std::to_string(award.year) + ".yaml: rename the file or correct the year");
    }
    std::map<std::string, std::size_t> prizes_per_category;
    for (const auto& entry : award.entries) {
      const Story* story = referenced_story(entry);
      if (!entry.category.value.empty() && check_category_id(entry) && story != nullptr) {
        check_category_matches(entry, *story);
      }
      if (entry.kind == AwardKind::national_prize && !entry.category.value.empty() &&
          ++prizes_per_category[entry.category.value] == k_max_prizes_per_category + 1) {
        m_diagnostics.error(entry.category.location,
                            "a third national prize in category '" + entry.category.value + "' for " +
                                std::to_string(award.year) + ": at most " + std::to_string(k_max_prizes_per_category) +
                                " national prizes per category each year");
      }
      if (story != nullptr) {
        check_story_eligible(entry, *story, award.year);
      }
    }
    if (award.quality_labels) {
      const auto& ql = *award.quality_labels;
      if (ql.national.value > ql.applications.value) {
        m_diagnostics.error(ql.national.location, "national Quality Labels (" + std::to_string(ql.national.value) +
                                                      ") cannot be more than the applications assessed (" +
                                                      std::to_string(ql.applications.value) + ")");
      }
      if (ql.european.value > ql.national.value) {
        m_diagnostics.error(ql.european.location, "European Quality Labels (" + std::to_string(ql.european.value) +
                                                      ") cannot be more than the national ones (" +
                                                      std::to_string(ql.national.value) + ")");
      }
    }
  }

 private:
  const Story* referenced_story(const AwardEntry& entry) {
    const std::string& slug = entry.story.value;
    if (slug.empty()) {
      return nullptr;
    }
    if (const Story* story = m_site.find_story(slug)) {
      return story;
    }
    auto listed = [&slug](const std::vector<std::string>& slugs) {
      return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
    };
    if (listed(m_site.broken_slugs)) {
      return nullptr;  // that story's own errors are reported already
    }
    if (listed(m_site.draft_slugs)) {
      m_diagnostics.error(entry.story.location,
                          "story '" + slug + "' is a draft (draft: true): publish it, or name the project with "
                                             "'project: {title, school, city}' until its story is ready");
      return nullptr;
    }
    m_diagnostics.error(entry.story.location, "award for a missing story '" + slug + "'" +
                                                  util::did_you_mean_suffix(slug, m_site.sorted_slugs()) +
                                                  ": 'story' is the folder name under content/stories/");
    return nullptr;
  }

  bool check_category_id(const AwardEntry& entry) {
    const auto& categories = prize_categories();
    if (std::find(categories.begin(), categories.end(), entry.category.value) != categories.end()) {
      return true;
    }
    std::string message = "unknown prize category '" + entry.category.value + "'";
    const std::string hint = util::did_you_mean_suffix(entry.category.value, categories);
    message += hint.empty() ? " (valid values: infanzia, primaria, secondaria-1, secondaria-2, mista)" : hint;
    m_diagnostics.error(entry.category.location, message);
    return false;
  }

  void check_category_matches(const AwardEntry& entry, const Story& story) {
    const auto& levels = story.terms_of(TaxonomyId::livello);
    const std::string& category = entry.category.value;
    if (levels.empty()) {
      return;  // the story's own "missing levels" error is reported
    }
    if (levels.size() > 1 && category != "mista") {
      m_diagnostics.error(entry.category.location, "story '" + story.slug + "' spans more than one school level (" +
                                                       levels_text(story) + "): its category is 'mista'");
    } else if (levels.size() == 1 && category == "mista") {
      m_diagnostics.error(entry.category.location,
                          "category 'mista' is for projects spanning more than one school level, but story '" +
                              story.slug + "' is only '" + levels.front().value + "': use category '" +
                              levels.front().value + "'");
    } else if (levels.size() == 1 && category != levels.front().value) {
      m_diagnostics.error(entry.category.location, "category '" + category + "' does not match story '" + story.slug +
                                                       "', whose level is '" + levels.front().value +
                                                       "': use category '" + levels.front().value + "'");
    }
  }

  void check_story_eligible(const AwardEntry& entry, const Story& story, int year) {
    const Location where = entry.story.location;
    if (story.project_type.value == "istituto") {
      m_diagnostics.error(where, "story '" + story.slug + "' is an institute project (project_type: istituto): "
                                                          "institute projects cannot receive prizes or mentions");
      return;
    }
    const bool european = entry.kind == AwardKind::european_prize;
    const auto& label = european ? story.european_label : story.national_label;
    const std::string label_name = european ? "European Quality Label" : "national Quality Label";
    const std::string field = european ? "quality_labels.european" : "quality_labels.national";
    const std::string needs = std::string("a ") + entry_noun(entry.kind) + " needs the story's " + label_name +
                              " in " + std::to_string(year) + " or before";
    if (!label) {
      m_diagnostics.error(where, needs + ", but story '" + story.slug + "' has none (" + field + " in " +
                                     story.source_path + ")");
    } else if (label->value > year) {
      m_diagnostics.error(where, needs + ", but story '" + story.slug + "' received it in " +
                                     std::to_string(label->value) + " (" + field + " in " + story.source_path + ")");
    }
  }

  const Site& m_site;
  DiagnosticBag& m_diagnostics;
};

}  // namespace

const std::vector<std::string>& prize_categories() {
  static const std::vector<std::string> k_categories = {"infanzia", "primaria", "secondaria-1", "secondaria-2",
                                                        "mista"};
  return k_categories;
}

std::string prize_category_label(const Site& site, const std::string& category) {
  if (category == "mista") {
    return "Progetti misti (più livelli scolastici)";
  }
  if (const Term* term = site.taxonomy(TaxonomyId::livello).find(category)) {
    return term->label;
  }
  return category;
}

const std::vector<Term>& award_terms() {
  static const std::vector<Term> k_terms = {
      {"premio-nazionale", "Premio nazionale", "Progetti vincitori dei Premi nazionali eTwinning.", {}, {}},
      {"menzione-speciale", "Menzione speciale", "Progetti segnalati con una Menzione speciale nei Premi nazionali.", {}, {}},
      {"premio-europeo", "Premio europeo", "Progetti vincitori dei Premi europei eTwinning.", {}, {}},
      {"label-europeo", "Certificato di Qualità europeo", "Progetti con il Certificato di Qualità europeo.", {}, {}},
      {"label-nazionale", "Certificato di Qualità nazionale", "Progetti con il Certificato di Qualità nazionale.", {}, {}},
  };
  return k_terms;
}

const char* award_term_id(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize: return "premio-nazionale";
    case AwardKind::special_mention: return "menzione-speciale";
    case AwardKind::european_prize: return "premio-europeo";
  }
  return "";
}

const char* award_kind_label(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize: return "Premio nazionale";
    case AwardKind::special_mention: return "Menzione speciale";
    case AwardKind::european_prize: return "Premio europeo";
  }
  return "";
}

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
  MapReader r(*root, source, diagnostics, "award file",
              {"year", "note", "source", "national_prizes", "special_mentions", "european_prizes", "quality_labels"});
  if (!r.is_map()) {
    return award;
  }
  if (auto y = r.integer("year", true)) {
    award.year_field = *y;
  }
  award.note = value_or(r.text("note", false));
  award.source = value_or(r.text("source", false));
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
          diagnostics.error(count->location, "a count cannot be negative");
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
    MapReader e(node, source, diagnostics, "event " + std::to_string(++number),
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
      diagnostics.error(event.end->location, "the event ends (" + event.end->value.iso() + ") before it starts (" +
                                                 event.start.value.iso() + ")");
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
      diagnostics.error({path, 0, 0}, "award files are named after their year, like 2019.yaml: rename this file");
      continue;
    }
    std::string error;
    if (auto text = fs.read_file(path, &error)) {
      site.awards.push_back(decode_award_year(*text, path, *year, diagnostics));
    } else {
      diagnostics.error({path, 0, 0}, error);
    }
  }
  std::sort(site.awards.begin(), site.awards.end(),
            [](const AwardYear& a, const AwardYear& b) { return a.year > b.year; });

  const std::string events_path = util::join_path(content_dir, "events.yaml");
  if (fs.is_file(events_path)) {
    std::string error;
    if (auto text = fs.read_file(events_path, &error)) {
      site.events_path = events_path;
      site.events = decode_events(*text, events_path, diagnostics);
    } else {
      diagnostics.error({events_path, 0, 0}, error);
    }
  }
}

void attach_awards(Site& site) {
  std::map<std::string, Story*> by_slug;
  for (auto& story : site.stories) {
    story.recognitions.clear();
    story.terms[static_cast<std::size_t>(TaxonomyId::premio)].clear();
    by_slug.emplace(story.slug, &story);
  }
  // Oldest year first, so a story lists its recognitions in time order.
  for (auto award = site.awards.rbegin(); award != site.awards.rend(); ++award) {
    for (const auto& entry : award->entries) {
      const auto it = by_slug.find(entry.story.value);
      if (entry.story.value.empty() || it == by_slug.end()) {
        continue;
      }
      it->second->recognitions.push_back({award->year, entry.kind, entry.category.value, entry.name});
    }
  }
  for (auto& story : site.stories) {
    auto& terms = story.terms[static_cast<std::size_t>(TaxonomyId::premio)];
    auto add = [&terms](const std::string& id, const Location& where) {
      const bool seen = std::any_of(terms.begin(), terms.end(), [&](const auto& t) { return t.value == id; });
      if (!seen) {
        terms.push_back({id, where});
      }
    };
    for (const auto& recognition : story.recognitions) {
      add(award_term_id(recognition.kind), story.slug_location);
    }
    if (story.european_label) {
      add("label-europeo", story.european_label->location);
    }
    if (story.national_label) {
      add("label-nazionale", story.national_label->location);
    }
  }
}

namespace {

// The same yearly counts live in the award files and in one statistics
// dataset (the /numeri/ chart): they must agree.
void check_counts_against_stats(const Site& site, const AwardYear& award, DiagnosticBag& diagnostics) {
  const Dataset* dataset = site.stats.find(k_quality_labels_dataset);
  if (dataset == nullptr || !award.quality_labels || dataset->series.size() < 3) {
    return;
  }
  const auto label = std::find_if(dataset->labels.begin(), dataset->labels.end(),
                                  [&](const auto& l) { return l.value == std::to_string(award.year); });
  if (label == dataset->labels.end()) {
    return;
  }
  const auto column = static_cast<std::size_t>(label - dataset->labels.begin());
  const QualityLabelCounts& counts = *award.quality_labels;
  const Located<long long>* mine[] = {&counts.applications, &counts.national, &counts.european};
  const char* names[] = {"applications assessed", "national Quality Labels", "European Quality Labels"};
  for (std::size_t s = 0; s < 3; ++s) {
    const auto& values = dataset->series[s].values;
    if (column >= values.size() || !values[column]) {
      continue;
    }
    const double theirs = *values[column];
    if (theirs != static_cast<double>(mine[s]->value)) {
      diagnostics.error(mine[s]->location,
                        std::string(names[s]) + " " + std::to_string(mine[s]->value) + " for " +
                            std::to_string(award.year) + " differ from " + dataset->source_path + " (" +
                            util::format_thousands(static_cast<long long>(theirs)) + " in series '" +
                            dataset->series[s].name + "'): the two files must give the same figures");
    }
  }
}

}  // namespace

void validate_awards(const Site& site, DiagnosticBag& diagnostics) {
  AwardChecker checker(site, diagnostics);
  // Files in name order, so messages come out in a stable, readable order.
  std::vector<const AwardYear*> files;
  for (const auto& award : site.awards) {
    files.push_back(&award);
  }
  std::sort(files.begin(), files.end(), [](const AwardYear* a, const AwardYear* b) { return a->year < b->year; });
  for (const AwardYear* award : files) {
    checker.check(*award);
    check_counts_against_stats(site, *award, diagnostics);
  }
  for (const auto& event : site.events) {
    if (!event.award_year) {
      continue;
    }
    const bool known = std::any_of(site.awards.begin(), site.awards.end(),
                                   [&](const AwardYear& a) { return a.year == event.award_year->value; });
    if (!known) {
      diagnostics.error(event.award_year->location,
                        "no award file for " + std::to_string(event.award_year->value) + " (content/awards/" +
                            std::to_string(event.award_year->value) + ".yaml): remove 'awards' or add the file");
    }
  }
}

}  // namespace vetrina
