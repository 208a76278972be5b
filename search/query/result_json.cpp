#include "search/query/result_json.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace vetrina::search {

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
    std::size_t plain = 0;  // start of the run of characters copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) {
        continue;
      }
      m_out.append(text, plain, i - plain);
      plain = i + 1;
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
        default:  // another control character
          m_out += "\\u00";
          m_out += k_hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          m_out += k_hex[static_cast<unsigned char>(c) & 0xF];
      }
    }
    m_out.append(text, plain, text.size() - plain);
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
  return nlohmann::ordered_json{{"error", message}}.dump();
}

}  // namespace vetrina::search
