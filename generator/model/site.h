#pragma once
// The content graph (ninja's State): the site's configuration, its controlled
// vocabularies, its stories and pages, and the indexes between them (which
// stories carry which taxonomy term). Built once by content_loader, checked by
// validator, then read-only: pages, feeds and the search index are all derived
// from it, so every later stage (search, awards, media, preview) shares one
// model. Read-only use from many threads is safe.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "generator/model/stats.h"
#include "generator/util/diagnostics.h"
#include "generator/util/packed_text.h"

namespace vetrina {

// The longest story slug and taxonomy term id, in bytes: both become search
// index terms (with a short prefix), and Xapian refuses terms over 245 bytes.
// check reports longer ones, so build never meets Xapian's "Key too long".
inline constexpr std::size_t k_max_id_bytes = 200;

struct MenuItem {
  std::string label;
  std::string url;
  Location location;  // of the url, for broken-link errors
};

// Safety limits for photos editors upload (site.yaml `image_limits`).
struct ImageLimits {
  std::uint64_t max_bytes = 25ULL * 1024 * 1024;  // file size
  std::uint64_t max_pixels = 50'000'000;          // width x height, read from the header before decoding
};

// Size limits for the other files of the content (site.yaml `file_limits`),
// checked with fstat before a byte is read. site.yaml, taxonomies.yaml and
// the data files (stats, awards, events) always use the built-in 8 MB limit.
struct FileSizeLimits {
  std::uint64_t max_text_bytes = 8ULL * 1024 * 1024;    // a story's index.md, a page
  std::uint64_t max_file_bytes = 256ULL * 1024 * 1024;  // a local video, a file linked from a story
};

// content/site.yaml. Defaults are the values a field takes when absent.
struct SiteConfig {
  std::string title;        // required
  std::string description;  // required
  std::string intro;        // home page paragraph; default none
  std::string base_url;     // required, absolute, no trailing slash
  std::string language = "it";
  std::string publisher;      // required
  std::string contact_email;  // footer contact; default none
  int per_page = 12;          // stories per list page, 1..100
  int feed_items = 20;        // entries of /feed.xml, 1..1000
  std::vector<int> image_widths = {480, 960, 1600};
  ImageLimits image_limits;
  FileSizeLimits file_limits;
  std::vector<MenuItem> main_menu;
  std::vector<MenuItem> footer_menu;
  std::vector<Located<std::string>> featured;  // story slugs shown first on the home page
};

struct Term {
  std::string id;
  std::string label;
  std::string description;
  std::vector<std::string> aliases;  // other names visitors type ("Quality Label"); search only
  // Partner countries: a city's local name -> its Italian name ("Sevilla" -> "Siviglia"); search only.
  std::vector<std::pair<std::string, std::string>> cities;
};

// One controlled vocabulary of content/taxonomies.yaml.
struct Taxonomy {
  std::string id;      // livello, competenza, ...
  std::string field;   // front matter field it comes from (documentation, messages)
  std::string label;   // singular
  std::string plural;  // title of the term list page
  std::string description;
  std::string segment;      // URL: /esperienze/<segment>/<term>/
  std::string param;        // query parameter
  std::vector<Term> terms;  // in display order
  std::unordered_map<std::string, std::size_t> term_index;

