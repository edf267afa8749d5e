// Chunked collections, writing: the chunks, the resident part (with the index built for
// it) and the manifest. docs/bundle-format.md ("Chunked collections") describes every byte.
#include <algorithm>
#include <unordered_map>

#include "core/chunked.h"
#include "core/chunked_format.h"
#include "core/json_read.h"

namespace ps {

using namespace chunked_format;

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

namespace {

// Strings by value, each once: table index in order of first use.
class Interner {
 public:
  explicit Interner(bool empty_first = false) {
    if (empty_first) intern("");
  }
  uint32_t intern(std::string_view s) {
    auto it = lookup_.find(s);
    if (it != lookup_.end()) return it->second;
    const uint32_t index = static_cast<uint32_t>(values_.size());
    values_.push_back(s);
    lookup_.emplace(s, index);
    return index;
  }
  const std::vector<std::string_view>& values() const { return values_; }

 private:
  std::vector<std::string_view> values_;  // views into the store, which outlives this
  std::unordered_map<std::string_view, uint32_t> lookup_;
};

// A string block: count, total bytes, each length, then the bytes back to back.
template <class Get>
void put_strings(ByteWriter& w, size_t count, Get&& get) {
  uint64_t total = 0;
  for (size_t i = 0; i < count; ++i) total += get(i).size();
  w.varint(count);
  w.varint(total);
  for (size_t i = 0; i < count; ++i) w.varint(get(i).size());
  for (size_t i = 0; i < count; ++i) w.bytes(get(i));
}

void put_strings(ByteWriter& w, const std::vector<std::string_view>& values) {
  put_strings(w, values.size(), [&](size_t i) { return values[i]; });
}

std::string encode_resident(const PaperStore& store, const SearchIndex& index, uint32_t chunk_count,
                            const ChunkedOptions& options, ChunkedStats* stats) {
  const uint32_t n = store.size();
  ByteWriter sections[kSectionCount];

  {  // HEAD
    ByteWriter& w = sections[kHead];
    w.varint(n);
    w.varint(index.word_count());
    w.varint(chunk_count);
    w.u8(static_cast<uint8_t>(index.word_width()));
    w.u8(index.indexed_fields());
    w.u8(static_cast<uint8_t>(options.resident_authors));
    w.u8(0);
    for (size_t f = 0; f < kFieldSlots; ++f)
      w.f32(index.average_field_length(static_cast<FieldSlot>(f)));
    w.varint(index.posting_count());
    w.varint(index.word_occurrences());
  }
  put_strings(sections[kIds], n, [&](size_t r) { return store.id(static_cast<uint32_t>(r)); });
  put_strings(sections[kTitles], n,
              [&](size_t r) { return store.title(static_cast<uint32_t>(r)); });
  for (uint32_t r = 0; r < n; ++r) {
    sections[kDates].varint(pack_date(store.date(r)));
    sections[kDates].varint(pack_date(store.featured(r)));
    sections[kUpvotes].varint(zigzag(store.upvotes(r)));
    sections[kFlags].u8(store.flags(r));
  }
  {  // VENU: the distinct venues ("" first), then each paper's
    Interner venues(true);
    std::vector<uint32_t> refs(n);
    for (uint32_t r = 0; r < n; ++r) refs[r] = venues.intern(store.venue(r));
    put_strings(sections[kVenues], venues.values());
    for (uint32_t ref : refs) sections[kVenues].varint(ref);
  }
  {  // AUTH: the distinct names, then per paper its author count and first names
    Interner names;
    ByteWriter papers;
    for (uint32_t r = 0; r < n; ++r) {
      const uint32_t k = std::min(store.named_author_count(r), options.resident_authors);
      papers.varint(store.author_count(r));
      papers.varint(k);
      for (uint32_t i = 0; i < k; ++i) papers.varint(names.intern(store.author(r, i)));
    }
    put_strings(sections[kAuthors], names.values());
    sections[kAuthors].bytes(papers.data());
  }
  {  // TAGS
    Interner values;
    ByteWriter papers;
    for (uint32_t r = 0; r < n; ++r) {
      const Span<TagRef> tags = store.tags(r);
      papers.varint(tags.size());
      for (const TagRef& t : tags) {
        papers.u8(static_cast<uint8_t>(t.kind));
        papers.varint(values.intern(store.tag_value(t.value)));
      }
    }
    put_strings(sections[kTags], values.values());
    sections[kTags].bytes(papers.data());
  }
  {  // SRCS
    Interner names;
    ByteWriter papers;
    for (uint32_t r = 0; r < n; ++r) {
      const Span<uint32_t> sources = store.sources(r);
      papers.varint(sources.size());
      for (uint32_t s : sources) papers.varint(names.intern(store.source_name(s)));
    }
    put_strings(sections[kSources], names.values());
    sections[kSources].bytes(papers.data());
  }
  {  // DICT: front-coded
    ByteWriter& w = sections[kDict];
    w.varint(index.word_count());
    std::string_view previous;
    for (uint32_t i = 0; i < index.word_count(); ++i) {
      const std::string_view word = index.word(i);
      size_t shared = 0;
      while (shared < previous.size() && shared < word.size() && previous[shared] == word[shared])
        ++shared;
      w.varint(shared);
      w.str(word.substr(shared));
      previous = word;
    }
  }
  {  // POST: per word, its papers (gaps) and counts, the commonest count once
    ByteWriter& w = sections[kPostings];
    std::vector<uint32_t> tally(1u << 16, 0);
    for (uint32_t word = 0; word < index.word_count(); ++word) {
      const Span<uint32_t> rows = index.rows(word);
      const Span<TermCounts> counts = index.counts(word);
      uint16_t common = 0;
      for (const TermCounts& c : counts) {
        if (++tally[c.bits] > tally[common]) common = c.bits;
      }
      for (const TermCounts& c : counts) tally[c.bits] = 0;
      w.varint(rows.size());
      w.varint(common);
      // One number per posting: its gap shifted left, the low bit set when its counts are
      // not the common ones (they follow). Most postings take one byte.
      for (size_t i = 0; i < rows.size(); ++i) {
        const uint64_t gap = i ? rows[i] - rows[i - 1] - 1 : rows[i];
        const bool other = counts[i].bits != common;
        w.varint(gap << 1 | (other ? 1 : 0));
        if (other) w.varint(counts[i].bits);
      }
    }
  }
  {  // FWRD: per paper its field lengths; then every word as its rank by papers (0: the
     // separator), so that common words take one byte
    ByteWriter& w = sections[kForward];
    for (uint32_t r = 0; r < n; ++r) {
      for (size_t f = 0; f < kFieldSlots; ++f)
        w.varint(index.field_length(r, static_cast<FieldSlot>(f)));
    }
    const std::vector<uint32_t> order = words_by_papers(
        index.word_count(), [&](uint32_t word) { return index.document_count(word); });
    std::vector<uint32_t> rank(order.size());
    for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i + 1;
    for (uint32_t r = 0; r < n; ++r) {
      for (size_t f = 0; f < kFieldSlots; ++f) {
        for (uint32_t id : index.field_words(r, static_cast<FieldSlot>(f)))
          w.varint(id == SearchIndex::kSeparator ? 0 : rank[id]);
      }
    }
  }

  ByteWriter out;
  out.bytes(kResidentMagic, 8);
  out.u32(kResidentVersion);
  out.u32(kSectionCount);
  uint64_t offset = kHeaderBytes + kSectionEntryBytes * kSectionCount;
  for (int s = 0; s < kSectionCount; ++s) {
    out.bytes(kSectionTags[s], 4);
    out.u32(0);
    out.u64(offset);
    out.u64(sections[s].size());
    offset += sections[s].size();
  }
  for (int s = 0; s < kSectionCount; ++s) {
    if (stats) stats->sections.emplace_back(kSectionTags[s], sections[s].size());
    out.bytes(sections[s].data());
    sections[s] = ByteWriter();
  }
  if (stats) {
    stats->words = index.word_count();
    stats->postings = index.posting_count();
    stats->word_occurrences = index.word_occurrences();
  }
  return out.take();
}

void encode_chunk_paper(ByteWriter& w, const PaperStore& store, uint32_t r) {
  w.str(store.abstract(r));
  w.varint(store.named_author_count(r));
  for (uint32_t i = 0; i < store.named_author_count(r); ++i) w.str(store.author(r, i));
  const Span<LinkRef> links = store.links(r);
  w.varint(links.size());
  for (const LinkRef& link : links) {
    w.u8(static_cast<uint8_t>(link.kind));
    w.str(store.link_url(link));
  }
  const Span<ExternalIdRef> ids = store.external_ids(r);
  w.varint(ids.size());
  for (const ExternalIdRef& ref : ids) {
    w.str(store.external_id_scheme(ref));
    w.str(store.external_id_value(ref));
  }
}

}  // namespace

bool write_chunked(const PaperStore& store, const ChunkedOptions& options, const FileSink& write,
                   std::string& error, ChunkedStats* stats) {
  if (store.chunked()) {
    error = "the collection is itself chunked: convert it from its bundle";
    return false;
  }
  ChunkedStats local;
  ChunkedStats& st = stats ? *stats : local;
  // The chunks: consecutive papers until a chunk holds chunk_bytes.
  std::vector<ChunkEntry> chunks;
  ByteWriter body;
  uint32_t first = 0;
  auto finish_chunk = [&](uint32_t end) {
    ByteWriter file;
    file.bytes(kChunkMagic, 8);
    file.u32(kChunkVersion);
    file.varint(first);
    file.varint(end - first);
    file.bytes(body.data());
    ChunkEntry entry;
    entry.first_row = first;
    entry.papers = end - first;
    entry.bytes = file.size();
    entry.hash = xxh64(file.data());
    if (!write(entry.file(), file.data(), error)) return false;
    st.chunk_bytes += entry.bytes;
    chunks.push_back(entry);
    body = ByteWriter();
    first = end;
    return true;
  };
  for (uint32_t r = 0; r < store.size(); ++r) {
    encode_chunk_paper(body, store, r);
    if (body.size() >= options.chunk_bytes && !finish_chunk(r + 1)) return false;
  }
  if (first < store.size() && !finish_chunk(store.size())) return false;

  SearchIndex index;
  index.build(store,
              options.abstract_words ? SearchIndex::kAllFields : SearchIndex::kAllButAbstracts);
  const std::string resident =
      encode_resident(store, index, static_cast<uint32_t>(chunks.size()), options, &st);
  index = SearchIndex();
  const uint64_t resident_hash = xxh64(resident);
  const std::string resident_file = "resident-" + hash_hex(resident_hash) + ".bin";
  if (!write(resident_file, resident, error)) return false;

  // The manifest: small and readable; the chunk list compact ([first, papers, bytes, hash]).
  using OrderedJson = nlohmann::ordered_json;
  OrderedJson m = OrderedJson::object();
  m["format"] = kChunkedFormatName;
  m["version"] = kChunkedVersion;
  const CollectionInfo& info = store.info;
  if (!info.title.empty()) m["title"] = info.title;
  if (!info.description.empty()) m["description"] = info.description;
  if (info.created.known()) m["created"] = info.created.to_string();
  if (!info.source_url.empty())
    m["source"] = {{"name", info.source_name}, {"url", info.source_url}};
  else if (!info.source_name.empty())
    m["source"] = info.source_name;
  m["papers"] = store.size();
  m["hash"] = "xxh64";
  m["abstract_words"] = options.abstract_words;
  m["resident"] = {
      {"file", resident_file}, {"bytes", resident.size()}, {"hash", hash_hex(resident_hash)}};
  std::string text = m.dump(1, ' ', false, OrderedJson::error_handler_t::replace);
  // One chunk per line: the list is most of the manifest.
  text.erase(text.size() - 2);  // "\n}"
  text += ",\n \"chunks\": [";
  for (size_t i = 0; i < chunks.size(); ++i) {
    const ChunkEntry& c = chunks[i];
    text += (i ? ",\n  [" : "\n  [") + std::to_string(c.first_row) + "," +
            std::to_string(c.papers) + "," + std::to_string(c.bytes) + ",\"" + hash_hex(c.hash) +
            "\"]";
  }
  text += chunks.empty() ? "]\n}\n" : "\n ]\n}\n";
  if (!write("manifest.json", text, error)) return false;
  st.resident_bytes = resident.size();
  st.manifest_bytes = text.size();
  st.chunks = static_cast<uint32_t>(chunks.size());
  return true;
}

}  // namespace ps
