#include "search/query/query.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "generator/util/strings.h"
#include "search/query/snippet.h"

namespace vetrina::search {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::optional<std::size_t> facet_index(const std::string& name) {
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (name == k_facets[f].name) {
      return f;
    }
  }
  return std::nullopt;
}

// " (forse 'x'?)": the Italian "did you mean" for visitors.
std::string forse(const std::string& value, const std::vector<std::string>& ids) {
  const auto hint = util::did_you_mean(value, ids);
  return hint ? " (forse '" + *hint + "'?)" : "";
}

}  // namespace

const FacetTerm* IndexInfo::find(std::size_t facet, const std::string& id) const {
  for (const auto& term : terms[facet]) {
    if (term.id == id) {
      return &term;
    }
  }
  return nullptr;
}

IndexInfo read_index_info(const Xapian::Database& db) {
  const std::string version = db.get_metadata("schema_version");
  if (version != std::to_string(k_schema_version)) {
    throw std::runtime_error("the search index was made by another version of vetrina (schema '" + version +
                             "', expected '" + std::to_string(k_schema_version) + "'): run 'vetrina build' again");
  }
  IndexInfo info;
  try {
    const json facets = json::parse(db.get_metadata("facets"));
    const json slots = json::parse(db.get_metadata("facet_slots"));
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      for (const auto& term : facets.at(k_facets[f].name)) {
        info.terms[f].push_back({term.at("id").get<std::string>(), term.at("label").get<std::string>()});
      }
      info.slots[f] = slots.at(k_facets[f].name).get<std::size_t>();
    }
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("the search index metadata is damaged: ") + e.what());
  }
  return info;
}

std::variant<SearchRequest, std::string> parse_request(const std::vector<std::pair<std::string, std::string>>& params,
                                                       const IndexInfo& info) {
  SearchRequest request;
  bool seen_q = false;
  bool seen_page = false;
  for (const auto& [name, value] : params) {
    if (!util::is_valid_utf8(value) || !util::is_valid_utf8(name)) {
      return std::string("i parametri devono essere testo UTF-8 valido");
    }
    if (name == "q") {
      if (seen_q) {
        return std::string("il parametro 'q' va indicato una sola volta");
      }
      seen_q = true;
      if (util::utf8_length(value) > k_max_query_chars) {
        return "il testo da cercare è troppo lungo (al massimo " + std::to_string(k_max_query_chars) + " caratteri)";
      }
      request.query = std::string(util::trim(value));
    } else if (name == "page") {
      if (seen_page) {
        return std::string("il parametro 'page' va indicato una sola volta");
      }
      seen_page = true;
      int page = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), page);
      if (ec != std::errc() || end != value.data() + value.size() || page < 1 || page > k_max_page) {
        return "la pagina deve essere un numero intero da 1 a " + std::to_string(k_max_page);
      }
      request.page = page;
    } else if (name == "sort") {
      if (value == "recenti") {
        request.sort_recent = true;
      } else if (!value.empty() && value != "rilevanza") {
        return std::string("l'ordine deve essere 'recenti' o 'rilevanza'");
      }
    } else if (const auto facet = facet_index(name)) {
      if (value.empty()) {
        continue;  // an empty select in a form
      }
      if (*facet == k_facet_anno) {
        if (!school_year_label(value)) {
          return "valore sconosciuto '" + value + "' per 'anno': scrivi l'anno scolastico come 2019-2020";
        }
      } else if (info.find(*facet, value) == nullptr) {
        std::vector<std::string> ids;
        for (const auto& term : info.terms[*facet]) {
          ids.push_back(term.id);
        }
        return "valore sconosciuto '" + value + "' per '" + name + "'" + forse(value, ids);
      }
      auto& selected = request.selected[*facet];
      if (std::find(selected.begin(), selected.end(), value) == selected.end()) {
        selected.push_back(value);
      }
    }
  }
  return request;
}

