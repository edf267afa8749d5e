// PaperStore: the papers of one collection in columns. Strings live in a few large arenas
// (no per-paper allocations), so a hundred thousand papers load and sort quickly and the
// views can borrow string_views for as long as the store lives.
//
// A chunked collection (chunked.h) starts with the resident columns only: abstracts, links,
// external ids and the authors after the first few arrive later, a chunk of papers at a time
// (attach_details). Until then those accessors answer with what is known (no abstract, no
// links, the first authors); details_loaded(row) says which it is.
#pragma once
#include <cstdint>
#include <memory>
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
  void reserve_scaled(double scale) {
    reserve(static_cast<size_t>(ends_.size() * scale), static_cast<size_t>(bytes_.size() * scale));
  }
  // Appends strings [begin, end) of another column in one copy.
  void append_range(const StringColumn& from, uint32_t begin, uint32_t end);
  // [Internal] for decoders: the bytes of all strings and where each ends (checked by the
  // caller: ends ascending, the last one at bytes.size()).
  void assign(std::string bytes, std::vector<uint32_t> ends) {
    bytes_ = std::move(bytes);
    ends_ = std::move(ends);
  }
  const std::string& bytes() const { return bytes_; }

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

// Bits of PaperStore::flags: a link of each LinkKind (1 << kind), and an abstract.
constexpr uint8_t kFlagHasAbstract = 1u << 6;

class PaperStore {
 public:
  using Row = uint32_t;

  PaperStore();
  ~PaperStore();
  PaperStore(PaperStore&&) noexcept;
  PaperStore& operator=(PaperStore&&) noexcept;

  uint32_t size() const { return static_cast<uint32_t>(upvotes_.size()); }
  bool empty() const { return size() == 0; }

  // Appends a paper. Ids must be unique (the loader checks before calling).
  Row add(const PaperRecord& paper);
  // Rebuilds one paper as a record (for export and tests).
  PaperRecord record(Row row) const;

  // Rebuilding a store with a few papers changed, without taking every paper apart:
  // start from empty_like(), then append_rows() the runs of unchanged rows (copied column by
  // column) and add() the changed papers between them. The new store shares this one's
  // interned tags, id schemes and sources, so copied rows keep their indexes; it has room
  // reserved for a little more than this store holds.
  PaperStore empty_like() const;
  // Appends rows [begin, end) of `from`, which must not be chunked and must be the store
  // this one was made from by empty_like(). Their ids must not be in this store yet.
  void append_rows(const PaperStore& from, Row begin, Row end);

  std::string_view id(Row row) const { return ids_[row]; }
  std::string_view title(Row row) const { return titles_[row]; }
  // "" when there is none, or (chunked) when its chunk has not arrived: see has_abstract.
  std::string_view abstract(Row row) const {
    if (chunk_first_rows_.empty()) return abstracts_[row];
    const ChunkDetails* d = details(row);
    return d ? d->abstracts[row - d->first_row] : std::string_view();
  }
  std::string_view venue(Row row) const { return venues_[row]; }
  PaperDate date(Row row) const { return dates_[row]; }
  PaperDate featured(Row row) const { return featured_[row]; }
  int32_t upvotes(Row row) const { return upvotes_[row]; }
  // Link kinds and whether there is an abstract, known even before a chunk arrives.
  uint8_t flags(Row row) const { return flags_[row]; }
  bool has_code(Row row) const { return has_link_kind(row, LinkKind::kCode); }
  bool has_link_kind(Row row, LinkKind kind) const {
    return (flags_[row] >> static_cast<unsigned>(kind)) & 1u;
  }
  bool has_abstract(Row row) const { return (flags_[row] & kFlagHasAbstract) != 0; }

  uint32_t author_count(Row row) const { return author_counts_[row]; }
  // The names known: all of them, or (chunked, before the chunk arrives) the first few.
  uint32_t named_author_count(Row row) const {
    if (const ChunkDetails* d = chunk_first_rows_.empty() ? nullptr : details(row)) {
      return range_size(d->author_ends, row - d->first_row);
    }
    return range_size(author_ranges_, row);
  }
  std::string_view author(Row row, uint32_t i) const {
    if (const ChunkDetails* d = chunk_first_rows_.empty() ? nullptr : details(row)) {
      return d->author_names[range_begin(d->author_ends, row - d->first_row) + i];
    }
    return author_names_[author_refs_[range_begin(author_ranges_, row) + i]];
  }

  Span<TagRef> tags(Row row) const { return slice(tag_refs_, tag_ranges_, row); }
  std::string_view tag_value(uint32_t value) const { return tag_values_[value]; }
  uint32_t tag_value_count() const { return tag_values_.size(); }

