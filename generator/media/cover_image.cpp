#include "generator/media/cover_image.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <stb_truetype.h>

#include "generator/media/cover_canvas.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"

namespace vetrina {

namespace {

// Bumped when the drawing changes: every generated cover gets a new name.
constexpr const char* k_cover_version = "cover-v6";
constexpr int k_og_width = 1200;
constexpr int k_og_height = 630;
constexpr int k_card_width = 600;
constexpr int k_card_height = 315;
constexpr std::uint32_t k_white = 0xffffff;
constexpr std::uint32_t k_gold = 0xffb400;

// Decodes UTF-8 (invalid bytes become U+FFFD; the model holds valid UTF-8).
std::vector<int> codepoints(const std::string& text) {
  std::vector<int> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
      out.push_back(0xfffd);
      ++i;
      continue;
    }
    int cp = length == 1 ? byte : byte & (0x3f >> (length - 1));
    for (int k = 1; k < length; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3f);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

class Font {
 public:
  explicit Font(const std::string& bytes) : m_bytes(bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(m_bytes.data());
    const int offset = stbtt_GetFontOffsetForIndex(data, 0);
    if (m_bytes.size() < 12 || offset < 0 || stbtt_InitFont(&m_info, data, offset) == 0) {
      throw std::runtime_error(_("the theme's fonts/cover.ttf is not a TrueType font"));
    }
  }
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;
  ~Font() = default;

  // Width in pixels of `text` at `px` pixels (em height).
  float measure(const std::vector<int>& text, float px) {
    const float scale = stbtt_ScaleForMappingEmToPixels(&m_info, px);
    float width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      width += static_cast<float>(advance(text[i])) * scale;
      if (i + 1 < text.size()) {
        width += static_cast<float>(kern(text[i], text[i + 1])) * scale;
      }
    }
    return width;
  }

  // Draws `text` with its baseline at y, starting at x. Each glyph starts on
  // a quarter of a pixel (subpixel positioning as FreeType and Skia do it),
  // so that its coverage mask, rasterised once per size and quarter, is
  // reused by every cover that shows it.
  void draw(CoverCanvas& canvas, const std::vector<int>& text, float x, float baseline, float px, std::uint32_t color) {
    const float scale = stbtt_ScaleForMappingEmToPixels(&m_info, px);
    const int top_of_line = static_cast<int>(std::lround(baseline));
    for (std::size_t i = 0; i < text.size(); ++i) {
      const int cp = text[i];
      const long quarters = std::lround(x * static_cast<float>(k_subpixels));
      const long whole = quarters >= 0 ? quarters / k_subpixels : (quarters - (k_subpixels - 1)) / k_subpixels;
      const auto sub = static_cast<int>(quarters - whole * k_subpixels);
      const Glyph& glyph = rasterised(cp, scale, sub);
      if (glyph.w > 0 && glyph.h > 0) {
        canvas.mask(static_cast<int>(whole), top_of_line, glyph, color);
      }
      x += static_cast<float>(advance(cp)) * scale;
      if (i + 1 < text.size()) {
        x += static_cast<float>(kern(cp, text[i + 1])) * scale;
      }
    }
  }

 private:
  static constexpr int k_subpixels = 4;
  // Glyphs kept; past this (a site of many scripts) the cache starts over.
  static constexpr std::size_t k_max_glyphs = 8192;
  // Pairs of letters kept for kerning (the same: then it starts over).
  static constexpr std::size_t k_max_kerns = 65536;

  using Glyph = CoverageMask;  // x0, y0: from the pen on the baseline