namespace {

// The databases a stub file lists, opened one by one (Xapian opens a stub as
// one combined database, whose metadata is only its first member's).
std::vector<Xapian::Database> stub_members(const std::string& path) {
  std::vector<Xapian::Database> members;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view text = util::trim(line);
    if (text.empty() || text[0] == '#') {
      continue;
    }
    if (util::starts_with(text, "remote ")) {
      const std::string target(util::trim(text.substr(7)));
      const auto colon = target.rfind(':');
      if (colon == std::string::npos || target[0] == ':') {
        throw std::runtime_error("stub " + path + ": write remote shards as 'remote HOST:PORT'");
      }
      members.push_back(
          Xapian::Remote::open(target.substr(0, colon), static_cast<unsigned>(std::stoul(target.substr(colon + 1)))));
    } else {
      const auto space = text.find(' ');
      std::string member(space == std::string_view::npos ? text : util::trim(text.substr(space + 1)));
      if (!member.empty() && member[0] != '/') {
        member = (std::filesystem::path(path).parent_path() / member).string();
      }
      members.emplace_back(member);
    }
  }
  return members;
}

}  // namespace

Searcher::Searcher(const std::string& path, std::size_t term_cache_entries) : m_stemmer("italian") {
  try {
    m_db = Xapian::Database(path);
    m_info = read_index_info(m_db);
    if (std::filesystem::is_regular_file(path)) {
      // Shards may use different numbers of slots per facet: count them all.
      for (const auto& member : stub_members(path)) {
        const IndexInfo other = read_index_info(member);
        for (std::size_t f = 0; f < k_facets.size(); ++f) {
          m_info.slots[f] = std::max(m_info.slots[f], other.slots[f]);
        }
      }
    } else {
      m_bitsets = BitsetIndex::of(m_db, term_cache_entries);
    }
    for (const auto& word : italian_stop_words()) {
      m_stopper.add(word);
    }
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open the search index at " + path + ": " + e.get_description() +
                             " (run 'vetrina build' to make it)");
  }
}

