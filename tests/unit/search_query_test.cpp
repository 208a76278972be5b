// Query building and request validation of the search service (search/).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "generator/render/search_page.h"
#include "search/index/schema.h"
#include "search/query/query.h"

namespace vetrina::search {
namespace {

IndexInfo sample_info() {
  IndexInfo info;
  info.terms[0] = {{"infanzia", "Scuola dell'infanzia"}, {"primaria", "Scuola primaria"}};
  info.terms[1] = {{"digitale", "Competenza digitale"}};
  info.terms[4] = {{"fr", "Francia"}};
  info.slots = {2, 1, 1, 1, 1, 1, 1};
  return info;
}

using Params = std::vector<std::pair<std::string, std::string>>;

std::string error_of(const Params& params) {
  const auto parsed = parse_request(params, sample_info());
  return parsed ? std::string("(accepted)") : parsed.error();
}

TEST_SUITE("search query") {
  TEST_CASE("text is accent-folded and apostrophes become spaces, the same at index and query time") {
    CHECK(normalize_text("Città") == "Citta");
    CHECK(normalize_text("l'orto") == "l orto");
    CHECK(normalize_text("l\xE2\x80\x99orto") == "l orto");
    CHECK(normalize_text("Citta\xCC\x80 di Po\xCC\x80rto") == normalize_text("Città di Pòrto"));  // combining marks
    CHECK(normalize_text("perché più") == "perche piu");
  }

  TEST_CASE("school years have ids with a hyphen and are checked by form") {
    CHECK(school_year_id("2019/2020") == "2019-2020");
    CHECK(school_year_label("2019-2020") == std::optional<std::string>("2019/2020"));
    CHECK_FALSE(school_year_label("2019-2021"));
    CHECK_FALSE(school_year_label("2019/2020"));
    CHECK_FALSE(school_year_label("20x9-2020"));
  }

  TEST_CASE("a valid request keeps every selected value once, in order") {
    const auto parsed = parse_request({{"q", "  ambiente  "},
                                       {"livello", "primaria"},
                                       {"livello", "infanzia"},
                                       {"livello", "primaria"},
                                       {"anno", "2019-2020"},
                                       {"page", "3"},
                                       {"sort", "recenti"},
                                       {"utm_source", "newsletter"}},
                                      sample_info());
    REQUIRE(parsed.ok());
    const auto& request = *parsed;
    CHECK(request.query == "ambiente");
    CHECK(request.selected[0] == std::vector<std::string>{"primaria", "infanzia"});
    CHECK(request.selected[3] == std::vector<std::string>{"2019-2020"});
    CHECK(request.page == 3);
    CHECK(request.sort_recent);
  }

  TEST_CASE("bad parameters get a message for the visitor") {
    const std::string long_query(201, 'a');
    const std::vector<std::pair<Params, std::string>> cases = {
        {{{"livello", "primaira"}}, "unknown value 'primaira' for 'livello' (did you mean 'primaria'?)"},
        {{{"competenza", "xyz"}}, "unknown value 'xyz' for 'competenza'"},
        {{{"anno", "2019"}}, "unknown value '2019' for 'anno': write the school year as 2019-2020"},
        {{{"page", "0"}}, "the page must be a whole number from 1 to 1000"},
        {{{"page", "1001"}}, "the page must be a whole number from 1 to 1000"},
        {{{"page", "2x"}}, "the page must be a whole number from 1 to 1000"},
        {{{"page", "-1"}}, "the page must be a whole number from 1 to 1000"},
        {{{"page", "99999999999999999999"}}, "the page must be a whole number from 1 to 1000"},
        {{{"page", "1"}, {"page", "2"}}, "the parameter 'page' can be given only once"},
        {{{"q", "a"}, {"q", "b"}}, "the parameter 'q' can be given only once"},
        {{{"q", long_query}}, "the text to search for is too long (at most 200 characters)"},
        {{{"q", "caf\xE9"}}, "the parameters must be valid UTF-8 text"},
        {{{"sort", "alfabetico"}}, "the order must be 'recenti' or 'rilevanza'"},
    };
    for (const auto& [params, message] : cases) {
      const auto& shown_message = message;  // clang 14 cannot capture a structured binding
      CAPTURE(shown_message);
      CHECK(error_of(params) == message);
    }
  }

  TEST_CASE("the query limit counts characters, not bytes") {
    std::string accented;
    for (int i = 0; i < 200; ++i) {
      accented += "\u00e0";  // 2 bytes each
    }
    CHECK(error_of({{"q", accented}}) == "(accepted)");
    CHECK(error_of({{"q", accented + "a"}}) == "the text to search for is too long (at most 200 characters)");
    CHECK(error_of({{"q", std::string(200, 'a')}}) == "(accepted)");
  }

  TEST_CASE("an empty facet value (an unset select) is ignored") {
    CHECK(error_of({{"livello", ""}}) == "(accepted)");
  }

  TEST_CASE("search addresses are stable and encoded") {
    SearchRequest request;
    request.query = "città & mare";
    request.selected[0] = {"primaria", "infanzia"};
    request.sort_recent = true;
    CHECK(search_url(request, 1) == "/cerca/?q=citt%C3%A0%20%26%20mare&livello=primaria&livello=infanzia&sort=recenti");
    CHECK(search_url(request, 2) ==
          "/cerca/?q=citt%C3%A0%20%26%20mare&livello=primaria&livello=infanzia&sort=recenti&page=2");
    CHECK(search_url(SearchRequest{}, 1) == "/cerca/");
  }

  TEST_CASE("errors and results are JSON in DESIGN.md's shape") {
    CHECK(error_json("bad \"page\"") == R"({"error":"bad \"page\""})");
    SearchResult result;
    result.query = "ambiente";
    result.total = 1;
    SearchHit hit;
    hit.url = "/esperienze/x/";
    hit.title = "X";
    hit.summary = "S";
    hit.snippet = "<mark>ambiente</mark>";
    hit.school_year = "2019/2020";
    hit.levels = {{"primaria", "Scuola primaria"}};
    result.hits.push_back(hit);
    result.facets[0] = {{"primaria", "Scuola primaria", 1, true}};
    CHECK(
        to_json(result) ==
        R"({"query":"ambiente","total":1,"page":1,"per_page":10,"results":[{"url":"/esperienze/x/","title":"X",)"
        R"("summary":"S","snippet":"<mark>ambiente</mark>","school_year":"2019/2020","example":false,"levels":[{"id":"primaria",)"
        R"("label":"Scuola primaria"}],"cover":null}],"facets":{"livello":[{"id":"primaria","label":"Scuola primaria",)"
        R"("count":1,"selected":true}],"competenza":[],"disciplina":[],"anno":[],"paese":[],"regione":[],"tipo":[],"premio":[]},)"
        R"("suggestion":null,"corrected_query":null,"relaxed":null,"widen":[]})");
    result.corrected_query = "ambiente";
    result.relaxed = SearchResult::Relaxed{1, 2};
    result.widen = {{0, 7}};
    const std::string json = to_json(result);
    CHECK(
        json.find(
            R"("corrected_query":"ambiente","relaxed":{"matched":1,"words":2},"widen":[{"facet":"livello","total":7}]})") !=
        std::string::npos);
  }

