#include "core/paper_store.h"

#include <algorithm>

#include "core/paper_ids.h"

namespace ps {

PaperStore::PaperStore() = default;
PaperStore::~PaperStore() = default;
PaperStore::PaperStore(PaperStore&&) noexcept = default;
PaperStore& PaperStore::operator=(PaperStore&&) noexcept = default;

uint32_t StringColumn::push_back(std::string_view s) {
  bytes_.append(s.data(), s.size());
  ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  return static_cast<uint32_t>(ends_.size() - 1);
}

void StringColumn::append_range(const StringColumn& from, uint32_t begin, uint32_t end) {
  if (begin >= end) return;
  const uint32_t from_begin = begin ? from.ends_[begin - 1] : 0;
  const uint32_t from_end = from.ends_[end - 1];
  // Each end moves by the same amount (modulo 2^32: the sums fit).
  const uint32_t shift = static_cast<uint32_t>(bytes_.size()) - from_begin;
  bytes_.append(from.bytes_, from_begin, from_end - from_begin);
  for (uint32_t i = begin; i < end; ++i) ends_.push_back(from.ends_[i] + shift);
}

void PaperStore::reserve(size_t papers, size_t text_bytes) {
  ids_.reserve(papers, papers * 12);
  titles_.reserve(papers, papers * 90);
  abstracts_.reserve(papers, text_bytes);
  dates_.reserve(papers);
  featured_.reserve(papers);
  upvotes_.reserve(papers);
  flags_.reserve(papers);
  author_counts_.reserve(papers);
  author_ranges_.reserve(papers);
  tag_ranges_.reserve(papers);
  link_ranges_.reserve(papers);
  external_id_ranges_.reserve(papers);
  source_ranges_.reserve(papers);
}

void PaperStore::reserve_scaled(double scale) {
  auto vector = [scale](auto& column) {
    column.reserve(static_cast<size_t>(column.size() * scale));
  };
  for (StringColumn* column :
       {&ids_, &titles_, &abstracts_, &venues_, &author_names_, &link_urls_, &external_id_values_})
    column->reserve_scaled(scale);
  vector(dates_);
  vector(featured_);
  vector(upvotes_);
  vector(flags_);
  vector(author_counts_);
  vector(author_refs_);
  vector(author_ranges_);
  vector(tag_refs_);
  vector(tag_ranges_);
  vector(link_refs_);
  vector(link_ranges_);
  vector(external_id_refs_);
  vector(external_id_ranges_);
  vector(source_refs_);
  vector(source_ranges_);
}

uint32_t PaperStore::intern_tag(std::string_view value) {
  auto it = tag_lookup_.find(std::string(value));
  if (it != tag_lookup_.end()) return it->second;
  const uint32_t index = tag_values_.push_back(value);
  tag_lookup_.emplace(std::string(value), index);
  return index;
}

uint32_t PaperStore::intern_scheme(std::string_view scheme) {
  for (uint32_t i = 0; i < schemes_.size(); ++i) {
    if (schemes_[i] == scheme) return i;
  }
  return schemes_.push_back(scheme);
}

uint32_t PaperStore::intern_source(std::string_view source) {
  auto it = source_lookup_.find(std::string(source));
  if (it != source_lookup_.end()) return it->second;
  const uint32_t index = source_names_.push_back(source);
  source_lookup_.emplace(std::string(source), index);
  return index;
}

void PaperStore::insert_id_slot(Row row) {
  const size_t mask = id_slots_.size() - 1;
  size_t slot = fnv1a64(ids_[row]) & mask;
  while (id_slots_[slot] != 0) slot = (slot + 1) & mask;
  id_slots_[slot] = row + 1;
}

void PaperStore::rebuild_id_slots() {
  size_t slots = 64;
  while (slots < 2 * static_cast<size_t>(size())) slots *= 2;
  id_slots_.assign(slots, 0);
  for (Row r = 0; r < size(); ++r) insert_id_slot(r);
}

int64_t PaperStore::find(std::string_view id) const {
  if (id_slots_.empty()) return -1;
  const size_t mask = id_slots_.size() - 1;
  for (size_t slot = fnv1a64(id) & mask; id_slots_[slot] != 0; slot = (slot + 1) & mask) {
    const Row row = id_slots_[slot] - 1;
    if (ids_[row] == id) return row;
  }
  return -1;
}

PaperStore::Row PaperStore::add(const PaperRecord& paper) {
  const Row row = size();
  ids_.push_back(paper.id);
  titles_.push_back(paper.title);
  abstracts_.push_back(paper.abstract);
  venues_.push_back(paper.venue);
  dates_.push_back(paper.date);
  featured_.push_back(paper.featured);
  upvotes_.push_back(paper.upvotes);
  uint8_t flags = paper.abstract.empty() ? 0 : kFlagHasAbstract;
  for (const Link& link : paper.links)
    flags |= static_cast<uint8_t>(1u << static_cast<unsigned>(link.kind));
  flags_.push_back(flags);

  author_counts_.push_back(paper.effective_author_count());
  for (const std::string& name : paper.authors)
    author_refs_.push_back(author_names_.push_back(name));
  author_ranges_.push_back(static_cast<uint32_t>(author_refs_.size()));

  for (const Tag& tag : paper.tags) tag_refs_.push_back(TagRef{tag.kind, intern_tag(tag.value)});
  tag_ranges_.push_back(static_cast<uint32_t>(tag_refs_.size()));

  for (const Link& link : paper.links) {
    link_refs_.push_back(LinkRef{link.kind, link_urls_.push_back(link.url)});
  }
  link_ranges_.push_back(static_cast<uint32_t>(link_refs_.size()));

  for (const ExternalId& ext : paper.external_ids) {
    external_id_refs_.push_back(
        ExternalIdRef{intern_scheme(ext.scheme), external_id_values_.push_back(ext.value)});
  }
  external_id_ranges_.push_back(static_cast<uint32_t>(external_id_refs_.size()));

  for (const std::string& source : paper.sources) source_refs_.push_back(intern_source(source));
  source_ranges_.push_back(static_cast<uint32_t>(source_refs_.size()));

  // Keep the id table at most half full.
  if (id_slots_.size() < 2 * (static_cast<size_t>(row) + 1)) {
    id_slots_.assign(id_slots_.empty() ? 64 : id_slots_.size() * 2, 0);
    for (Row r = 0; r <= row; ++r) insert_id_slot(r);
  } else {
    insert_id_slot(row);
  }
  return row;
}

PaperStore PaperStore::empty_like() const {
  PaperStore out;
  out.tag_values_ = tag_values_;
  out.tag_lookup_ = tag_lookup_;
  out.schemes_ = schemes_;
  out.source_names_ = source_names_;
  out.source_lookup_ = source_lookup_;
  out.info = info;
  // A little more than this store holds: the changed papers added back are often longer
  // (a fold keeps the longer abstract, the union of tags and links), and one byte over a
  // reservation would copy a whole column.
  const auto more = [](size_t n) { return n + n / 32 + 64; };
  auto reserve_like = [&](auto& column, const auto& like) { column.reserve(more(like.size())); };
  auto reserve_strings = [&](StringColumn& column, const StringColumn& like) {
    column.reserve(more(like.size()), more(like.bytes().size()));
  };
  reserve_strings(out.ids_, ids_);
  reserve_strings(out.titles_, titles_);
  reserve_strings(out.abstracts_, abstracts_);
  reserve_strings(out.venues_, venues_);
  reserve_strings(out.author_names_, author_names_);
  reserve_strings(out.link_urls_, link_urls_);
  reserve_strings(out.external_id_values_, external_id_values_);
  reserve_like(out.dates_, dates_);
  reserve_like(out.featured_, featured_);
  reserve_like(out.upvotes_, upvotes_);
  reserve_like(out.flags_, flags_);
  reserve_like(out.author_counts_, author_counts_);
  reserve_like(out.author_refs_, author_refs_);
  reserve_like(out.author_ranges_, author_ranges_);
  reserve_like(out.tag_refs_, tag_refs_);
  reserve_like(out.tag_ranges_, tag_ranges_);
  reserve_like(out.link_refs_, link_refs_);
  reserve_like(out.link_ranges_, link_ranges_);
  reserve_like(out.external_id_refs_, external_id_refs_);
  reserve_like(out.external_id_ranges_, external_id_ranges_);
  reserve_like(out.source_refs_, source_refs_);
  reserve_like(out.source_ranges_, source_ranges_);
  return out;
}

namespace {

// Appends the per-row ranges of rows [begin, end) and the items they cover, each item
// passed through adjust (which moves indexes into columns that were appended too).
template <class T, class Adjust>
void append_ranged(std::vector<T>& items, std::vector<uint32_t>& ends, const std::vector<T>& from,
                   const std::vector<uint32_t>& from_ends, uint32_t begin, uint32_t end,
                   Adjust adjust) {
  const uint32_t first = begin ? from_ends[begin - 1] : 0;
  const uint32_t shift = static_cast<uint32_t>(items.size()) - first;
  for (uint32_t i = first; i < from_ends[end - 1]; ++i) items.push_back(adjust(from[i]));
  for (uint32_t row = begin; row < end; ++row) ends.push_back(from_ends[row] + shift);
}

}  // namespace

void PaperStore::append_rows(const PaperStore& from, Row begin, Row end) {
  if (begin >= end) return;
  const Row first_new = size();
  ids_.append_range(from.ids_, begin, end);
  titles_.append_range(from.titles_, begin, end);
  abstracts_.append_range(from.abstracts_, begin, end);
  venues_.append_range(from.venues_, begin, end);
  auto append_plain = [&](auto& column, const auto& source) {
    column.insert(column.end(), source.begin() + begin, source.begin() + end);
  };
  append_plain(dates_, from.dates_);
  append_plain(featured_, from.featured_);
  append_plain(upvotes_, from.upvotes_);
  append_plain(flags_, from.flags_);
  append_plain(author_counts_, from.author_counts_);

  // Authors, links and external id values: one string per item, pushed in row order by
  // add(), so a run of rows covers a run of strings, and their indexes move by one shift.
  auto append_with_strings = [&](auto& refs, std::vector<uint32_t>& ranges, StringColumn& strings,
                                 const auto& from_refs, const std::vector<uint32_t>& from_ranges,
                                 const StringColumn& from_strings, auto index_of) {
    const uint32_t first_ref = range_begin(from_ranges, begin);
    const uint32_t count = from_ranges[end - 1] - first_ref;
    const uint32_t first = count ? *index_of(from_refs[first_ref]) : 0;
    const uint32_t shift = strings.size() - first;
    strings.append_range(from_strings, first, first + count);
    append_ranged(refs, ranges, from_refs, from_ranges, begin, end, [&](auto ref) {
      *index_of(ref) += shift;
      return ref;
    });
  };
  append_with_strings(author_refs_, author_ranges_, author_names_, from.author_refs_,
                      from.author_ranges_, from.author_names_, [](auto& ref) { return &ref; });
  append_with_strings(link_refs_, link_ranges_, link_urls_, from.link_refs_, from.link_ranges_,
                      from.link_urls_, [](auto& ref) { return &ref.url; });
  append_with_strings(external_id_refs_, external_id_ranges_, external_id_values_,
                      from.external_id_refs_, from.external_id_ranges_, from.external_id_values_,
                      [](auto& ref) { return &ref.value; });
  // Tags and sources index interned tables this store shares with `from` (empty_like).
  const auto same = [](auto item) { return item; };
  append_ranged(tag_refs_, tag_ranges_, from.tag_refs_, from.tag_ranges_, begin, end, same);
  append_ranged(source_refs_, source_ranges_, from.source_refs_, from.source_ranges_, begin, end,
                same);

  if (id_slots_.size() < 2 * static_cast<size_t>(size())) {
    rebuild_id_slots();
  } else {
    for (Row row = first_new; row < size(); ++row) insert_id_slot(row);
  }
}

PaperRecord PaperStore::record(Row row) const {
  PaperRecord paper;
  paper.id = std::string(id(row));
  paper.title = std::string(title(row));
  paper.abstract = std::string(abstract(row));
  paper.venue = std::string(venue(row));
  paper.date = date(row);
  paper.featured = featured(row);
  paper.upvotes = upvotes(row);
  for (uint32_t i = 0; i < named_author_count(row); ++i) {
    paper.authors.emplace_back(author(row, i));
  }
  paper.author_count = author_count(row);
  for (const TagRef& tag : tags(row)) {
    paper.tags.push_back(Tag{tag.kind, std::string(tag_value(tag.value))});
  }
  for (const LinkRef& link : links(row)) {
    paper.links.push_back(Link{link.kind, std::string(link_url(link))});
  }
  for (const ExternalIdRef& ext : external_ids(row)) {
    paper.external_ids.push_back(
        ExternalId{std::string(external_id_scheme(ext)), std::string(external_id_value(ext))});
  }
  for (uint32_t source : sources(row)) paper.sources.emplace_back(source_name(source));
  return paper;
}

size_t PaperStore::byte_size() const {
  size_t details =
      chunk_first_rows_.size() * (4 + sizeof(void*)) + attached_.size() * sizeof(void*);
  for (const ChunkDetails* d : attached_) details += d->byte_size();
  return details + ids_.byte_size() + titles_.byte_size() + abstracts_.byte_size() +
         venues_.byte_size() + (dates_.size() + featured_.size()) * sizeof(PaperDate) +
         upvotes_.size() * 4 + flags_.size() + author_counts_.size() * 4 +
         author_names_.byte_size() + author_refs_.size() * 4 + author_ranges_.size() * 4 +
         tag_refs_.size() * sizeof(TagRef) + tag_ranges_.size() * 4 + tag_values_.byte_size() +
         link_refs_.size() * sizeof(LinkRef) + link_ranges_.size() * 4 + link_urls_.byte_size() +
         external_id_refs_.size() * sizeof(ExternalIdRef) + external_id_ranges_.size() * 4 +
         external_id_values_.byte_size() + source_refs_.size() * 4 + source_ranges_.size() * 4 +
         source_names_.byte_size() + id_slots_.size() * 4;
}

//-----------------------------------------------------------------------------
// Chunked collections
//-----------------------------------------------------------------------------

size_t PaperStore::ChunkDetails::byte_size() const {
  return sizeof(ChunkDetails) + abstracts.byte_size() + author_names.byte_size() +
         author_ends.size() * 4 + link_refs.size() * sizeof(LinkRef) + link_ends.size() * 4 +
         link_urls.byte_size() + external_id_refs.size() * sizeof(ExternalIdRef) +
         external_id_ends.size() * 4 + external_id_values.byte_size() + schemes.byte_size();
}

uint32_t PaperStore::chunk_of(Row row) const {
  // The last chunk starting at or before row (the first starts at 0).
  const auto it = std::upper_bound(chunk_first_rows_.begin(), chunk_first_rows_.end(), row);
  return static_cast<uint32_t>(it - chunk_first_rows_.begin()) - 1;
}

void PaperStore::attach_details(uint32_t chunk, std::unique_ptr<ChunkDetails> details) {
  if (chunk >= chunk_details_.size() || chunk_details_[chunk] || !details) return;
  // Global indexes: above the resident columns and every chunk attached before.
  if (attached_.empty()) {
    next_link_base_ = link_urls_.size();
    next_external_id_base_ = external_id_values_.size();
  }
  details->link_base = next_link_base_;
  details->external_id_base = next_external_id_base_;
  for (LinkRef& ref : details->link_refs) ref.url += next_link_base_;
  for (ExternalIdRef& ref : details->external_id_refs) ref.value += next_external_id_base_;
  next_link_base_ += details->link_urls.size();
  next_external_id_base_ += details->external_id_values.size();
  attached_.push_back(details.get());
  chunk_details_[chunk] = std::move(details);
}

const PaperStore::ChunkDetails* PaperStore::details_holding(uint32_t index,
                                                            uint32_t ChunkDetails::*base) const {
  // Bases grow in attach order: the last chunk whose base is at most index holds it.
  const auto it = std::upper_bound(attached_.begin(), attached_.end(), index,
                                   [&](uint32_t i, const ChunkDetails* d) { return i < d->*base; });
  return it == attached_.begin() ? nullptr : *(it - 1);
}

}  // namespace ps