Xapian::QueryParser Searcher::make_parser() const {
  Xapian::QueryParser parser;
  parser.set_database(m_db);
  parser.set_stemmer(m_stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_stopper(&m_stopper);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("titolo", k_prefix_title);
  return parser;
}

namespace {

// How much more an exact word weighs than its stem, and a prefix expansion
// than... less: a word the visitor has not finished typing.
constexpr double k_exact_boost = 2.0;
constexpr double k_prefix_weight = 0.5;
// The last word matches as a prefix from this many characters, through the
// most frequent indexed words it starts (at most k_prefix_terms, chosen
// among the first k_prefix_scan in alphabetical order).
constexpr std::size_t k_prefix_min_chars = 2;
constexpr std::size_t k_prefix_terms = 24;
constexpr std::size_t k_prefix_scan = 4000;
// Words longer than this are not terms (Xapian's TermGenerator skips them).
constexpr std::size_t k_max_word_bytes = 64;
// "Most of the words" fallback: at most this many word combinations.
constexpr std::size_t k_max_combinations = 128;
constexpr std::size_t k_max_relaxed_words = 8;
// Spelling lookups cost more than a search: at most this many per query.
constexpr std::size_t k_max_corrections = 4;

std::size_t utf8_chars(const std::string& word) {
  std::size_t count = 0;
  for (const char c : word) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

std::size_t combinations(std::size_t n, std::size_t k) {
  std::size_t result = 1;
  for (std::size_t i = 1; i <= k; ++i) {
    result = result * (n - k + i) / i;
    if (result > k_max_combinations) {
      return result;
    }
  }
  return result;
}

// The documents matching at least `k` of `words` (every word query is
// non-empty): OR of the ANDs of each k-combination.
Xapian::Query at_least(const std::vector<Xapian::Query>& words, std::size_t k) {
  std::vector<Xapian::Query> alternatives;
  std::vector<std::size_t> pick(k);
  for (std::size_t i = 0; i < k; ++i) {
    pick[i] = i;
  }
  const std::size_t n = words.size();
  while (true) {
    std::vector<Xapian::Query> parts;
    for (const std::size_t i : pick) {
      parts.push_back(words[i]);
    }
    alternatives.emplace_back(Xapian::Query::OP_AND, parts.begin(), parts.end());
    std::size_t i = k;
    while (i > 0 && pick[i - 1] == n - k + i - 1) {
      --i;
    }
    if (i == 0) {
      break;
    }
    ++pick[i - 1];
    for (std::size_t j = i; j < k; ++j) {
      pick[j] = pick[j - 1] + 1;
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace

QueryWords query_words(const std::string& text) {
  QueryWords out;
  const std::string normalized = normalize_text(text);
  std::string word;
  bool in_word = false;
  for (Xapian::Utf8Iterator it(normalized); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
      in_word = true;
    } else {
      if (!word.empty() && word.size() <= k_max_word_bytes) {
        out.words.push_back(word);
      }
      word.clear();
      in_word = false;
    }
  }
  if (!word.empty() && word.size() <= k_max_word_bytes) {
    out.words.push_back(word);
  }
  out.last_open = in_word && !out.words.empty();
  return out;
}

bool has_query_syntax(const std::string& text) {
  if (text.find_first_of("\"()*:") != std::string::npos) {
    return true;
  }
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') {
      ++at;
    }
    const std::size_t end = std::min(text.find(' ', at), text.size());
    const std::string_view token(text.data() + at, end - at);
    if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" || token == "ADJ" ||
        (token.size() > 1 && (token[0] == '+' || token[0] == '-'))) {
      return true;
    }
    at = end;
  }
  return false;
}

Xapian::Query Searcher::word_query(const std::string& word, bool prefix, bool stop_word) const {
  std::vector<Xapian::Query> parts;
  if (!stop_word) {
    if (m_db.term_exists(word)) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word), k_exact_boost);
    }
    const std::string stem = "Z" + m_stemmer(word);
    if (m_db.term_exists(stem)) {
      parts.emplace_back(stem);
    }
  }
  if (prefix && utf8_chars(word) >= k_prefix_min_chars) {
    // The most frequent words starting with `word` (unprefixed terms are
    // the words as written; prefixed terms start with a capital letter).
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    std::size_t scanned = 0;
    for (auto it = m_db.allterms_begin(word); it != m_db.allterms_end(word) && scanned < k_prefix_scan;
         ++it, ++scanned) {
      if (*it != word) {
        found.emplace_back(it.get_termfreq(), *it);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (found.size() > k_prefix_terms) {
      found.resize(k_prefix_terms);
    }
    std::vector<Xapian::Query> expansions;
    for (const auto& [freq, term] : found) {
      expansions.emplace_back(term);
    }
    if (!expansions.empty()) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_SYNONYM, expansions.begin(), expansions.end()),
                         k_prefix_weight);
    }
  }
  if (parts.empty()) {
    return Xapian::Query();
  }
  return parts.size() == 1 ? parts.front() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// The nearest word of the spelling table (titles, summaries, labels, names)
// to a word the index does not hold, or "".
std::string Searcher::word_correction(const std::string& word) {
  if (!m_spelling || utf8_chars(word) < 3) {
    return "";
  }
  try {
    return m_db.get_spelling_suggestion(word, utf8_chars(word) <= 4 ? 1 : 2);
  } catch (const Xapian::Error&) {
    m_spelling = false;  // e.g. remote shards carry no spelling data
    return "";
  }
}

