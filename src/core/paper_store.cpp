#include "core/paper_store.h"

#include "core/paper_ids.h"

namespace ps {

uint32_t StringColumn::push_back(std::string_view s) {
  bytes_.append(s.data(), s.size());
  ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  return static_cast<uint32_t>(ends_.size() - 1);
}

void PaperStore::reserve(size_t papers, size_t text_bytes) {
  ids_.reserve(papers, papers * 12);
  titles_.reserve(papers, papers * 90);
  abstracts_.reserve(papers, text_bytes);
  dates_.reserve(papers);
  featured_.reserve(papers);
  upvotes_.reserve(papers);
  has_code_.reserve(papers);
  author_counts_.reserve(papers);
  author_ranges_.reserve(papers);
  tag_ranges_.reserve(papers);
  link_ranges_.reserve(papers);
  external_id_ranges_.reserve(papers);
  source_ranges_.reserve(papers);
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
  has_code_.push_back(paper.has_code() ? 1 : 0);

  author_counts_.push_back(paper.effective_author_count());
  for (const std::string& name : paper.authors) author_names_.push_back(name);
  author_ranges_.push_back(author_names_.size());

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
  return ids_.byte_size() + titles_.byte_size() + abstracts_.byte_size() + venues_.byte_size() +
         (dates_.size() + featured_.size()) * sizeof(PaperDate) + upvotes_.size() * 4 +
         has_code_.size() + author_counts_.size() * 4 + author_names_.byte_size() +
         author_ranges_.size() * 4 + tag_refs_.size() * sizeof(TagRef) + tag_ranges_.size() * 4 +
         tag_values_.byte_size() + link_refs_.size() * sizeof(LinkRef) + link_ranges_.size() * 4 +
         link_urls_.byte_size() + external_id_refs_.size() * sizeof(ExternalIdRef) +
         external_id_ranges_.size() * 4 + external_id_values_.byte_size() +
         source_refs_.size() * 4 + source_ranges_.size() * 4 + source_names_.byte_size() +
         id_slots_.size() * 4;
}

}  // namespace ps
