#include "generator/check/award_rules.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "generator/model/awards.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

constexpr std::size_t k_max_prizes_per_category = 2;

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
                          tr("year {} does not match the file name {}.yaml: rename the file or correct the year",
                             std::to_string(award.year_field.value), std::to_string(award.year)));
    }
    std::map<std::string, std::size_t> prizes_per_category;
    for (const auto& entry : award.entries) {
      const Story* story = referenced_story(entry);
      if (!entry.category.value.empty() && check_category_id(entry) && story != nullptr) {
        check_category_matches(entry, *story);
      }
      if (entry.kind == AwardKind::national_prize && !entry.category.value.empty() &&
          ++prizes_per_category[entry.category.value] == k_max_prizes_per_category + 1) {
        m_diagnostics.error(
            entry.category.location,
            tr("a third national prize in category '{}' for {}: at most {} national prizes per category each year",
               entry.category.value, std::to_string(award.year), std::to_string(k_max_prizes_per_category)));
      }
      if (story != nullptr) {
        check_story_eligible(entry, *story, award.year);
        if (story->example.value && !award.example.value) {
          m_diagnostics.error(entry.story.location,
                              tr("story '{}' is an invented example (example: true in {}): a real prize cannot go to "
                                 "it; mark this award file 'example: true' or name a real project",
                                 story->slug, story->source_path));
        }
      }
    }
    if (award.quality_labels) {
      const auto& ql = *award.quality_labels;
      if (ql.national.value > ql.applications.value) {
        m_diagnostics.error(ql.national.location,
                            tr("national Quality Labels ({}) cannot be more than the applications assessed ({})",
                               std::to_string(ql.national.value), std::to_string(ql.applications.value)));
      }
      if (ql.european.value > ql.national.value) {
        m_diagnostics.error(ql.european.location,
                            tr("European Quality Labels ({}) cannot be more than the national ones ({})",
                               std::to_string(ql.european.value), std::to_string(ql.national.value)));
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
                          tr("story '{}' is a draft (draft: true): publish it, or name the project with 'project: "
                             "{title, school, city}' until its story is ready",
                             slug));
      return nullptr;
    }
    m_diagnostics.error(entry.story.location,
                        tr("award for a missing story '{}'{}: 'story' is the folder name under content/stories/", slug,
                           util::did_you_mean_suffix(slug, sorted_slugs())));
    return nullptr;
  }

  bool check_category_id(const AwardEntry& entry) {
    const auto& categories = prize_categories();
    if (std::find(categories.begin(), categories.end(), entry.category.value) != categories.end()) {
      return true;
    }
    std::string message = tr("unknown prize category '{}'", entry.category.value);
    const std::string hint = util::did_you_mean_suffix(entry.category.value, categories);
    message += hint.empty() ? _(" (valid values: infanzia, primaria, secondaria-1, secondaria-2, mista)") : hint;
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
      m_diagnostics.error(entry.category.location,
                          tr("story '{}' spans more than one school level ({}): its category is 'mista'", story.slug,
                             levels_text(story)));
    } else if (levels.size() == 1 && category == "mista") {
      m_diagnostics.error(entry.category.location, tr("category 'mista' is for projects spanning more than one school "
                                                      "level, but story '{}' is only '{}': use category '{}'",
                                                      story.slug, levels.front().value, levels.front().value));
    } else if (levels.size() == 1 && category != levels.front().value) {
      m_diagnostics.error(entry.category.location,
                          tr("category '{}' does not match story '{}', whose level is '{}': use category '{}'",
                             category, story.slug, levels.front().value, levels.front().value));
    }
  }

  void check_story_eligible(const AwardEntry& entry, const Story& story, int year) {
    const Location where = entry.story.location;
    if (story.project_type.value == "istituto") {
      m_diagnostics.error(where, tr("story '{}' is an institute project (project_type: istituto): institute projects "
                                    "cannot receive prizes or mentions",
                                    story.slug));
      return;
    }
    const bool european = entry.kind == AwardKind::european_prize;
    const auto& label = european ? story.european_label : story.national_label;
    const std::string field = european ? "quality_labels.european" : "quality_labels.national";
    const std::string when = std::to_string(year);
    std::string needs;  // one whole sentence per kind, so that a translation can agree its words
    switch (entry.kind) {
      case AwardKind::national_prize:
        needs = tr("a national prize needs the story's national Quality Label in {} or before", when);
        break;
      case AwardKind::special_mention:
        needs = tr("a special mention needs the story's national Quality Label in {} or before", when);
        break;
      case AwardKind::european_prize:
        needs = tr("a European prize needs the story's European Quality Label in {} or before", when);
        break;
    }
    if (!label) {
      m_diagnostics.error(where,
                          tr("{}, but story '{}' has none ({} in {})", needs, story.slug, field, story.source_path));
    } else if (label->value > year) {
      m_diagnostics.error(where, tr("{}, but story '{}' received it in {} ({} in {})", needs, story.slug,
                                    std::to_string(label->value), field, story.source_path));
    }
  }

  // The published slugs, sorted once for all the awards that name a missing
  // story (an awards file may hold thousands of entries).
  const std::vector<std::string>& sorted_slugs() {
    if (!m_sorted_slugs) {
      m_sorted_slugs = m_site.sorted_slugs();
    }
    return *m_sorted_slugs;
  }

  const Site& m_site;
  DiagnosticBag& m_diagnostics;
  std::optional<std::vector<std::string>> m_sorted_slugs;
};

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
  const char* names[] = {_("applications assessed"), _("national Quality Labels"), _("European Quality Labels")};
  for (std::size_t s = 0; s < 3; ++s) {
    const auto& values = dataset->series[s].values;
    if (column >= values.size() || !values[column]) {
      continue;
    }
    const double theirs = *values[column];
    if (theirs != static_cast<double>(mine[s]->value)) {
      diagnostics.error(
          mine[s]->location,
          tr("{} {} for {} differ from {} ({} in series '{}'): the two files must give the same figures",
             std::string(names[s]), std::to_string(mine[s]->value), std::to_string(award.year), dataset->source_path,
             util::format_thousands(static_cast<long long>(theirs)), dataset->series[s].name));
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
                        tr("no award file for {} (content/awards/{}.yaml): remove 'awards' or add the file",
                           std::to_string(event.award_year->value), std::to_string(event.award_year->value)));
    }
  }
}

}  // namespace vetrina
