#pragma once
// A table of words to values for the indexer's per-word lookups (the stem
// memo of text_indexer.h, the spelling counts of document_maker.h): a
// story's ~750 words are each looked up in both, and std::unordered_map's
// node, its second hash and its string comparisons were most of that.
// Open addressing (linear probing, at most half full) over a deque of
// entries, which stay put: a reference to an entry lives until clear().
// The hash (util::hash64, XXH3) is seeded at random per table, so words
// chosen to collide cannot be prepared in advance. Iteration is in the
// order the words were added, whatever the seed. One table per thread.

#include <cstdint>
#include <deque>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generator/util/hash.h"

namespace vetrina::search {

template <typename Value>
class WordTable {
 public:
  struct Entry {
    std::string word;
    Value value;
  };

  WordTable() : WordTable(std::random_device{}()) {}
  // With a fixed seed (tests).
  explicit WordTable(std::uint64_t seed) : m_slots(k_first_size), m_seed(seed) {}
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;
  // A table moved from is empty and usable.
  WordTable(WordTable&& other)
      : m_entries(std::move(other.m_entries)), m_slots(std::move(other.m_slots)), m_seed(other.m_seed) {
    other.clear();
  }
  WordTable& operator=(WordTable&& other) {
    m_entries = std::move(other.m_entries);
    m_slots = std::move(other.m_slots);
    m_seed = other.m_seed;
    other.clear();
    return *this;
  }
  ~WordTable() = default;

  // The entry of `word`, or nullptr.
  Entry* find(std::string_view word) {
    const std::uint64_t hash = util::hash64(word, m_seed);
    const std::size_t at = place(hash, word);
    return m_slots[at].entry == k_none ? nullptr : &m_entries[m_slots[at].entry];
  }
  // The entry of `word`, added with `value` when new.
  Entry& add(std::string_view word, Value value) {
    const std::uint64_t hash = util::hash64(word, m_seed);
    std::size_t at = place(hash, word);
    if (m_slots[at].entry != k_none) {
      return m_entries[m_slots[at].entry];
    }
    if (m_entries.size() >= k_none) {
      throw std::length_error("word table: more than 2^32 - 1 words");
    }
    if (2 * (m_entries.size() + 1) > m_slots.size()) {
      grow();
      at = place(hash, word);
    }
    Entry& entry = m_entries.emplace_back(Entry{std::string(word), std::move(value)});
    m_slots[at] = {hash, static_cast<std::uint32_t>(m_entries.size() - 1)};
    return entry;
  }
  std::size_t size() const { return m_entries.size(); }
  // Empties the table and gives its memory back.
  void clear() {
    m_entries.clear();
    m_entries.shrink_to_fit();
    std::vector<Slot>(k_first_size).swap(m_slots);
  }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }

 private:
  static constexpr std::uint32_t k_none = 0xffffffffU;
  static constexpr std::size_t k_first_size = 1024;  // a power of two
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = k_none;
  };

  // The slot holding `word`, or the empty one where it would go.
  std::size_t place(std::uint64_t hash, std::string_view word) const {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t at = hash & mask;
    for (; m_slots[at].entry != k_none; at = (at + 1) & mask) {
      if (m_slots[at].hash == hash && m_entries[m_slots[at].entry].word == word) {
        break;
      }
    }
    return at;
  }
  void grow() {
    std::vector<Slot> slots(2 * m_slots.size());
    const std::size_t mask = slots.size() - 1;
    for (const Slot& slot : m_slots) {
      if (slot.entry == k_none) {
        continue;
      }
      std::size_t at = slot.hash & mask;
      while (slots[at].entry != k_none) {
        at = (at + 1) & mask;
      }
      slots[at] = slot;
    }
    m_slots = std::move(slots);
  }

  std::deque<Entry> m_entries;
  std::vector<Slot> m_slots;
  std::uint64_t m_seed;
};

}  // namespace vetrina::search
