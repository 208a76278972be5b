#pragma once
// Writes a whole output tree atomically: files go into a fresh staging folder
// beside the target (same file system), and commit() swaps it with the target
// in one step (renameat2 RENAME_EXCHANGE), then deletes the old tree. Until
// commit() the target is untouched; a writer destroyed without commit()
// removes its staging folder. A file named README.md already in the target is
// carried over (public/README.md is tracked by Git). With the manifest of the
// previous build, unchanged files are kept rather than written (see below).
//
// The spare tree: instead of deleting the old tree after the swap, an
// incremental writer keeps it beside the target as ".<name>.spare" (mostly
// hard links to the same files), and the next build stages into it rather
// than into a fresh folder: only files that changed are replaced and only
// new folders made. Making ten thousand folders and deleting them again is
// what a rebuild would otherwise spend its time on. The spare is trusted
// only with its manifest (the target's manifest of the build before); it is
// renamed to the staging name while in use, so a build that dies leaves no
// spare to trust. Deleting it is always safe.
//
// A target that is a symbolic link stays one: the writer works on the folder
// it points to (staging, spare and swap beside that folder), so a web root
// linked as public/ receives every build. A link to no folder is an error.
//
// reuse() and write() are thread-safe.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "generator/output/output_manifest.h"

namespace vetrina {

// Where rendered files go: the staged tree of a build (OutputWriter) or the
// live preview folder of `vetrina serve --watch`. Both methods are
// thread-safe in every implementation.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // True when the sink already holds `relative` made from inputs with this
  // fingerprint (renderer.h RenderInputs) and keeps it: the caller need not
  // make it. Always false for inputs == 0 (unknown).
  virtual bool reuse(const std::string& relative, std::uint64_t inputs) = 0;
  // `relative` uses '/' and must stay inside the tree (no "..", no leading
  // '/'); `inputs` as for reuse() (0 = unknown). Throws std::runtime_error
  // on I/O failure.
  virtual void write(const std::string& relative, std::string_view content, std::uint64_t inputs = 0) = 0;
  // Where the file `relative`, just written or kept, can be read or
  // hard-linked from now (a file no one writes into again), or empty when
  // the sink has no such file to share.
  virtual std::string shared_path(const std::string& /*relative*/) { return {}; }
};

class OutputWriter final : public OutputSink {
 public:
  // Creates the staging folder next to `target`; throws std::runtime_error
  // with a readable message when that is impossible. Every file is written.
  explicit OutputWriter(std::string target);
  // Incremental: `previous` describes the target as the last build left it,
  // `spare` the spare tree beside it (see above; empty: none). A file whose
  // inputs (reuse) or bytes (write) are unchanged, and which is still the
  // file the manifest describes, is not written but hard-linked from the
  // target into the staged tree at commit(): same inode, same mtime.
  OutputWriter(std::string target, OutputManifest previous, OutputManifest spare = {});
  ~OutputWriter() override;
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;

  bool reuse(const std::string& relative, std::uint64_t inputs) override;
  void write(const std::string& relative, std::string_view content, std::uint64_t inputs = 0) override;
  // The staged file (a new inode, never written into again: see above), or
  // the target's when it is kept.
  std::string shared_path(const std::string& relative) override;

  // True when committing would change nothing: no file written, every file
  // of the previous manifest kept, and the target holds no other file
  // (a README.md at its top aside). Then the caller may skip commit().
  bool unchanged() const;

  // Links the kept files in and swaps the staged tree into place; the old
  // tree becomes the spare (incremental writers) or is deleted. Throws
  // std::runtime_error on failure, leaving the target as it was.
  void commit();

  const std::string& staging_dir() const { return m_staging; }
  // The tree's manifest (complete once every file was written or kept).
  const OutputManifest& manifest() const { return m_manifest; }
  // What the spare tree holds after commit() (empty: no spare).
  const OutputManifest& spare_manifest() const { return m_spare_after; }
  // ".<name>.spare" beside `target`.
  static std::string spare_dir(const std::string& target);
  std::size_t files_written() const { return m_files.load(); }    // written or kept
  std::size_t files_changed() const { return m_changed.load(); }  // written: new or other bytes

 private:
  // `target` without trailing '/', or the folder it links to.
  static std::string resolve_target(std::string target);
  void make_staging(bool use_spare, OutputManifest spare);
  void keep(const std::string& relative, const OutputFile& file);
  void make_parent(const std::string& path);

  std::string m_target;
  std::string m_staging;
  bool m_committed = false;
  bool m_incremental = false;
  bool m_fresh = false;  // the staging folder was made empty (not the spare): files are written in place
  OutputManifest m_previous;
  OutputManifest m_staged;       // what the staging folder held when it was the spare
  OutputManifest m_spare_after;  // what the spare holds after commit()
  OutputManifest m_manifest;
  std::set<std::string> m_kept;  // to link from the target at commit()
  std::mutex m_mutex;            // m_manifest, m_kept
  std::atomic<std::size_t> m_files{0};
  std::atomic<std::size_t> m_changed{0};
};

// Atomically replaces directory `target` by `replacement` (both on the same
// file system); the old tree ends up at `replacement` when `keep_old`, else it
// is deleted. Throws std::runtime_error on failure.
void swap_directory(const std::string& replacement, const std::string& target, bool keep_old);

// "/esperienze/x/" -> "esperienze/x/index.html"; "/404.html" -> "404.html".
std::string output_path(const std::string& url);

}  // namespace vetrina