  const Term* find(const std::string& term_id) const;
  std::vector<std::string> term_ids() const;
};

// The taxonomies the code knows, in display order. Their ids and sources are
// fixed by DESIGN.md; labels and terms come from taxonomies.yaml.
enum class TaxonomyId { livello, competenza, disciplina, tipo, regione, paese, tema, metodo, strumento, premio };
inline constexpr std::size_t k_taxonomy_count = 10;

struct TaxonomySpec {
  TaxonomyId id;
  const char* name;   // "livello"
  const char* field;  // "levels"
};
const std::array<TaxonomySpec, k_taxonomy_count>& taxonomy_specs();

struct Partner {
  std::string school;
  std::string city;
  Located<std::string> country;  // lowercase ISO code
  bool operator==(const Partner&) const = default;
};

// The words that mark an invented example story wherever it appears (card,
// page, search result, feed entry).
inline constexpr const char* k_example_notice = "Storia di esempio: scuola, persone e dettagli sono inventati";

// Where a fact of a story comes from: a document and the place in it, or a
// web address (front matter `sources`).
struct Source {
  std::string title;  // "Rapporto di attività eTwinning Italia 2014-2020"; may be empty for a bare URL
  std::string where;  // "p. 12", "slide 31"; optional when url is given
  std::string url;    // http(s) address; optional when where is given
  Location location;
  bool operator==(const Source&) const = default;
};

struct Interview {
  std::string role;  // docente | dirigente | alunno | genitore
  std::string name;
  std::string quote;
  Location location;
  // Optional `section`: a `##` heading of the story's body, by its text or its
  // anchor ("Attività svolte" or "attivita-svolte"); empty when not given.
  Located<std::string> section;
  // Filled by the renderer's Markdown pass: where in body_html the pull quote
  // goes (the end of its section); nullopt without a section or when the
  // section names no heading (an error then).
  std::optional<std::size_t> body_offset;
  bool operator==(const Interview&) const = default;
};

// One published size of a photo.
struct ImageVariant {
  int width = 0;
  int height = 0;
  std::string url;         // /media/<hash>-<width>.<ext>
  std::string cache_name;  // its file in the build cache
  bool operator==(const ImageVariant&) const = default;
};

// A photo after the image pipeline: its sizes, smallest first.
struct PublishedImage {
  int width = 0;  // upright size of the source
  int height = 0;
  std::vector<ImageVariant> sizes;
  std::optional<ImageVariant> og;  // 1200x630 crop (covers only)
  bool operator==(const PublishedImage&) const = default;
};

struct ImageRef {
  Located<std::string> src;
  std::string alt;
  std::string credit;
  bool minors = false;
  bool consent = false;
  Location location;
  std::optional<PublishedImage> published;  // filled by the media phase
  bool operator==(const ImageRef&) const = default;
};

struct VideoRef {
  std::string youtube;  // id, or empty
  std::string src;      // local file, or empty
  std::string poster;
  std::string title;
  bool minors = false;   // the video or its poster shows pupils
  bool consent = false;  // the families' liberatoria is on file
  Location location;
  std::optional<PublishedImage> poster_image;  // filled by the media phase
  std::string published_url;                   // /media/<hash>.mp4 for local files
  bool operator==(const VideoRef&) const = default;
};

// What a story received, computed from the award files (awards.h) and its
// own quality_labels: the award files are the one source of prizes.
enum class AwardKind { national_prize, special_mention, european_prize };

struct Recognition {
  int year = 0;
  AwardKind kind = AwardKind::national_prize;
  std::string category;  // prize category id (national prizes; may be empty otherwise)
  std::string name;      // European prize name, e.g. "European eTwinning Prize, age 12-15"
  bool operator==(const Recognition&) const = default;
};

// A project named in an award file that has no story page (yet).
struct AwardProject {
  std::string title;
  std::string school;
  std::string city;
};

// One line of an award file.
struct AwardEntry {
  AwardKind kind = AwardKind::national_prize;
  Located<std::string> category;  // required for national prizes
  Located<std::string> story;     // slug, or empty when `project` is given
  std::optional<AwardProject> project;
  std::string name;  // European prizes
  Location location;
};

struct QualityLabelCounts {
  Located<long long> applications;
  Located<long long> national;
  Located<long long> european;
};

// content/awards/<year>.yaml
struct AwardYear {
  int year = 0;  // from the file name; `year:` in the file must agree
  std::string source_path;
  Located<long long> year_field;
  std::string note;                 // shown on the year's page (e.g. "example entries")
  std::string source;               // where the figures come from, shown under them
  Located<bool> example;            // demonstration prizes: marked on the pages, refused by --production
  std::vector<AwardEntry> entries;  // national prizes, special mentions, European prizes, each in file order
  std::optional<QualityLabelCounts> quality_labels;
  std::string url() const { return "/premi/" + std::to_string(year) + "/"; }
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string iso() const;  // YYYY-MM-DD
  auto operator<=>(const Date&) const = default;
};

// content/events.yaml: a conference, fair or festival.
struct Event {
  std::string type;  // "Conferenza nazionale", "Fiera", ...
  std::string title;
  std::string place;  // "Firenze", "Online"
  Located<Date> start;
  std::optional<Located<Date>> end;              // several-day events
  std::optional<Located<long long>> award_year;  // the national prizes given there
  std::string description;
  Location location;
};

struct Story {
  std::string slug;
  std::string source_path;  // content/stories/<slug>/index.md
  std::string folder;       // content/stories/<slug>
  Location slug_location;