  TEST_CASE("plain words: accent-folded, lowercase, split like the indexer, the last one open while typing") {
    const QueryWords typed = query_words("Città  dell'Emilia-Romagna 2019/2020 amb");
    CHECK(typed.words == std::vector<std::string>{"citta", "dell", "emilia", "romagna", "2019", "2020", "amb"});
    CHECK(typed.last_open);
    CHECK_FALSE(query_words("ambiente ").last_open);
    CHECK_FALSE(query_words("ambiente?").last_open);
    CHECK(query_words("  ").words.empty());
    CHECK(query_words("ÉCOLE Kraków").words == std::vector<std::string>{"ecole", "krakow"});
  }

  TEST_CASE("query syntax is recognised; plain words with hyphens or slashes are not syntax") {
    CHECK(has_query_syntax("\"lupo di Gubbio\""));
    CHECK(has_query_syntax("robot AND scuola"));
    CHECK(has_query_syntax("robot -scuola"));
    CHECK(has_query_syntax("titolo:acqua"));
    CHECK(has_query_syntax("amb*"));
    CHECK_FALSE(has_query_syntax("Emilia-Romagna 2019/2020"));
    CHECK_FALSE(has_query_syntax("robot and scuola"));
    CHECK_FALSE(has_query_syntax("c'è - spazio"));
  }

  TEST_CASE("result JSON escapes text exactly as nlohmann::json does") {
    const std::string tricky = "a \"quoted\" back\\slash\n\t\r\b\f \x01\x1f\x7f città ✓ <mark>x</mark> / end";
    SearchResult result;
    result.query = tricky;
    result.total = 12345678901;
    result.page = 3;
    SearchHit hit;
    hit.url = tricky;
    hit.title = tricky;
    hit.summary = "";
    hit.snippet = tricky;
    hit.school_year = "2019/2020";
    hit.levels = {{"primaria", tricky}, {"infanzia", "Scuola dell'infanzia"}};
    hit.cover = "/media/x.jpg";
    result.hits = {hit, hit};
    result.hits[1].example = true;  // an invented example story
    result.facets[0] = {{"primaria", tricky, 5, true}, {"infanzia", "I", 0, false}};
    result.facets[6] = {{"europeo", "E", 1, false}};
    result.suggestion = tricky;

    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const auto& h : result.hits) {
      nlohmann::ordered_json levels = nlohmann::ordered_json::array();
      for (const auto& level : h.levels) {
        levels.push_back({{"id", level.id}, {"label", level.label}});
      }
      results.push_back({{"url", h.url},
                         {"title", h.title},
                         {"summary", h.summary},
                         {"snippet", h.snippet},
                         {"school_year", h.school_year},
                         {"example", h.example},
                         {"levels", levels},
                         {"cover", h.cover}});
    }
    nlohmann::ordered_json facets = nlohmann::ordered_json::object();
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      nlohmann::ordered_json values = nlohmann::ordered_json::array();
      for (const auto& v : result.facets[f]) {
        values.push_back({{"id", v.id}, {"label", v.label}, {"count", v.count}, {"selected", v.selected}});
      }
      facets[k_facets[f].name] = values;
    }
    const nlohmann::ordered_json expected = {{"query", result.query},
                                             {"total", result.total},
                                             {"page", result.page},
                                             {"per_page", result.per_page},
                                             {"results", results},
                                             {"facets", facets},
                                             {"suggestion", *result.suggestion},
                                             {"corrected_query", nullptr},
                                             {"relaxed", nullptr},
                                             {"widen", nlohmann::ordered_json::array()}};
    CHECK(to_json(result) == expected.dump());
  }
}

}  // namespace
}  // namespace vetrina::search