  Span<LinkRef> links(Row row) const {
    if (chunk_first_rows_.empty()) return slice(link_refs_, link_ranges_, row);
    const ChunkDetails* d = details(row);
    return d ? slice(d->link_refs, d->link_ends, row - d->first_row) : Span<LinkRef>();
  }
  std::string_view link_url(const LinkRef& link) const {
    if (link.url < link_urls_.size()) return link_urls_[link.url];
    const ChunkDetails* d = details_holding(link.url, &ChunkDetails::link_base);
    return d ? d->link_urls[link.url - d->link_base] : std::string_view();
  }

  Span<ExternalIdRef> external_ids(Row row) const {
    if (chunk_first_rows_.empty()) return slice(external_id_refs_, external_id_ranges_, row);
    const ChunkDetails* d = details(row);
    return d ? slice(d->external_id_refs, d->external_id_ends, row - d->first_row)
             : Span<ExternalIdRef>();
  }
  std::string_view external_id_scheme(const ExternalIdRef& ref) const {
    if (ref.value < external_id_values_.size()) return schemes_[ref.scheme];
    const ChunkDetails* d = details_holding(ref.value, &ChunkDetails::external_id_base);
    return d ? d->schemes[ref.scheme] : std::string_view();
  }
  std::string_view external_id_value(const ExternalIdRef& ref) const {
    if (ref.value < external_id_values_.size()) return external_id_values_[ref.value];
    const ChunkDetails* d = details_holding(ref.value, &ChunkDetails::external_id_base);
    return d ? d->external_id_values[ref.value - d->external_id_base] : std::string_view();
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
  // Reserves room for `scale` times what every column holds now. A reader that has read a
  // sample of a big input reserves once instead of growing each column by doubling, which
  // copies it every time and, in wasm, leaves memory behind that is never given back.
  void reserve_scaled(double scale);

  //---------------------------------------------------------------------------
  // Chunked collections: details that arrive later, a chunk (a range of rows) at a time.

  // The details of the papers of one chunk: rows [first_row, first_row + rows). Links and
  // external ids get indexes above every earlier chunk's (link_base, external_id_base), so
  // a LinkRef or ExternalIdRef alone says where its text is.
  struct ChunkDetails {
    uint32_t first_row = 0, rows = 0;
    uint32_t link_base = 0, external_id_base = 0;  // set by attach_details
    StringColumn abstracts;
    StringColumn author_names;
    std::vector<uint32_t> author_ends;  // per row
    std::vector<LinkRef> link_refs;     // url: index into link_urls (attach adds link_base)
    std::vector<uint32_t> link_ends;
    StringColumn link_urls;
    std::vector<ExternalIdRef> external_id_refs;  // scheme: into schemes; value: into values
    std::vector<uint32_t> external_id_ends;
    StringColumn external_id_values;
    StringColumn schemes;
    size_t byte_size() const;
  };

  // Whether this store is a chunked collection's (then details arrive later).
  bool chunked() const { return !chunk_first_rows_.empty(); }
  // Whether a paper's abstract, links, external ids and full author list are here.
  bool details_loaded(Row row) const {
    return chunk_first_rows_.empty() || details(row) != nullptr;
  }
  uint32_t chunk_count() const { return static_cast<uint32_t>(chunk_first_rows_.size()); }
  // The chunk a row's details are in (chunked stores only).
  uint32_t chunk_of(Row row) const;
  uint32_t chunk_first_row(uint32_t chunk) const { return chunk_first_rows_[chunk]; }
  bool chunk_loaded(uint32_t chunk) const { return chunk_details_[chunk] != nullptr; }
  // Takes a chunk's details (checked by the caller to cover exactly the chunk's rows, with
  // no more names than each paper's author count). Views of earlier text stay valid.
  void attach_details(uint32_t chunk, std::unique_ptr<ChunkDetails> details);

 private:
  friend class ResidentDecoder;  // builds the resident columns of a chunked collection

  const ChunkDetails* details(Row row) const { return chunk_details_[chunk_of(row)].get(); }
  // The attached chunk whose index range (from its base) holds index.
  const ChunkDetails* details_holding(uint32_t index, uint32_t ChunkDetails::*base) const;

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
  std::vector<uint8_t> flags_;

  std::vector<uint32_t> author_counts_;
  StringColumn author_names_;          // each name once per paper, or interned (chunked)
  std::vector<uint32_t> author_refs_;  // per paper and name: into author_names_
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
  void rebuild_id_slots();

  // Chunked: the first row of each chunk (ascending, the first 0), each chunk's details once
  // they came, and the attached ones in the order of their bases.
  std::vector<uint32_t> chunk_first_rows_;
  std::vector<std::unique_ptr<ChunkDetails>> chunk_details_;
  std::vector<const ChunkDetails*> attached_;
  uint32_t next_link_base_ = 0, next_external_id_base_ = 0;
};

}  // namespace ps