Searcher::TextPlan Searcher::text_plan(const std::string& text) {
  TextPlan plan;
  // Case is kept for the parser: AND, OR and NOT are operators only in
  // capitals, and the query parser lowercases words itself.
  if (has_query_syntax(text)) {
    Xapian::QueryParser parser = make_parser();
    const std::string normalized = normalize_text(text);
    try {
      plan.all = parser.parse_query(normalized, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      // Broken syntax ("a AND", unbalanced quotes): fall back to plain words.
      plan.all = parser.parse_query(normalized, 0);
    }
    return plan;
  }
  const QueryWords parsed = query_words(text);
  bool only_stop_words = true;
  for (const auto& word : parsed.words) {
    only_stop_words = only_stop_words && m_stopper(word);
  }
  std::size_t corrections = 0;
  for (std::size_t i = 0; i < parsed.words.size(); ++i) {
    const std::string& word = parsed.words[i];
    const bool prefix = parsed.last_open && i + 1 == parsed.words.size();
    // Stop words are not indexed; one still counts as the start of a word
    // being typed, and a query of stop words only is searched as written.
    const bool stop_word = m_stopper(word) && !only_stop_words;
    if (stop_word && !prefix) {
      continue;
    }
    Xapian::Query query = word_query(word, prefix, stop_word);
    std::string searched = word;
    if (query.empty() && !stop_word && corrections++ < k_max_corrections) {
      const std::string correction = word_correction(word);
      if (!correction.empty() && correction != word) {
        query = word_query(correction, false, false);
        if (!query.empty()) {
          searched = correction;
          plan.corrected = true;
        }
      }
    }
    if (query.empty() && stop_word) {
      continue;
    }
    // A word found nowhere stays: every word together then finds nothing,
    // and the results with most of the words are shown instead.
    plan.words.push_back(query.empty() ? Xapian::Query::MatchNothing : query);
    plan.searched.push_back(searched);
  }
  if (plan.words.empty()) {
    plan.all = Xapian::Query::MatchNothing;
  } else {
    plan.all = plan.words.size() == 1 ? plan.words.front()
                                      : Xapian::Query(Xapian::Query::OP_AND, plan.words.begin(), plan.words.end());
  }
  return plan;
}

// Xapian's spelling correction of `text`, or "" (none, broken syntax, or no
// spelling data). Asked only when nothing was found: looking words up in the
// spelling table costs more than the whole search.
std::string Searcher::spelling_correction(const std::string& text) {
  if (!m_spelling) {
    return "";
  }
  try {
    Xapian::QueryParser parser = make_parser();
    parser.parse_query(normalize_text(text),
                       Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    return parser.get_corrected_query_string();
  } catch (const Xapian::QueryParserError&) {
    return "";
  } catch (const Xapian::Error&) {
    m_spelling = false;  // e.g. remote shards carry no spelling data
    return "";
  }
}

Xapian::Query Searcher::filter_query(const SearchRequest& request, std::optional<std::size_t> except) const {
  std::vector<Xapian::Query> facets;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (request.selected[f].empty() || (except && *except == f)) {
      continue;
    }
    std::vector<Xapian::Query> values;
    for (const auto& id : request.selected[f]) {
      values.emplace_back(std::string(k_facets[f].prefix) + id);
    }
    facets.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
  }
  if (facets.empty()) {
    return Xapian::Query();
  }
  return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

Searcher::FacetCounts Searcher::count_local(const SearchRequest& request, const Xapian::Query& text, std::size_t* total,
                                            DocSet* matches, Widened* widened_totals) const {
  const DocSet text_matches = request.query.empty()
                                  ? m_bitsets->all()
                                  : matching_documents(m_db, text, m_bitsets->all(), [this](const std::string& term) {
                                      return m_bitsets->documents_with(m_db, term);
                                    });
  std::array<std::optional<DocSet>, k_facets.size()> chosen;  // each selection's documents
  *matches = text_matches;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (!request.selected[f].empty()) {
      chosen[f] = m_bitsets->with_any(f, request.selected[f]);
      *matches &= *chosen[f];
    }
  }
  *total = matches->count();
  FacetCounts counts;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    // The documents facet f is counted over: every selection but its own.
    std::optional<DocSet> widened;
    if (chosen[f]) {
      widened = text_matches;
      for (std::size_t g = 0; g < k_facets.size(); ++g) {
        if (g != f && chosen[g]) {
          *widened &= *chosen[g];
        }
      }
    }
    if (widened) {
      (*widened_totals)[f] = widened->count();
    }
    const DocSet& scope = widened ? *widened : *matches;
    for (const auto& value : m_bitsets->values(f)) {
      if (const std::size_t count = scope.count_common(value.documents); count > 0) {
        counts[f][value.id] = count;
      }
    }
  }
  return counts;
}