  // The advance width of `cp` and the kerning between `a` and `b`, in font
  // units, remembered: titles are measured word by word as they wrap, and
  // each lookup searches the font's tables.
  int advance(int cp) {
    const auto found = m_advances.find(cp);
    if (found != m_advances.end()) {
      return found->second;
    }
    int advance = 0;
    int bearing = 0;
    stbtt_GetCodepointHMetrics(&m_info, cp, &advance, &bearing);
    if (m_advances.size() >= k_max_glyphs) {
      m_advances.clear();
    }
    m_advances.emplace(cp, advance);
    return advance;
  }
  int kern(int a, int b) {
    const std::uint64_t key = (std::uint64_t{static_cast<std::uint32_t>(a)} << 32) | static_cast<std::uint32_t>(b);
    const auto found = m_kerns.find(key);
    if (found != m_kerns.end()) {
      return found->second;
    }
    const int kern = stbtt_GetCodepointKernAdvance(&m_info, a, b);
    if (m_kerns.size() >= k_max_kerns) {
      m_kerns.clear();
    }
    m_kerns.emplace(key, kern);
    return kern;
  }

  // The coverage mask of `cp` at `scale`, shifted right by sub/4 pixel.
  const Glyph& rasterised(int cp, float scale, int sub) {
    std::uint32_t scale_bits = 0;
    static_assert(sizeof scale_bits == sizeof scale);
    std::memcpy(&scale_bits, &scale, sizeof scale);
    const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(cp) & 0x1fffff) << 34) |
                              (static_cast<std::uint64_t>(sub) << 32) | scale_bits;
    const auto found = m_glyphs.find(key);
    if (found != m_glyphs.end()) {
      return found->second;
    }
    if (m_glyphs.size() >= k_max_glyphs) {
      m_glyphs.clear();
    }
    Glyph glyph;
    const float shift_x = static_cast<float>(sub) / static_cast<float>(k_subpixels);
    int x1 = 0;
    int y1 = 0;
    stbtt_GetCodepointBitmapBoxSubpixel(&m_info, cp, scale, scale, shift_x, 0, &glyph.x0, &glyph.y0, &x1, &y1);
    glyph.w = x1 - glyph.x0;
    glyph.h = y1 - glyph.y0;
    if (glyph.w > 0 && glyph.h > 0) {
      glyph.coverage.assign(static_cast<std::size_t>(glyph.w) * static_cast<std::size_t>(glyph.h), 0);
      stbtt_MakeCodepointBitmapSubpixel(&m_info, glyph.coverage.data(), glyph.w, glyph.h, glyph.w, scale, scale,
                                        shift_x, 0, cp);
    }
    return m_glyphs.emplace(key, std::move(glyph)).first->second;
  }

  std::string m_bytes;  // stbtt_fontinfo points into it
  stbtt_fontinfo m_info{};
  std::unordered_map<std::uint64_t, Glyph> m_glyphs;  // (codepoint, quarter, scale) -> mask
  std::unordered_map<int, int> m_advances;            // codepoint -> advance
  std::unordered_map<std::uint64_t, int> m_kerns;     // (codepoint, codepoint) -> kerning
};

