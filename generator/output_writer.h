#pragma once
// Writes a whole output tree atomically: files go into a fresh staging folder
// beside the target (same file system), and commit() swaps it with the target
// in one step (renameat2 RENAME_EXCHANGE), then deletes the old tree. Until
// commit() the target is untouched; a writer destroyed without commit()
// removes its staging folder. A file named README.md already in the target is
// carried over (public/README.md is tracked by Git). write() is thread-safe.

#include <atomic>
#include <string>
#include <string_view>

namespace vetrina {

class OutputWriter {
 public:
  // Creates the staging folder next to `target`; throws std::runtime_error
  // with a readable message when that is impossible.
  explicit OutputWriter(std::string target);
  ~OutputWriter();
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;

  // `relative` uses '/' and must stay inside the tree (no "..", no leading '/').
  // Throws std::runtime_error on I/O failure.
  void write(const std::string& relative, std::string_view content);

  // Swaps the staged tree into place. Throws std::runtime_error on failure,
  // leaving the target as it was.
  void commit();

  const std::string& staging_dir() const { return m_staging; }
  std::size_t files_written() const { return m_files.load(); }

 private:
  std::string m_target;
  std::string m_staging;
  bool m_committed = false;
  std::atomic<std::size_t> m_files{0};
};

// Atomically replaces directory `target` by `replacement` (both on the same
// file system); the old tree ends up at `replacement` when `keep_old`, else it
// is deleted. Throws std::runtime_error on failure.
void swap_directory(const std::string& replacement, const std::string& target, bool keep_old);

}  // namespace vetrina