Searcher::FacetCounts Searcher::count_with_spies(const SearchRequest& request, const Xapian::Query& text,
                                                 std::size_t* total, Widened* widened_totals) const {
  auto combined = [&](const Xapian::Query& filter) {
    return filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
  };
  const Xapian::doccount all = m_db.get_doccount();
  using Spies = std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>;
  std::array<Spies, k_facets.size()> spies;
  auto add_spies = [&](Xapian::Enquire& enquire, std::size_t f) {
    for (std::size_t i = 0; i < m_info.slots[f]; ++i) {
      spies[f].push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(f, i)));
      enquire.add_matchspy(spies[f].back().get());
    }
  };
  // Counting runs apart from the ranked page, unweighted, over every match:
  // spies on the page's own query over-count over remote shards (Xapian
  // 1.4 sends documents of the returned page to the spies twice).
  {
    Xapian::Enquire counting(m_db);
    counting.set_query(combined(filter_query(request, std::nullopt)));
    counting.set_weighting_scheme(Xapian::BoolWeight());
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      if (request.selected[f].empty() && m_info.slots[f] > 0) {
        add_spies(counting, f);
      }
    }
    // check_at_least = every document: the spies see every match and the
    // count is exact, not an estimate.
    *total = counting.get_mset(0, 0, all).get_matches_estimated();
  }
  // Facets with a selection: counted with that selection removed.
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (request.selected[f].empty()) {
      continue;
    }
    Xapian::Enquire widened(m_db);
    widened.set_query(combined(filter_query(request, f)));
    widened.set_weighting_scheme(Xapian::BoolWeight());
    add_spies(widened, f);
    (*widened_totals)[f] = widened.get_mset(0, 0, all).get_matches_estimated();
  }
  FacetCounts counts;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    for (const auto& spy : spies[f]) {
      for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
        counts[f][*it] += it.get_termfreq();
      }
    }
  }
  return counts;
}

