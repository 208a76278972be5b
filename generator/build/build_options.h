#pragma once
// What a build is asked to do: where content, theme, output, index and cache
// live, and the flags of `vetrina build`. A plain struct; each field documents
// its default.

#include <string>

namespace vetrina {

struct BuildOptions {
  std::string content_dir = "content";
  std::string theme_dir = "themes/etwinning";
  std::string out_dir = "public";
  std::string index_dir = ".vetrina/index";  // the Xapian index (search/indexer.h)
  std::string cache_dir = ".vetrina/cache";  // resized photos, parsed stories, output manifests (docs/architecture.md)
  bool include_drafts = false;               // --drafts
  bool production = false;    // --production: refuse example stories and award years (validate_production)
  unsigned jobs = 0;          // 0 = one per hardware thread
  bool write_cache = true;    // false for `vetrina check`: photos are checked, nothing is written
  unsigned index_shards = 0;  // also write <index>-shard-<i> (i < N) for xapian-tcpsrv (docs/deploy.md)
};

}  // namespace vetrina
