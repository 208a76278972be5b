#pragma once
// Markdown to HTML through cmark-gfm with the GitHub extensions (tables,
// strikethrough, autolinks, task lists, tag filter). Safe by construction: raw
// HTML is never rendered and javascript:/vbscript:/file:/data: links lose
// their target (cmark-gfm's safe mode). Headings get stable anchors made from
// their text with util::slugify ("Attività svolte" -> "attivita-svolte"),
// numbered when repeated. Thread-safe: each call uses its own parser, and
// calls run in parallel (see markdown_parses_in_parallel()).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina {

struct Heading {
  int level = 0;
  std::string text;
  std::string id;
  std::size_t offset = 0;  // where its "<hN" starts in RenderedMarkdown::html
};

struct RenderedMarkdown {
  std::string html;
  std::string plain_text;  // the text without markup, blocks separated by newlines
  std::vector<Heading> headings;
};

// Called for every link and image destination, with its 1-based line and
// column in the Markdown source. Returns a replacement destination, or
// nullopt to keep it. It may report errors (it knows the file).
using LinkResolver =
    std::function<std::optional<std::string>(const std::string& url, bool is_image, int line, int column)>;

RenderedMarkdown render_markdown(std::string_view markdown, const LinkResolver& resolver = {});

// True when bodies are parsed fully in parallel (cmark-gfm's shared table of
// special characters kept full, markdown.cpp); false when parses of the
// Markdown's inline pass are serialised because that could not be arranged.
bool markdown_parses_in_parallel();

}  // namespace vetrina
