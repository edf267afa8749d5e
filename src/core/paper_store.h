// PaperStore: the papers of one collection in columns. Strings live in a few large arenas
// (no per-paper allocations), so a hundred thousand papers load and sort quickly and the
// views can borrow string_views for as long as the store lives.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/paper.h"
#include "core/span.h"

namespace ps {

// Many strings in one buffer: string i is bytes [ends[i-1], ends[i]).
class StringColumn {
 public:
  uint32_t size() const { return static_cast<uint32_t>(ends_.size()); }
  std::string_view operator[](uint32_t i) const {
    const uint32_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(bytes_.data() + begin, ends_[i] - begin);
  }
  uint32_t push_back(std::string_view s);
  size_t byte_size() const { return bytes_.size() + ends_.size() * sizeof(uint32_t); }
  void reserve(size_t strings, size_t bytes) {
    ends_.reserve(strings);
    bytes_.reserve(bytes);
  }

 private:
  std::string bytes_;
  std::vector<uint32_t> ends_;
};

struct TagRef {
  TagKind kind;
  uint32_t value;  // index into PaperStore::tag_values()
};

struct LinkRef {
  LinkKind kind;
  uint32_t url;  // index into the link URL column
};

struct ExternalIdRef {
  uint32_t scheme;  // index into the interned scheme names
  uint32_t value;   // index into the external id value column
};

class PaperStore {
 public:
  using Row = uint32_t;

  uint32_t size() const { return static_cast<uint32_t>(upvotes_.size()); }
  bool empty() const { return size() == 0; }

  // Appends a paper. Ids must be unique (the loader checks before calling).
  Row add(const PaperRecord& paper);
  // Rebuilds one paper as a record (for export and tests).
  PaperRecord record(Row row) const;

  std::string_view id(Row row) const { return ids_[row]; }
  std::string_view title(Row row) const { return titles_[row]; }
  std::string_view abstract(Row row) const { return abstracts_[row]; }
  std::string_view venue(Row row) const { return venues_[row]; }
  PaperDate date(Row row) const { return dates_[row]; }
  PaperDate featured(Row row) const { return featured_[row]; }
  int32_t upvotes(Row row) const { return upvotes_[row]; }
  bool has_code(Row row) const { return has_code_[row] != 0; }

  uint32_t author_count(Row row) const { return author_counts_[row]; }
  uint32_t named_author_count(Row row) const { return range_size(author_ranges_, row); }
  std::string_view author(Row row, uint32_t i) const {
    return author_names_[range_begin(author_ranges_, row) + i];
  }

  Span<TagRef> tags(Row row) const { return slice(tag_refs_, tag_ranges_, row); }
  std::string_view tag_value(uint32_t value) const { return tag_values_[value]; }
  uint32_t tag_value_count() const { return tag_values_.size(); }

  Span<LinkRef> links(Row row) const { return slice(link_refs_, link_ranges_, row); }
  std::string_view link_url(const LinkRef& link) const { return link_urls_[link.url]; }

  Span<ExternalIdRef> external_ids(Row row) const {
    return slice(external_id_refs_, external_id_ranges_, row);
  }
  std::string_view external_id_scheme(const ExternalIdRef& ref) const {
    return schemes_[ref.scheme];
  }
  std::string_view external_id_value(const ExternalIdRef& ref) const {
    return external_id_values_[ref.value];
  }

  // Where a paper was read from (file names or URLs): indexes into source_name().
  Span<uint32_t> sources(Row row) const { return slice(source_refs_, source_ranges_, row); }
  std::string_view source_name(uint32_t source) const { return source_names_[source]; }
  uint32_t source_name_count() const { return source_names_.size(); }

  // The row of a stable id, or -1.
  int64_t find(std::string_view id) const;

  CollectionInfo info;

  size_t byte_size() const;
  void reserve(size_t papers, size_t text_bytes);

 private:
  // Per-row ranges into a flat array: row r owns [ends[r-1], ends[r]).
  static uint32_t range_begin(const std::vector<uint32_t>& ends, Row row) {
    return row ? ends[row - 1] : 0;
  }
  static uint32_t range_size(const std::vector<uint32_t>& ends, Row row) {
    return ends[row] - range_begin(ends, row);
  }
  template <class T>
  static Span<T> slice(const std::vector<T>& items, const std::vector<uint32_t>& ends, Row row) {
    const uint32_t begin = range_begin(ends, row);
    return Span<T>(items.data() + begin, items.data() + ends[row]);
  }
  uint32_t intern_tag(std::string_view value);
  uint32_t intern_scheme(std::string_view scheme);
  uint32_t intern_source(std::string_view source);

  StringColumn ids_, titles_, abstracts_, venues_;
  std::vector<PaperDate> dates_, featured_;
  std::vector<int32_t> upvotes_;
  std::vector<uint8_t> has_code_;

  std::vector<uint32_t> author_counts_;
  StringColumn author_names_;
  std::vector<uint32_t> author_ranges_;

  std::vector<TagRef> tag_refs_;
  std::vector<uint32_t> tag_ranges_;
  StringColumn tag_values_;
  std::unordered_map<std::string, uint32_t> tag_lookup_;

  std::vector<LinkRef> link_refs_;
  std::vector<uint32_t> link_ranges_;
  StringColumn link_urls_;

  std::vector<ExternalIdRef> external_id_refs_;
  std::vector<uint32_t> external_id_ranges_;
  StringColumn external_id_values_;
  StringColumn schemes_;

  // A collection has few sources (the files it was made from): interned.
  std::vector<uint32_t> source_refs_;
  std::vector<uint32_t> source_ranges_;
  StringColumn source_names_;
  std::unordered_map<std::string, uint32_t> source_lookup_;

  // Open addressing over rows, keyed by the id's hash: 4 bytes a slot, no copies of ids.
  std::vector<uint32_t> id_slots_;  // row + 1, or 0 when empty
  void insert_id_slot(Row row);
};

}  // namespace ps
