#pragma once
// The output sink of the live preview (`vetrina serve --watch`): it keeps an
// output tree up to date in place, where OutputWriter stages a whole tree
// and swaps it. Each changed file is written atomically (temporary file +
// rename, so a server never sends half a page); a file whose inputs or bytes
// are unchanged is not written at all; finish() removes the files the last
// render did not make. It knows what the folder holds (its manifest), kept
// between renders in a hash map; a render marks what it made with the
// current generation, so finish() finds the rest without another map.
//
// reuse() and write() are thread-safe; begin() and finish() are not.

#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "generator/output/output_manifest.h"
#include "generator/output/output_writer.h"

namespace vetrina {

class InPlaceWriter final : public OutputSink {
 public:
  // `manifest` describes `root` as the last build left it.
  InPlaceWriter(std::string root, const OutputManifest& manifest);

  // A new render: nothing made yet.
  void begin();
  // Reads only (a shared lock): thousands of these run in parallel per render.
  bool reuse(const std::string& relative, std::uint64_t inputs) override;
  void write(const std::string& relative, std::string_view content, std::uint64_t inputs = 0) override;
  // Removes what this render did not make (and folders left empty); returns
  // how many files.
  std::size_t finish();

  OutputManifest manifest() const;
  std::size_t written() const { return m_written; }  // files written by this render

 private:
  struct Entry {
    OutputFile file;
    std::atomic<std::uint64_t> generation{0};  // of the last render that made or kept it
  };
  std::string m_root;
  std::shared_mutex m_mutex;
  std::unordered_map<std::string, Entry> m_files;
  std::uint64_t m_generation = 0;
  std::size_t m_written = 0;
};

}  // namespace vetrina