namespace {

// An address the indexer writes: a path of this site ("/..."), never a
// scheme ("javascript:") or another host ("//host"). A compromised index
// must not turn a result link into script (mustache escapes HTML, not URLs).
bool is_site_path(const std::string& url) {
  return url.size() >= 1 && url[0] == '/' && (url.size() == 1 || (url[1] != '/' && url[1] != '\\')) &&
         std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

// A hit from the document data: small JSON, a newline, the snippet text
// (schema.h). The snippet is left to the caller.
SearchHit Searcher::hit_of(const std::string& stored) const {
  const json data = json::parse(document_json(stored));
  SearchHit hit;
  hit.url = data.at("u").get<std::string>();
  if (!is_site_path(hit.url)) {
    throw std::runtime_error("the index holds a result address that is not a path of the site");
  }
  hit.title = data.at("t").get<std::string>();
  hit.summary = data.at("s").get<std::string>();
  hit.school_year = data.at("y").get<std::string>();
  hit.example = data.contains("x") && data.at("x").is_boolean() && data.at("x").get<bool>();
  if (data.contains("c")) {
    hit.cover = data.at("c").get<std::string>();
    if (!is_site_path(hit.cover)) {
      hit.cover.clear();
    }
  }
  for (const auto& id : data.at("l")) {
    const FacetTerm* term = m_info.find(0, id.get<std::string>());
    hit.levels.push_back(term != nullptr ? *term : FacetTerm{id.get<std::string>(), id.get<std::string>()});
  }
  return hit;
}

SearchResult Searcher::search(const SearchRequest& request) {
  try {
    SearchResult result;
    result.query = request.query;
    result.page = request.page;

    const TextPlan plan = request.query.empty() ? TextPlan{} : text_plan(request.query);
    Xapian::Query text = request.query.empty() ? Xapian::Query::MatchAll : plan.all;
    const auto first = static_cast<Xapian::doccount>((request.page - 1) * k_results_per_page);
    auto ranked_page = [&](const Xapian::Query& filter) {
      Xapian::Enquire enquire(m_db);
      enquire.set_query(filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter));
      if (request.query.empty() || request.sort_recent) {
        enquire.set_sort_by_value_then_relevance(k_slot_date, true);
      } else {
        enquire.set_sort_by_relevance_then_value(k_slot_date, true);
      }
      // The ranked page needs only its ten documents: no check_at_least, so
      // Xapian can stop early. The exact total is counted apart.
      return enquire.get_mset(first, k_results_per_page);
    };

    FacetCounts counts;
    DocSet matches;
    Widened widened{};
    auto recount = [&](const Xapian::Query& query) {
      widened.fill(0);
      counts = m_bitsets ? count_local(request, query, &result.total, &matches, &widened)
                         : count_with_spies(request, query, &result.total, &widened);
    };
    recount(text);
    // Every word together found nothing: the results with most of the words,
    // ranked by all of them (a document with more words weighs more).
    // (Only when the words find nothing even without the filters: otherwise
    // the filters are what to widen, and the page says which.)
    auto found_without_filters = [&]() {
      bool filtered = false;
      for (const auto& selected : request.selected) {
        filtered = filtered || !selected.empty();
      }
      if (!filtered) {
        return false;  // the count above was already without filters
      }
      SearchRequest unfiltered = request;
      unfiltered.selected = {};
      std::size_t total = 0;
      DocSet unused;
      Widened unused_widened{};
      if (m_bitsets) {
        count_local(unfiltered, text, &total, &unused, &unused_widened);
      } else {
        count_with_spies(unfiltered, text, &total, &unused_widened);
      }
      return total > 0;
    };
    if (result.total == 0 && plan.words.size() >= 2 && !found_without_filters()) {
      const std::size_t n = plan.words.size();
      std::vector<Xapian::Query> found;  // the words found somewhere
      for (const auto& word : plan.words) {
        if (word.get_type() != Xapian::Query::LEAF_MATCH_NOTHING) {
          found.push_back(word);
        }
      }
      const Xapian::Query any(Xapian::Query::OP_OR, found.begin(), found.end());
      // Long queries go straight to "any of the words": the combinations of
      // many words would cost more than they help.
      const std::size_t most = found.size() > k_max_relaxed_words ? 1 : std::min(n - 1, found.size());
      for (std::size_t k = most; k >= 1; --k) {
        if (k > 1 && combinations(found.size(), k) > k_max_combinations) {
          continue;
        }
        const Xapian::Query relaxed = k == 1 ? any : Xapian::Query(Xapian::Query::OP_FILTER, any, at_least(found, k));
        recount(relaxed);
        if (result.total > 0) {
          text = relaxed;
          result.relaxed = SearchResult::Relaxed{k, n};
          break;
        }
      }
      if (result.total == 0) {
        recount(text);  // the facet counts and filters of the query as typed
      }
    }
    if (plan.corrected && result.total > 0) {
      std::string searched;
      for (const auto& word : plan.searched) {
        searched += (searched.empty() ? "" : " ") + word;
      }
      result.corrected_query = searched;
    }
    if (result.total == 0) {
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        if (!request.selected[f].empty() && widened[f] > 0) {
          result.widen.push_back({f, widened[f]});
        }
      }
    }

    Xapian::MSet mset;
    std::vector<Xapian::docid> listed;  // the page, when listed by document id
    if (m_bitsets) {
      if (request.query.empty() && m_bitsets->ids_in_date_order()) {
        listed = matches.members(first, k_results_per_page);  // newest first, as the sort by date
      } else if (result.total > first) {
        // Filtered by the exact matches: Xapian then skips through the text's
        // posting lists from one match to the next, without the facet terms.
        mset = ranked_page(Xapian::Query((new DocSetSource(std::move(matches)))->release()));
      }
    } else if (result.total > first) {
      mset = ranked_page(filter_query(request, std::nullopt));
    }

    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      const auto& selected = request.selected[f];
      if (f == k_facet_anno) {
        // School years: every value counted, newest first, plus the selected ones.
        std::map<std::string, std::size_t, std::greater<>> years(counts[f].begin(), counts[f].end());
        for (const auto& id : selected) {
          years.emplace(id, 0);
        }
        for (const auto& [id, count] : years) {
          const bool is_selected = std::find(selected.begin(), selected.end(), id) != selected.end();
          result.facets[f].push_back({id, school_year_label(id).value_or(id), count, is_selected});
        }
        continue;
      }
      for (const auto& term : m_info.terms[f]) {
        const auto it = counts[f].find(term.id);
        const bool is_selected = std::find(selected.begin(), selected.end(), term.id) != selected.end();
        const std::size_t count = it == counts[f].end() ? 0 : it->second;
        if (count > 0 || is_selected) {
          result.facets[f].push_back({term.id, term.label, count, is_selected});
        }
      }
    }

