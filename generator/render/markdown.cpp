#include "generator/render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "generator/util/strings.h"

namespace vetrina {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

constexpr const char* k_extensions[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};

// Parsing in parallel. cmark-gfm keeps the extensions' special inline
// characters ('~' of strikethrough, ':' and 'w' of autolink) in one
// process-wide table, which every cmark_parser_finish() fills when it starts
// and empties when it ends (cmark_manage_extensions_special_characters), so
// two bodies parsed at once lose '~~' now and then (cmark-gfm PR #176, per
// parser tables, was never merged). Every parser of ours attaches the same
// extensions, so the table may simply stay full: it is filled once, before
// any thread parses, and the library's own fill/empty calls are made no-ops
// by defining the function here. cmark_parser_finish() calls it through the
// library's PLT, so the executable's definition wins (ELF interposition, as
// for malloc). If it ever does not (a static or -Bsymbolic libcmark-gfm), a
// probe parse at start-up sees it, and parsing is serialised instead.
std::atomic<bool> g_interposed{false};
bool g_serialise = true;  // written once under ensure_registered()'s call_once
std::mutex g_serialised_parse;

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] {
    cmark_gfm_core_extensions_ensure_registered();
    using Manage = void (*)(cmark_parser*, int);
    const auto library_manage =
        reinterpret_cast<Manage>(dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    if (library_manage == nullptr) {
      return;  // no library definition to call: keep the serialised parse
    }
    std::unique_ptr<cmark_parser, ParserDeleter> keeper(cmark_parser_new(CMARK_OPT_DEFAULT));
    for (const char* name : k_extensions) {
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
        cmark_parser_attach_syntax_extension(keeper.get(), ext);
      }
    }
    library_manage(keeper.get(), 1);
    // The probe: does cmark_parser_finish() call our definition?
    constexpr std::string_view k_probe = "~~x~~";
    cmark_parser_feed(keeper.get(), k_probe.data(), k_probe.size());
    g_interposed.store(false);
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(keeper.get()));
    g_serialise = !g_interposed.load();
    if (g_serialise) {
      library_manage(keeper.get(), 1);  // the probe emptied the table: fill it again
    }
  });
}

}  // namespace

bool markdown_parses_in_parallel() {
  ensure_registered();
  return !g_serialise;
}

}  // namespace vetrina

// See "Parsing in parallel" above: the table of special characters stays as
// ensure_registered() filled it.
extern "C" void cmark_manage_extensions_special_characters(cmark_parser* /*parser*/, int /*add*/) {
  vetrina::g_interposed.store(true);
}

namespace vetrina {
namespace {

std::string node_text(cmark_node* node) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(node));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* cur = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    const cmark_node_type type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      const char* literal = cmark_node_get_literal(cur);
      out += literal != nullptr ? literal : "";
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  return out;
}

bool is_block(cmark_node_type type) {
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM ||
         type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_BLOCK_QUOTE;
}

}  // namespace

RenderedMarkdown render_markdown(std::string_view markdown, const LinkResolver& resolver) {
  ensure_registered();
  const int options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  cmark_llist* extensions = nullptr;
  for (const char* name : k_extensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_lock serialised(g_serialised_parse, std::defer_lock);
  if (g_serialise) {
    serialised.lock();
  }
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  if (serialised.owns_lock()) {
    serialised.unlock();
  }
  extensions = cmark_parser_get_syntax_extensions(parser.get());

  RenderedMarkdown result;
  std::map<std::string, int> used_ids;  // base id -> times seen
  std::set<std::string> given_ids;
  {
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      const cmark_node_type type = cmark_node_get_type(node);
      if (ev == CMARK_EVENT_ENTER) {
        if (type == CMARK_NODE_HEADING) {
          Heading heading;
          heading.level = cmark_node_get_heading_level(node);
          heading.text = std::string(util::trim(node_text(node)));
          std::string base = util::slugify(heading.text);
          if (base.empty()) {
            base = "sezione";
          } else if (base[0] >= '0' && base[0] <= '9') {
            base = "sezione-" + base;  // "1. Registrarsi": ids start with a letter (html-validate valid-id)
          }
          // "Intro", "Intro", "Intro 2": the second may not take "intro-2"
          // from the third, so bump the number until the id is free.
          int n = ++used_ids[base];
          heading.id = n == 1 ? base : base + "-" + std::to_string(n);
          while (given_ids.count(heading.id) != 0) {
            n = ++used_ids[base];
            heading.id = base + "-" + std::to_string(n);
          }
          given_ids.insert(heading.id);
          result.headings.push_back(std::move(heading));
        } else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && resolver) {
          const char* url = cmark_node_get_url(node);
          if (auto replacement = resolver(url != nullptr ? url : "", type == CMARK_NODE_IMAGE,
                                          cmark_node_get_start_line(node), cmark_node_get_start_column(node))) {
            cmark_node_set_url(node, replacement->c_str());
          }
        } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
          const char* literal = cmark_node_get_literal(node);
          result.plain_text += literal != nullptr ? literal : "";
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
          result.plain_text += ' ';
        } else if (type == CMARK_NODE_CODE_BLOCK) {
          const char* literal = cmark_node_get_literal(node);
          result.plain_text += literal != nullptr ? literal : "";
        }
      } else if (ev == CMARK_EVENT_EXIT && is_block(type)) {
        if (!result.plain_text.empty() && result.plain_text.back() != '\n') {
          result.plain_text += '\n';
        }
      } else if (ev == CMARK_EVENT_EXIT) {
        // Table nodes come from the extension: cells apart, rows on their lines.
        const std::string_view kind = cmark_node_get_type_string(node);
        if (kind == "table_cell") {
          result.plain_text += ' ';
        } else if (kind == "table_row" || kind == "table_header") {
          if (!result.plain_text.empty() && result.plain_text.back() == ' ') {
            result.plain_text.back() = '\n';
          } else if (!result.plain_text.empty() && result.plain_text.back() != '\n') {
            result.plain_text += '\n';
          }
        }
      }
    }
  }

  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT, extensions);
  const std::string rendered = html != nullptr ? html : "";
  std::free(html);

  // Give each <hN> its anchor, in document order (raw HTML never reaches the
  // output, so every "<hN>" here is a heading of the AST).
  result.html.reserve(rendered.size() + result.headings.size() * 24);
  std::size_t pos = 0;
  std::size_t next_heading = 0;
  while (true) {
    const auto open = rendered.find("<h", pos);
    if (open == std::string::npos) {
      break;
    }
    const bool is_heading = open + 3 < rendered.size() && rendered[open + 2] >= '1' && rendered[open + 2] <= '6' &&
                            rendered[open + 3] == '>';
    result.html.append(rendered, pos, open - pos);
    if (is_heading && next_heading < result.headings.size()) {
      result.headings[next_heading].offset = result.html.size();
      result.html.append(rendered, open, 3);
      result.html += " id=\"" + result.headings[next_heading++].id + "\">";
      pos = open + 4;
    } else {
      result.html.append(rendered, open, 2);
      pos = open + 2;
    }
  }
  result.html.append(rendered, pos, std::string::npos);
  return result;
}

}  // namespace vetrina