  Located<std::string> title;
  Located<std::string> summary;
  Located<Date> date;
  Located<std::string> school_year;  // "2012/2013"
  Located<std::string> project_type;
  std::string school_name;
  std::string city;
  Located<std::string> region;
  Location school_location;  // the value of `school:` (its first field)
  std::vector<std::string> teachers;
  Location teachers_location;
  std::vector<Partner> partners;
  Location partners_location;
  std::optional<Located<long long>> national_label;
  std::optional<Located<long long>> european_label;
  Location quality_labels_location;
  Located<std::string> twinspace;
  std::optional<ImageRef> cover;
  std::vector<ImageRef> gallery;
  std::vector<VideoRef> videos;
  std::vector<Interview> interviews;
  bool draft = false;
  // An invented story: marked on every page that shows it, refused by --production.
  Located<bool> example;
  std::vector<Source> sources;  // a story about a real project cites them
  Location sources_location;

  // Filled from the award files (attach_awards): prizes, mentions, European prizes.
  std::vector<Recognition> recognitions;

  // Term ids per taxonomy (index = TaxonomyId), located for validation.
  std::array<std::vector<Located<std::string>>, k_taxonomy_count> terms;

  util::PackedText body;  // Markdown, packed like the rendered body below
  int body_line = 1;      // file line of the body's first line

  // Filled by the renderer's Markdown pass.
  // Kept packed (util/packed_text.h): every story holds them until its pages
  // and search document are made (100,000 stories within 2 GiB).
  util::PackedText body_html;
  util::PackedText body_text;             // plain text, for search and descriptions
  std::vector<std::string> files;         // files of the folder the body links to, copied beside the page
  std::vector<std::string> linked_slugs;  // stories the body links to, found or not (incremental rebuilds)
  // Adding a field? Also list it in story_codec.cpp (visit_fields): the parsed-story cache and page fingerprints.

  const std::vector<Located<std::string>>& terms_of(TaxonomyId id) const { return terms[static_cast<std::size_t>(id)]; }
  std::string url() const { return "/esperienze/" + slug + "/"; }
  bool operator==(const Story&) const = default;
};

struct Page {
  std::string slug;
  std::string source_path;
  Location slug_location;
  std::string title;
  std::string description;
  bool draft = false;
  std::string body;
  int body_line = 1;
  std::string body_html;
  std::string url() const { return "/" + slug + "/"; }
};

struct Site {
  std::string content_dir;
  SiteConfig config;
  std::array<Taxonomy, k_taxonomy_count> taxonomies;
  std::vector<Story> stories;     // newest first (date desc, then slug)
  std::vector<Page> pages;        // by slug
  std::vector<AwardYear> awards;  // newest year first
  std::vector<Event> events;      // oldest first
  std::string events_path;        // content/events.yaml when present

  // stories_by_term[taxonomy][term id] = indexes into `stories`, newest first.
  std::array<std::map<std::string, std::vector<std::size_t>>, k_taxonomy_count> stories_by_term;
  std::unordered_map<std::string, std::size_t> story_index;  // slug -> index
  // Stories that exist as folders but are not published: drafts, and stories
  // whose front matter has errors (reported already). Links to them are not
  // "missing story" errors: the first gets its own message, the second none.
  std::vector<std::string> draft_slugs;
  std::vector<std::string> broken_slugs;
  StatsCatalog stats;  // content/stats/: the datasets of /numeri/ (stats.h)

  const Taxonomy& taxonomy(TaxonomyId id) const { return taxonomies[static_cast<std::size_t>(id)]; }
  const Story* find_story(const std::string& slug) const;
  // Every story's slug, sorted: the candidates of a "did you mean" hint.
  // Made on demand (only messages need it).
  std::vector<std::string> sorted_slugs() const;
  // Sorts stories and builds the indexes above; call after loading.
  void index();
};

}  // namespace vetrina