    for (const Xapian::docid id : listed) {
      result.hits.push_back(hit_of(m_db.get_document(id).get_data()));
      result.hits.back().snippet = util::html_escape(result.hits.back().summary);
    }
    const Snippets snippets(text);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string stored = it.get_document().get_data();
      SearchHit hit = hit_of(stored);
      const std::size_t newline = stored.find('\n');
      if (!request.query.empty()) {
        // From the field that matched: the summary when a query word is in
        // it (the card shows no other summary), else the body.
        hit.snippet = snippets.make_whole(mset, hit.summary, m_stemmer);
        if (hit.snippet.empty() && newline != std::string::npos) {
          hit.snippet = snippets.make(mset, stored.substr(newline + 1), m_stemmer);
        }
      }
      if (hit.snippet.empty()) {
        hit.snippet = util::html_escape(hit.summary);
      }
      result.hits.push_back(std::move(hit));
    }

    // "Forse cercavi" only when nothing was found, and only a correction
    // that finds something (the words' own corrections are applied above).
    if (result.total == 0 && !request.query.empty()) {
      const std::string correction = spelling_correction(request.query);
      if (!correction.empty() &&
          util::to_lower_ascii(correction) != util::to_lower_ascii(normalize_text(request.query))) {
        SearchRequest corrected = request;
        corrected.query = correction;
        const TextPlan corrected_plan = text_plan(correction);
        std::size_t corrected_total = 0;
        DocSet unused;
        Widened unused_widened{};
        if (m_bitsets) {
          count_local(corrected, corrected_plan.all, &corrected_total, &unused, &unused_widened);
        } else {
          count_with_spies(corrected, corrected_plan.all, &corrected_total, &unused_widened);
        }
        if (corrected_total > 0) {
          result.suggestion = correction;
        }
      }
    }
    return result;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search failed: " + e.get_description());
  }
}

