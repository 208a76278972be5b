#include "generator/check/term_rules.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

const char* taxonomy_noun(TaxonomyId id) {
  switch (id) {
    case TaxonomyId::livello:
      return _("level");
    case TaxonomyId::competenza:
      return _("competence");
    case TaxonomyId::disciplina:
      return _("subject");
    case TaxonomyId::tipo:
      return _("project type");
    case TaxonomyId::regione:
      return _("region");
    case TaxonomyId::paese:
      return _("country");
    case TaxonomyId::tema:
      return _("theme");
    case TaxonomyId::metodo:
      return _("method");
    case TaxonomyId::strumento:
      return _("tool");
    case TaxonomyId::premio:
      return _("award");
  }
  return _("value");
}

namespace {

const char* unknown_noun(TaxonomyId id) {
  switch (id) {
    case TaxonomyId::livello:
      return _("unknown level");
    case TaxonomyId::competenza:
      return _("unknown competence");
    case TaxonomyId::disciplina:
      return _("unknown subject");
    case TaxonomyId::tipo:
      return _("unknown project type");
    case TaxonomyId::regione:
      return _("unknown region");
    case TaxonomyId::paese:
      return _("unknown country");
    case TaxonomyId::tema:
      return _("unknown theme");
    case TaxonomyId::metodo:
      return _("unknown method");
    case TaxonomyId::strumento:
      return _("unknown tool");
    case TaxonomyId::premio:
      return _("unknown award");
  }
  return _("unknown value");
}

// Lowercase words of a label or an id: ASCII letters and digits kept, the
// accented Italian vowels folded ("Valle d'Aosta/Vallée" -> valle d aosta
// vallee), everything else separates words.
std::vector<std::string> label_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char folded = 0;
    if (std::isalnum(c) != 0) {
      folded = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // Latin-1 supplement in UTF-8: map the common accented letters.
      static const std::string_view k_fold = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const unsigned index = (next & 0x1Fu);
      folded = (next >= 0x80 && next <= 0xBF) ? k_fold[index] : 0;
      ++i;
      if (folded == '/') {
        folded = 0;
      }
    }
    if (folded != 0) {
      word += folded;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

// True when `part` is a run of whole consecutive words of `whole`.
bool contains_words(const std::vector<std::string>& whole, const std::vector<std::string>& part) {
  if (part.empty() || part.size() > whole.size()) {
    return false;
  }
  for (std::size_t start = 0; start + part.size() <= whole.size(); ++start) {
    if (std::equal(part.begin(), part.end(), whole.begin() + static_cast<std::ptrdiff_t>(start))) {
      return true;
    }
  }
  return false;
}

// The id an editor most likely meant, from taxonomies.yaml alone (no code per
// term): the label written out ("Francia" -> fr), a part of a label or an id
// in whole words ("Emilia" -> emilia-romagna, "Primaria" -> primaria, when
// only one term matches), else the id or label nearest by spelling.
std::optional<std::string> suggest_term(const Taxonomy& tax, std::string_view written) {
  const auto words = label_words(written);
  if (words.empty()) {
    return std::nullopt;
  }
  for (const auto& term : tax.terms) {
    if (label_words(term.label) == words || label_words(term.id) == words) {
      return term.id;
    }
  }
  std::vector<const Term*> partial;
  for (const auto& term : tax.terms) {
    if (contains_words(label_words(term.label), words) || contains_words(label_words(term.id), words)) {
      partial.push_back(&term);
    }
  }
  if (partial.size() == 1) {
    return partial.front()->id;
  }
  if (auto by_id = util::did_you_mean(written, tax.term_ids())) {
    return by_id;
  }
  std::vector<std::string> labels;
  for (const auto& term : tax.terms) {
    labels.push_back(term.label);
  }
  if (auto by_label = util::did_you_mean(written, labels)) {
    for (const auto& term : tax.terms) {
      if (term.label == *by_label) {
        return term.id;
      }
    }
  }
  return std::nullopt;
}

// Country ids are written in capitals in the content (country: FR).
std::string shown_id(TaxonomyId taxonomy, std::string id) {
  if (taxonomy == TaxonomyId::paese) {
    for (char& c : id) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return id;
}

}  // namespace

void check_story_terms(const Site& site, const Story& story, DiagnosticBag& diagnostics) {
  for (const auto& spec : taxonomy_specs()) {
    const Taxonomy& tax = site.taxonomy(spec.id);
    std::set<std::string> seen;
    for (const auto& term : story.terms_of(spec.id)) {
      const std::string noun = taxonomy_noun(spec.id);
      if (tax.find(term.value) == nullptr) {
        const std::string& written = term.value;
        std::string message;
        const auto ids = tax.term_ids();
        if (const auto hint = suggest_term(tax, written)) {
          const Term* meant = tax.find(*hint);
          message = tr("{} '{}': write '{}' ({})", unknown_noun(spec.id), written, shown_id(spec.id, *hint),
                       meant != nullptr ? meant->label : *hint);
        } else if (ids.size() <= 8 && !ids.empty()) {
          std::string list;
          for (const auto& id : ids) {
            list += (list.empty() ? "" : ", ") + shown_id(spec.id, id);
          }
          message = tr("{} '{}' (valid values: {})", unknown_noun(spec.id), written, list);
        } else {
          message = tr("{} '{}' (see the ids of '{}' in taxonomies.yaml)", unknown_noun(spec.id), written, tax.id);
        }
        diagnostics.error(term.location, message);
      } else if (!seen.insert(term.value).second && spec.id != TaxonomyId::paese) {
        diagnostics.error(term.location, tr("{} '{}' is listed twice", noun, term.value));
      }
    }
  }
}

}  // namespace vetrina
