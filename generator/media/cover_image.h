#pragma once
// Generated covers: every story without a cover photo still gets a picture,
// drawn at build time from what the story is (its title, its school level's
// colour, its key competences) in the theme's font (fonts/cover.ttf, read
// with stb_truetype) and encoded as a palette PNG (cover_canvas.h). Two sizes: the
// 1200x630 Open Graph image (link previews) and a 600x315 one for cards. The
// site itself gets one too (home and list pages). Like the photos under
// /media/, names are content-addressed (a hash of what the cover shows, the
// font and the drawing version), so a rebuild that finds a name in the
// output or in the build cache draws nothing.
//
// Pure functions; write_covers() renders in parallel and is the only one
// that touches the cache and the output.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "generator/media/build_cache.h"
#include "generator/model/site.h"
#include "generator/output/output_writer.h"

namespace vetrina {

// What a generated cover shows.
struct CoverSpec {
  std::string kicker;              // small line above the title ("Scuola primaria · 2019/2020")
  std::string title;               // the story's title, wrapped on up to four lines
  std::vector<std::string> chips;  // key competences, drawn as outlined chips
  std::uint32_t color = 0x0066cc;  // background (0xRRGGBB); white text on it is >= 4.5:1
  std::uint64_t seed = 0;          // places the decorative rings
};

// The background colour of a school level ("primaria" ...); other ids get a
// neutral dark blue-grey.
std::uint32_t level_color(const std::string& level_id);

CoverSpec story_cover_spec(const Site& site, const Story& story);
CoverSpec site_cover_spec(const Site& site);

// The published sizes of the cover `spec` drawn with a font whose bytes hash
// to `font_hash`: sizes = {600x315 PNG}, og = the 1200x630 PNG. Only names:
// nothing is drawn.
PublishedImage generated_cover(const CoverSpec& spec, std::uint64_t font_hash);
// The `font_hash` of a font file for generated_cover(): never 0 (0 means
// "no generated covers" to the views). Views and write_covers() must agree.
std::uint64_t cover_font_hash(const std::string& font);

// Equal for covers whose background (colour and the rings' place) is the
// same: an order for drawing many covers with one CoverPainter.
std::uint64_t cover_background_key(const CoverSpec& spec);

// The PNGs of a generated cover: the 1200x630 Open Graph image and the
// 600x315 card image (the same picture drawn at half size: the layout
// scales with the width).
struct CoverPngs {
  std::string og;
  std::string card;
};

// Draws covers in one font, keeping each glyph it rasterises (per size and
// quarter-pixel position) for the next cover: most covers share their
// kicker, chips and most letters of their title. It also keeps the last
// background (colour and rings) it drew: covers with the same
// cover_background_key() drawn one after the other share it. One per thread.
class CoverPainter {
 public:
  // Throws std::runtime_error when `font` is not a TrueType font.
  explicit CoverPainter(const std::string& font);
  CoverPainter(const CoverPainter&) = delete;
  CoverPainter& operator=(const CoverPainter&) = delete;
  CoverPainter(CoverPainter&&) noexcept;
  CoverPainter& operator=(CoverPainter&&) noexcept;
  ~CoverPainter();

  // The PNGs of `spec`: the same bytes whatever was drawn before.
  CoverPngs render(const CoverSpec& spec);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The PNGs of `spec` (a painter for one cover). Throws std::runtime_error
// when `font` is not a TrueType font.
CoverPngs render_cover_pngs(const CoverSpec& spec, const std::string& font);

// Writes the generated cover of every story without a published cover photo,
// and the site's, into `out` (reuse by name first, then the cache, else
// drawn and cached). Nothing when `font` is empty. Throws on I/O failure or
// a bad font. `known`, when given, returns the names already made for
// site.stories[i] (the views' covers, which the pages link to), or null:
// the live preview then does not make 10,000 names again on every edit.
using KnownCover = std::function<const PublishedImage*(std::size_t story_index)>;
void write_covers(const Site& site, const std::string& font, BuildCache& cache, OutputSink& out, unsigned jobs,
                  const KnownCover& known = {});

}  // namespace vetrina
