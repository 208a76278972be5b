#include "generator/model/awards.h"

#include <algorithm>
#include <map>
#include <set>

namespace vetrina {

const char* entry_noun(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize:
      return "national prize";
    case AwardKind::special_mention:
      return "special mention";
    case AwardKind::european_prize:
      return "European prize";
  }
  return "award";
}

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
      {"menzione-speciale",
       "Menzione speciale",
       "Progetti segnalati con una Menzione speciale nei Premi nazionali.",
       {},
       {}},
      {"premio-europeo", "Premio europeo", "Progetti vincitori dei Premi europei eTwinning.", {}, {}},
      {"label-europeo", "Certificato di Qualità europeo", "Progetti con il Certificato di Qualità europeo.", {}, {}},
      {"label-nazionale",
       "Certificato di Qualità nazionale",
       "Progetti con il Certificato di Qualità nazionale.",
       {},
       {}},
  };
  return k_terms;
}

const char* award_term_id(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize:
      return "premio-nazionale";
    case AwardKind::special_mention:
      return "menzione-speciale";
    case AwardKind::european_prize:
      return "premio-europeo";
  }
  return "";
}

const char* award_kind_label(AwardKind kind) {
  switch (kind) {
    case AwardKind::national_prize:
      return "Premio nazionale";
    case AwardKind::special_mention:
      return "Menzione speciale";
    case AwardKind::european_prize:
      return "Premio europeo";
  }
  return "";
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

}  // namespace vetrina