namespace {

// JSON written straight into a string, byte for byte as nlohmann::json's
// dump() writes it (building its DOM took about 7 % of the service's CPU
// under wrk). Text must be valid UTF-8 (checked where it comes in); it is
// kept as is, with '"', '\\' and control characters escaped.
class JsonWriter {
 public:
  JsonWriter() { m_out.reserve(16384); }
  JsonWriter& key(std::string_view name) {
    comma();
    quoted(name);
    m_out += ':';
    m_first = true;  // the value takes no comma
    return *this;
  }
  JsonWriter& string(std::string_view text) {
    comma();
    quoted(text);
    return *this;
  }
  JsonWriter& number(std::size_t value) {
    comma();
    m_out += std::to_string(value);
    return *this;
  }
  JsonWriter& boolean(bool value) {
    comma();
    m_out += value ? "true" : "false";
    return *this;
  }
  JsonWriter& null() {
    comma();
    m_out += "null";
    return *this;
  }
  JsonWriter& open(char bracket) {
    comma();
    m_out += bracket;
    m_first = true;
    return *this;
  }
  JsonWriter& close(char bracket) {
    m_out += bracket;
    m_first = false;
    return *this;
  }
  std::string take() { return std::move(m_out); }

 private:
  void comma() {
    if (!m_first) {
      m_out += ',';
    }
    m_first = false;
  }
  void quoted(std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    m_out += '"';
    for (const char c : text) {
      switch (c) {
        case '"':
          m_out += "\\\"";
          break;
        case '\\':
          m_out += "\\\\";
          break;
        case '\b':
          m_out += "\\b";
          break;
        case '\f':
          m_out += "\\f";
          break;
        case '\n':
          m_out += "\\n";
          break;
        case '\r':
          m_out += "\\r";
          break;
        case '\t':
          m_out += "\\t";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            m_out += "\\u00";
            m_out += k_hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            m_out += k_hex[static_cast<unsigned char>(c) & 0xF];
          } else {
            m_out += c;
          }
      }
    }
    m_out += '"';
  }

  std::string m_out;
  bool m_first = true;
};

}  // namespace

std::string to_json(const SearchResult& result) {
  JsonWriter out;
  out.open('{');
  out.key("query").string(result.query);
  out.key("total").number(result.total);
  out.key("page").number(static_cast<std::size_t>(result.page));
  out.key("per_page").number(static_cast<std::size_t>(result.per_page));
  out.key("results").open('[');
  for (const auto& hit : result.hits) {
    out.open('{');
    out.key("url").string(hit.url);
    out.key("title").string(hit.title);
    out.key("summary").string(hit.summary);
    out.key("snippet").string(hit.snippet);
    out.key("school_year").string(hit.school_year);
    out.key("example").boolean(hit.example);
    out.key("levels").open('[');
    for (const auto& level : hit.levels) {
      out.open('{').key("id").string(level.id).key("label").string(level.label).close('}');
    }
    out.close(']');
    out.key("cover");
    if (hit.cover.empty()) {
      out.null();
    } else {
      out.string(hit.cover);
    }
    out.close('}');
  }
  out.close(']');
  out.key("facets").open('{');
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    out.key(k_facets[f].name).open('[');
    for (const auto& value : result.facets[f]) {
      out.open('{');
      out.key("id").string(value.id);
      out.key("label").string(value.label);
      out.key("count").number(value.count);
      out.key("selected").boolean(value.selected);
      out.close('}');
    }
    out.close(']');
  }
  out.close('}');
  out.key("suggestion");
  if (result.suggestion) {
    out.string(*result.suggestion);
  } else {
    out.null();
  }
  out.key("corrected_query");
  if (result.corrected_query) {
    out.string(*result.corrected_query);
  } else {
    out.null();
  }
  out.key("relaxed");
  if (result.relaxed) {
    out.open('{').key("matched").number(result.relaxed->matched).key("words").number(result.relaxed->words).close('}');
  } else {
    out.null();
  }
  out.key("widen").open('[');
  for (const auto& widen : result.widen) {
    out.open('{').key("facet").string(k_facets[widen.facet].name).key("total").number(widen.total).close('}');
  }
  out.close(']');
  out.close('}');
  return out.take();
}

std::string error_json(const std::string& message) {
  return ordered_json{{"error", message}}.dump();
}

std::string Searcher::revision() const {
  try {
    return std::to_string(m_db.get_revision());
  } catch (const Xapian::Error&) {
    return "";
  }
}

}  // namespace vetrina::search