// Greedy word wrap of `text` into lines no wider than `width` at `px`.
std::vector<std::vector<int>> wrap(Font& font, const std::vector<int>& text, float px, float width) {
  std::vector<std::vector<int>> words(1);
  for (const int cp : text) {
    if (cp == ' ') {
      if (!words.back().empty()) {
        words.emplace_back();
      }
    } else {
      words.back().push_back(cp);
    }
  }
  std::vector<std::vector<int>> lines;
  std::vector<int> line;
  for (const auto& word : words) {
    std::vector<int> candidate = line;
    if (!candidate.empty()) {
      candidate.push_back(' ');
    }
    candidate.insert(candidate.end(), word.begin(), word.end());
    if (!line.empty() && font.measure(candidate, px) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

// `text` cut to fit `width` at `px`, ending with an ellipsis: after the
// last whole word that fits (then without a trailing separator), or within
// a word when not even the first one fits.
std::vector<int> cut_to_width(Font& font, const std::vector<int>& text, float px, float width) {
  constexpr int k_ellipsis = 0x2026;
  auto fits = [&](std::vector<int> kept) {
    kept.push_back(k_ellipsis);
    return font.measure(kept, px) <= width;
  };
  std::size_t keep = text.size();
  while (keep > 0 && !fits(std::vector<int>(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(keep)))) {
    --keep;
  }
  std::vector<int> out(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(keep));
  if (keep < text.size() && text[keep] != ' ') {
    const auto space = std::find(out.rbegin(), out.rend(), ' ');
    if (space != out.rend()) {
      out.erase(space.base() - 1, out.end());  // the word cut in the middle goes
    }
  }
  auto separator = [](int cp) { return cp == ' ' || cp == ',' || cp == 0xb7 || cp == '/' || cp == '-'; };
  while (!out.empty() && separator(out.back())) {
    out.pop_back();
  }
  out.push_back(k_ellipsis);
  return out;
}

std::string cover_cache_name(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

}  // namespace

std::uint32_t level_color(const std::string& level_id) {
  if (level_id == "infanzia") {
    return 0xa3214a;  // raspberry
  }
  if (level_id == "primaria") {
    return 0x00695c;  // teal
  }
  if (level_id == "secondaria-1") {
    return 0x0059b3;  // Designers Italia blue, darker
  }
  if (level_id == "secondaria-2") {
    return 0x5b2a86;  // purple
  }
  return 0x17324d;
}

CoverSpec story_cover_spec(const Site& site, const Story& story) {
  CoverSpec spec;
  spec.title = story.title.value;
  const auto& levels = story.terms_of(TaxonomyId::livello);
  const Taxonomy& level_taxonomy = site.taxonomy(TaxonomyId::livello);
  std::string kicker;
  for (const auto& level : levels) {
    const Term* term = level_taxonomy.find(level.value);
    kicker += (kicker.empty() ? "" : ", ") + (term != nullptr ? term->label : level.value);
  }
  const std::string& year = story.school_year.value;
  spec.kicker = kicker.empty() || year.empty() ? kicker + year : kicker + " · " + year;
  spec.color = level_color(levels.empty() ? std::string() : levels.front().value);
  const Taxonomy& competences = site.taxonomy(TaxonomyId::competenza);
  for (const auto& competence : story.terms_of(TaxonomyId::competenza)) {
    const Term* term = competences.find(competence.value);
    spec.chips.push_back(term != nullptr ? term->label : competence.value);
  }
  spec.seed = util::hash64(story.slug);
  return spec;
}

CoverSpec site_cover_spec(const Site& site) {
  CoverSpec spec;
  spec.title = site.config.title;
  spec.kicker = site.config.publisher;
  spec.color = 0x0066cc;
  spec.seed = util::hash64(site.config.title);
  return spec;
}

std::uint64_t cover_font_hash(const std::string& font) {
  return util::hash64(font) | 1;
}

PublishedImage generated_cover(const CoverSpec& spec, std::uint64_t font_hash) {
  util::Hasher hasher;
  hasher.add(k_cover_version).add(font_hash).add(spec.kicker).add(spec.title).add(spec.color).add(spec.seed);
  for (const auto& chip : spec.chips) {
    hasher.add(chip);
  }
  const std::string hash = util::hex64(hasher.value());
  PublishedImage image;
  image.width = k_og_width;
  image.height = k_og_height;
  const std::string card = "/media/" + hash + "-cover-" + std::to_string(k_card_width) + ".png";
  const std::string og = "/media/" + hash + "-cover-og.png";
  image.sizes.push_back({k_card_width, k_card_height, card, cover_cache_name(card)});
  image.og = ImageVariant{k_og_width, k_og_height, og, cover_cache_name(og)};
  return image;
}

namespace {

// Where the seed puts the rings: one of 97 places.
std::uint64_t ring_place(const CoverSpec& spec) {
  return spec.seed % 97;
}

// The scale of the layout at `width` (drawn for k_og_width) and the margin.
float layout_scale(int width) {
  return static_cast<float>(width) / static_cast<float>(k_og_width);
}
float layout_pad(float s) {
  return 72.0F * s;
}

// What a cover shows under its text, which depends only on its colour, its
// rings' place and its size: many covers share it (write_covers() draws
// them in that order and CoverPainter keeps the last one).
CoverCanvas draw_background(const CoverSpec& spec, int width, int height) {
  CoverCanvas canvas(width, height, spec.color);
  const float s = layout_scale(width);
  // Two interlocking rings (the theme's logo), placed by the seed, bottom right.
  const float shift = static_cast<float>(ring_place(spec)) / 97.0F;
  const float cx = static_cast<float>(width) - (150.0F + 80.0F * shift) * s;
  const float cy = static_cast<float>(height) - (90.0F + 60.0F * (1.0F - shift)) * s;
  canvas.ring(cx - 95.0F * s, cy, 190.0F * s, 34.0F * s, k_white, 0.14F);
  canvas.ring(cx + 95.0F * s, cy, 190.0F * s, 34.0F * s, k_gold, 0.7F);
  // A gold bar above the kicker.
  const float pad = layout_pad(s);
  canvas.rect(static_cast<int>(pad), static_cast<int>(pad), static_cast<int>(64.0F * s), static_cast<int>(8.0F * s),
              k_gold);
  return canvas;
}

// The cover `spec`'s text and chips drawn over its background `canvas`
// (draw_background(), the layout scaled to the canvas's width).
void draw_text(CoverCanvas& canvas, const CoverSpec& spec, Font& font) {
  const int width = canvas.width();
  const int height = canvas.height();
  const float s = layout_scale(width);
  const float pad = layout_pad(s);
  // The kicker on one line: smaller type when long (three school levels and
  // a year), then cut with an ellipsis rather than past the edge.
  const float line_width = static_cast<float>(width) - 2.0F * pad;
  float kicker_px = 32.0F * s;
  const float smallest_kicker = 24.0F * s;
  std::vector<int> kicker = codepoints(spec.kicker);
  while (font.measure(kicker, kicker_px) > line_width && kicker_px > smallest_kicker) {
    kicker_px = std::max(smallest_kicker, kicker_px * 0.92F);
  }
  if (font.measure(kicker, kicker_px) > line_width) {
    // The school year after the last " · " stays whole; the levels before it are cut.
    const std::vector<int> separator = {' ', 0xb7, ' '};
    const auto at = std::find_end(kicker.begin(), kicker.end(), separator.begin(), separator.end());
    const std::vector<int> year(at, kicker.end());
    const float year_width = at == kicker.end() ? 0.0F : font.measure(year, kicker_px);
    if (at != kicker.end() && at != kicker.begin() && year_width < line_width / 2.0F) {
      kicker = cut_to_width(font, std::vector<int>(kicker.begin(), at), kicker_px, line_width - year_width);
      kicker.insert(kicker.end(), year.begin(), year.end());
    } else {
      kicker = cut_to_width(font, kicker, kicker_px, line_width);
    }
  }
  font.draw(canvas, kicker, pad, pad + 60.0F * s, kicker_px, k_white);
  // The title: as large as it can be on at most four lines above the chips.
  const float chip_px = 26.0F * s;
  const float chip_h = 46.0F * s;
  const float chip_pad = 20.0F * s;
  const float chip_top = static_cast<float>(height) - pad - chip_h;
  const float title_bottom = spec.chips.empty() ? static_cast<float>(height) - pad : chip_top - 16.0F * s;
  const float title_top = pad + 60.0F * s;
  const float title_width = line_width;
  const std::vector<int> title = codepoints(spec.title);
  auto lines_that_fit = [&](float size) {
    const float room = title_bottom - title_top - size * 1.45F - size * 0.3F;
    return std::min<std::size_t>(4, static_cast<std::size_t>(std::max(0.0F, room) / (size * 1.12F)) + 1);
  };
  float px = 78.0F * s;
  std::vector<std::vector<int>> lines = wrap(font, title, px, title_width);
  while (lines.size() > lines_that_fit(px) && px > 40.0F * s) {
    px *= 0.92F;
    lines = wrap(font, title, px, title_width);
  }
  if (lines.size() > lines_that_fit(px)) {
    lines.resize(lines_that_fit(px));
    lines.back().push_back(0x2026);  // …
  }
  float baseline = title_top + px * 1.45F;
  for (const auto& line : lines) {
    font.draw(canvas, line, pad, baseline, px, k_white);
    baseline += px * 1.12F;
  }
  // Competences as chips along the bottom, as many as fit on one row.
  float chip_x = pad;
  for (const auto& chip : spec.chips) {
    const std::vector<int> text = codepoints(chip);
    const float w = font.measure(text, chip_px) + 2.0F * chip_pad;
    if (chip_x + w > static_cast<float>(width) - pad) {
      break;
    }
    canvas.pill(chip_x, chip_top, w, chip_h, 2.5F * s, k_white);
    font.draw(canvas, text, chip_x + chip_pad, chip_top + chip_h / 2.0F + chip_px * 0.35F, chip_px, k_white);
    chip_x += w + 12.0F * s;
  }
}

}  // namespace

struct CoverPainter::Impl {
  explicit Impl(const std::string& bytes) : font(bytes) {}

  // One size of cover: the last background drawn and the canvas the cover
  // is drawn on, kept so that the next cover neither allocates nor clears
  // a picture (and, with the same background, draws no rings and copies
  // back only the rows the last cover's text was drawn on).
  struct Size {
    int width;
    int height;
    std::optional<CoverCanvas> background;  // of `color` and `place`
    std::uint32_t color = 0;
    std::uint64_t place = 0;
    std::optional<CoverCanvas> canvas;
  };

  std::string png(const CoverSpec& spec, Size& size) {
    const std::uint64_t place = ring_place(spec);
    if (!size.background || !size.canvas || size.color != spec.color || size.place != place) {
      // Both made again; the key last, so that a failure (out of memory)
      // leaves nothing a later cover could take for this background.
      size.background.reset();
      size.canvas.reset();
      size.background = draw_background(spec, size.width, size.height);
      size.canvas = *size.background;
      size.color = spec.color;
      size.place = place;
    } else {
      try {
        size.canvas->revert_to(*size.background);  // only the last cover's rows
      } catch (...) {
        size.canvas.reset();  // half reverted: copied whole next time
        throw;
      }
    }
    draw_text(*size.canvas, spec, font);
    return size.canvas->png();
  }

  Font font;
  Size og{k_og_width, k_og_height, {}, 0, 0, {}};
  Size card{k_card_width, k_card_height, {}, 0, 0, {}};
};

CoverPainter::CoverPainter(const std::string& font) : m_impl(std::make_unique<Impl>(font)) {}
CoverPainter::~CoverPainter() = default;
CoverPainter::CoverPainter(CoverPainter&&) noexcept = default;
CoverPainter& CoverPainter::operator=(CoverPainter&&) noexcept = default;

CoverPngs CoverPainter::render(const CoverSpec& spec) {
  return {m_impl->png(spec, m_impl->og), m_impl->png(spec, m_impl->card)};
}

std::uint64_t cover_background_key(const CoverSpec& spec) {
  return (std::uint64_t{spec.color} << 8) | ring_place(spec);
}

CoverPngs render_cover_pngs(const CoverSpec& spec, const std::string& font) {
  return CoverPainter(font).render(spec);
}

void write_covers(const Site& site, const std::string& font, BuildCache& cache, OutputSink& out, unsigned jobs,
                  const KnownCover& known) {
  if (font.empty()) {
    return;
  }
  const std::uint64_t font_hash = cover_font_hash(font);
  constexpr std::size_t k_site = static_cast<std::size_t>(-1);  // the site's own cover
  std::vector<std::size_t> owners = {k_site};
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    const Story& story = site.stories[i];
    if (!(story.cover && story.cover->published)) {
      owners.push_back(i);
    }
  }
  auto spec_of = [&](std::size_t owner) {
    return owner == k_site ? site_cover_spec(site) : story_cover_spec(site, site.stories[owner]);
  };
  // Names on every core (the live preview runs this on every edit, for
  // every story), then each file once: two stories with the same title,
  // levels and competences share their cover (card and og names differ
  // only in their suffix).
  std::vector<const PublishedImage*> images(owners.size(), nullptr);
  std::vector<PublishedImage> made(owners.size());
  util::parallel_for(owners.size(), std::max(1U, jobs), [&](std::size_t k) {
    if (known && owners[k] != k_site) {
      images[k] = known(owners[k]);
    }
    if (images[k] == nullptr) {
      made[k] = generated_cover(spec_of(owners[k]), font_hash);
      images[k] = &made[k];
    }
  });
  std::unordered_set<std::string_view> seen;
  seen.reserve(images.size());
  std::vector<std::size_t> unique;
  for (std::size_t k = 0; k < images.size(); ++k) {
    if (seen.insert(images[k]->og->url).second) {
      unique.push_back(k);
    }
  }
  // The inputs of a content-addressed file are its name (as in media.cpp).
  auto name_inputs = [](const std::string& url) { return util::hash64(url) | 1; };
  // First what is already there: a file in the output stays, one in the
  // cache is copied (the live preview stops here for all but the edited
  // story). The sizes left to draw are marked.
  enum : unsigned char { k_draw_card = 1, k_draw_og = 2 };
  std::vector<unsigned char> to_draw(unique.size(), 0);
  util::parallel_for(unique.size(), std::max(1U, jobs), [&](std::size_t u) {
    const std::size_t k = unique[u];
    for (const ImageVariant& variant : {images[k]->sizes.front(), *images[k]->og}) {
      const std::string path = variant.url.substr(1);
      if (out.reuse(path, name_inputs(variant.url))) {
        continue;
      }
      if (auto bytes = cache.read(variant.cache_name)) {
        out.write(path, *bytes, name_inputs(variant.url));
        continue;
      }
      to_draw[u] |= variant.width == k_og_width ? k_draw_og : k_draw_card;
    }
  });
  // Covers that share a background one after the other: each worker's
  // painter then draws it once for the run (the order changes no byte).
  // Only the order is kept (a spec for each of 100,000 covers would take
  // tens of megabytes): each spec is made again where it is drawn.
  struct Drawing {
    std::size_t u;
    std::uint64_t background;
  };
  std::vector<Drawing> drawings;
  for (std::size_t u = 0; u < unique.size(); ++u) {
    if (to_draw[u] != 0) {
      drawings.push_back({u, 0});
    }
  }
  util::parallel_for(drawings.size(), std::max(1U, jobs), [&](std::size_t d) {
    drawings[d].background = cover_background_key(spec_of(owners[unique[drawings[d].u]]));
  });
  std::stable_sort(drawings.begin(), drawings.end(),
                   [](const Drawing& a, const Drawing& b) { return a.background < b.background; });
  // One painter (font and glyph cache) per worker; below the search index's
  // writer, which runs beside the covers on a single thread
  // (util::Priority::background).
  std::vector<std::optional<CoverPainter>> painters(std::max(1U, jobs));
  util::parallel_for_worker(
      drawings.size(), std::max(1U, jobs),
      [&](std::size_t d, unsigned worker) {
        const std::size_t u = drawings[d].u;
        const std::size_t k = unique[u];
        const CoverSpec spec = spec_of(owners[k]);
        if (generated_cover(spec, font_hash).og->url != images[k]->og->url) {
          throw std::logic_error("a cover's name does not match what it shows: " + images[k]->og->url);
        }
        std::optional<CoverPainter>& painter = painters[worker];
        if (!painter) {
          painter.emplace(font);
        }
        const CoverPngs drawn = painter->render(spec);
        for (const ImageVariant& variant : {images[k]->sizes.front(), *images[k]->og}) {
          const bool og = variant.width == k_og_width;
          if ((to_draw[u] & (og ? k_draw_og : k_draw_card)) == 0) {
            continue;
          }
          const std::string path = variant.url.substr(1);
          const std::string& bytes = og ? drawn.og : drawn.card;
          out.write(path, bytes, name_inputs(variant.url));
          cache.put_linked(variant.cache_name, out.shared_path(path), bytes);
        }
      },
      util::Priority::background);
}

}  // namespace vetrina
