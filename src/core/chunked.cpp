// Chunked collections: the manifest, the writer, the resident part's decoder, chunks.
// docs/bundle-format.md ("Chunked collections") describes every byte written here.
//
// [SECTION] Shared encodings
// [SECTION] The manifest
// [SECTION] Writing
// [SECTION] Reading the resident part
// [SECTION] Chunks
#include "core/chunked.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "core/json_cursor.h"
#include "core/json_read.h"
#include "core/links.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Shared encodings
//-----------------------------------------------------------------------------

namespace {

constexpr size_t kFieldSlots = static_cast<size_t>(FieldSlot::kCount);

// The resident part's sections, in the order they are written and read.
enum Section : int {
  kHead,
  kIds,
  kTitles,
  kDates,
  kUpvotes,
  kFlags,
  kVenues,
  kAuthors,
  kTags,
  kSources,
  kDict,
  kPostings,
  kForward,
  kSectionCount
};
constexpr const char* kSectionTags[kSectionCount] = {"HEAD", "IDS ", "TITL", "DATE", "UPVT",
                                                     "FLAG", "VENU", "AUTH", "TAGS", "SRCS",
                                                     "DICT", "POST", "FWRD"};
constexpr size_t kHeaderBytes = 16;        // magic, version, section count
constexpr size_t kSectionEntryBytes = 24;  // tag, flags, offset, length

// A date in one number: year << 9 | month << 5 | day (month and day 0 when not known); 0 for
// an unknown date. The precision follows from which parts are there.
uint32_t pack_date(const PaperDate& d) {
  if (!d.known()) return 0;
  return static_cast<uint32_t>(d.year) << 9 | static_cast<uint32_t>(d.month) << 5 | d.day;
}

bool unpack_date(uint64_t v, PaperDate& d, std::string& error) {
  d = PaperDate();
  if (v == 0) return true;
  if (v >> 23) {
    error = "date " + std::to_string(v) + " is out of range";
    return false;
  }
  return make_date(static_cast<int>(v >> 9), static_cast<int>((v >> 5) & 15),
                   static_cast<int>(v & 31), d, error);
}

uint32_t zigzag(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
int32_t unzigzag(uint32_t v) {
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}

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

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The manifest
//-----------------------------------------------------------------------------

bool looks_like_chunked_manifest(std::string_view text) {
  JsonCursor cursor(text);
  if (!cursor.consume('{')) return false;
  for (int members = 0; members < 64; ++members) {
    ByteRange key, value;
    if (!cursor.scan_string(key) || !cursor.consume(':')) return false;
    std::string name;
    decode_json_key(key.in(text), name);
    if (name == "format") {
      if (!cursor.skip_value(value)) return false;
      return value.in(text) == std::string("\"") + kChunkedFormatName + "\"";
    }
    if (!cursor.skip_value(value) || !cursor.consume(',')) return false;
  }
  return false;
}

namespace {

// A file name the manifest may give: relative, plain characters, no way up or out.
bool safe_relative_path(const std::string& path) {
  if (path.empty() || path.size() > 200 || path[0] == '/' || path.find("..") != std::string::npos) {
    return false;
  }
  for (char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '/';
    if (!plain) return false;
  }
  return true;
}

bool read_hash(const Json& value, const std::string& path, uint64_t& out, Problems& problems) {
  if (!value.is_string() || !parse_hash_hex(value.get_ref<const std::string&>(), out)) {
    problems.error(path, "expected 16 lower-case hexadecimal digits (an XXH64 hash)");
    return false;
  }
  return true;
}

}  // namespace

bool read_chunked_manifest(std::string_view text, ChunkedManifest& out, Problems& problems) {
  out = ChunkedManifest();
  // Nesting and structure are checked by the scanner before any parser sees the text.
  JsonCursor cursor(text);
  ByteRange whole;
  if (!cursor.skip_value(whole)) {
    problems.error(line_column(text, cursor.error_pos()), cursor.error());
    return false;
  }
  Json root;
  if (!parse_json_range(text, ByteRange{0, text.size()}, "$", root, problems)) return false;
  if (!root.is_object()) {
    problems.error("$", std::string("expected an object, found ") + json_kind(root));
    return false;
  }
  FieldReader top(root, "$", problems);
  std::string format;
  if (!top.string("format", format, true)) return false;
  if (format != kChunkedFormatName) {
    problems.error("$.format",
                   "\"" + format.substr(0, 40) + "\" is not \"" + kChunkedFormatName + "\"");
    return false;
  }
  int64_t version = 0;
  if (!top.integer("version", 1, 1000000, version, true)) return false;
  if (version > kChunkedVersion) {
    problems.error("$.version", "version " + std::to_string(version) +
                                    " is newer than this Paperscope reads (" +
                                    std::to_string(kChunkedVersion) + ")");
    return false;
  }
  top.string("title", out.info.title);
  top.string("description", out.info.description);
  top.date("created", out.info.created);
  if (const Json* source = top.find("source")) {
    if (source->is_string()) {
      out.info.source_name = source->get_ref<const std::string&>();
    } else if (source->is_object()) {
      FieldReader s(*source, "$.source", problems);
      s.string("name", out.info.source_name);
      s.string("url", out.info.source_url);
      if (!out.info.source_url.empty() && !is_openable_url(out.info.source_url)) {
        problems.error("$.source.url", "only http and https links are allowed");
      }
    } else {
      top.wrong_type("source", "a string or an object", *source);
    }
  }
  int64_t papers = 0;
  top.integer("papers", 0, 0xffffffffll, papers, true);
  out.papers = static_cast<uint32_t>(papers);
  std::string hash_name;
  if (top.string("hash", hash_name, true) && hash_name != "xxh64") {
    problems.error("$.hash", "\"" + hash_name.substr(0, 40) +
                                 "\" is not a hash this Paperscope knows (xxh64)");
  }
  if (const Json* words = top.find("abstract_words")) {
    if (words->is_boolean())
      out.abstract_words = words->get<bool>();
    else
      top.wrong_type("abstract_words", "true or false", *words);
  }

  const Json* resident = top.find("resident");
  if (!resident || !resident->is_object()) {
    if (resident)
      top.wrong_type("resident", "an object", *resident);
    else
      top.missing("resident");
  } else {
    FieldReader r(*resident, "$.resident", problems);
    int64_t bytes = 0;
    if (r.string("file", out.resident_file, true) && !safe_relative_path(out.resident_file)) {
      problems.error("$.resident.file",
                     "expected a plain relative file name (letters, digits, - _ . /)");
    }
    r.integer("bytes", 0, static_cast<int64_t>(kMaxResidentBytes), bytes, true);
    out.resident_bytes = static_cast<uint64_t>(bytes);
    if (const Json* hash = r.find("hash"))
      read_hash(*hash, "$.resident.hash", out.resident_hash, problems);
    else
      r.missing("hash");
  }

  const Json* chunks = top.find("chunks");
  if (!chunks || !chunks->is_array()) {
    if (chunks)
      top.wrong_type("chunks", "an array", *chunks);
    else
      top.missing("chunks");
    return false;
  }
  // [first_row, papers, bytes, "hash"] each, in row order, covering every paper once.
  uint64_t next_row = 0;
  out.chunks.reserve(chunks->size());
  for (size_t i = 0; i < chunks->size() && !problems.full(); ++i) {
    const Json& c = (*chunks)[i];
    const std::string path = "$.chunks[" + std::to_string(i) + "]";
    if (!c.is_array() || c.size() != 4 || !c[0].is_number_unsigned() ||
        !c[1].is_number_unsigned() || !c[2].is_number_unsigned()) {
      problems.error(path, "expected [first_row, papers, bytes, \"hash\"]");
      continue;
    }
    ChunkEntry entry;
    const uint64_t first = c[0].get<uint64_t>(), count = c[1].get<uint64_t>(),
                   bytes = c[2].get<uint64_t>();
    if (first != next_row) {
      problems.error(path, "starts at paper " + std::to_string(first) + ", expected " +
                               std::to_string(next_row));
      continue;
    }
    if (count == 0 || count > 0xffffffffull - first) {
      problems.error(path, "a chunk holds at least one paper");
      continue;
    }
    if (bytes > kMaxChunkBytes) {
      problems.error(path,
                     "a chunk of " + std::to_string(bytes) + " bytes is larger than the limit");
      continue;
    }
    if (!read_hash(c[3], path + "[3]", entry.hash, problems)) continue;
    entry.first_row = static_cast<uint32_t>(first);
    entry.papers = static_cast<uint32_t>(count);
    entry.bytes = bytes;
    next_row = first + count;
    out.chunks.push_back(entry);
  }
  if (problems.ok() && next_row != out.papers) {
    problems.error("$.chunks", "the chunks hold " + std::to_string(next_row) +
                                   " papers, the manifest says " + std::to_string(out.papers));
  }
  return problems.ok();
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

namespace {

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
  {  // POST: per word, its papers (gaps) and counts
    ByteWriter& w = sections[kPostings];
    for (uint32_t word = 0; word < index.word_count(); ++word) {
      const Span<uint32_t> rows = index.rows(word);
      const Span<TermCounts> counts = index.counts(word);
      w.varint(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) w.varint(i ? rows[i] - rows[i - 1] - 1 : rows[i]);
      for (size_t i = 0; i < counts.size(); ++i) w.varint(counts[i].bits);
    }
  }
  {  // FWRD: per paper its field lengths; then every word id, packed
    ByteWriter& w = sections[kForward];
    for (uint32_t r = 0; r < n; ++r) {
      for (size_t f = 0; f < kFieldSlots; ++f)
        w.varint(index.field_length(r, static_cast<FieldSlot>(f)));
    }
    const unsigned width = index.word_width();
    for (uint32_t r = 0; r < n; ++r) {
      for (size_t f = 0; f < kFieldSlots; ++f) {
        for (uint32_t id : index.field_words(r, static_cast<FieldSlot>(f))) {
          if (width == 3 && id == SearchIndex::kSeparator) id = 0xffffffu;
          for (unsigned b = 0; b < width; ++b) w.u8(static_cast<uint8_t>(id >> (8 * b)));
        }
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

//-----------------------------------------------------------------------------
// [SECTION] Reading the resident part
//-----------------------------------------------------------------------------

// The decoder's progress: which section, how far into it, and what earlier sections gave
// that later ones need.
struct ResidentDecoder::State {
  struct Range {
    uint64_t offset = 0, length = 0;
  };
  Range ranges[kSectionCount];
  int section = -1;   // -1: the header; kSectionCount: finishing
  ByteReader in;      // the current section
  uint64_t item = 0;  // papers, words or postings done in it
  int sub = 0;        // a step within the section (e.g. names, then papers)

  // HEAD
  uint32_t words = 0, chunks = 0, resident_authors = 0;
  unsigned width = 3;
  uint8_t fields = 0;
  uint64_t postings = 0, occurrences = 0;

  // A string block being read: its lengths become ends, then its bytes are copied.
  uint64_t block_count = 0, block_total = 0;
  std::vector<uint32_t> block_ends;

  // Tables read before the papers that refer to them.
  StringColumn table;
  std::vector<uint32_t> venue_refs;
  std::string dict_bytes;
  uint32_t id_slot_row = 0;
};

ResidentDecoder::ResidentDecoder(const ChunkedManifest& manifest, std::string_view bytes)
    : manifest_(manifest), bytes_(bytes), state_(std::make_unique<State>()) {}

ResidentDecoder::~ResidentDecoder() = default;

bool ResidentDecoder::fail(const std::string& message) {
  if (error_.empty()) error_ = message;
  return true;
}

double ResidentDecoder::progress() const {
  if (!state_) return 1.0;
  const State& s = *state_;
  if (s.section < 0) return 0.0;
  // By bytes read: the sections' sizes are a fair measure of their work.
  uint64_t done = 0;
  for (int i = 0; i < std::min(s.section, static_cast<int>(kSectionCount)); ++i)
    done += s.ranges[i].length;
  if (s.section < kSectionCount) done += s.in.offset();
  return bytes_.empty()
             ? 1.0
             : std::min(1.0, static_cast<double>(done) / static_cast<double>(bytes_.size()));
}

const char* ResidentDecoder::section() const {
  if (!state_) return "END";
  if (state_->section < 0) return "";
  return state_->section < kSectionCount ? kSectionTags[state_->section] : "END";
}

bool ResidentDecoder::step(size_t budget) {
  if (!state_ || !error_.empty()) return true;
  State& s = *state_;
  if (s.section >= 0 && s.section < kSectionCount && !s.in.ok()) return fail(s.in.error());
  budget = std::max<size_t>(budget, 1);
  const uint32_t n = manifest_.papers;
  PaperStore& st = store_;
  SearchIndex& ix = index_;

  // Starts reading section `which`, or finishes the one being read (which must be used up).
  auto open = [&](int which) {
    s.section = which;
    s.item = 0;
    s.sub = 0;
    if (which >= kSectionCount) return;
    const State::Range& r = s.ranges[which];
    s.in = ByteReader(bytes_.data() + r.offset, static_cast<size_t>(r.length), kSectionTags[which],
                      static_cast<size_t>(r.offset));
  };
  auto close = [&]() {
    if (!s.in.ok()) return fail(s.in.error());
    if (!s.in.at_end()) {
      return fail(std::string(kSectionTags[s.section]) + ": " + std::to_string(s.in.remaining()) +
                  " bytes left over after its last entry");
    }
    open(s.section + 1);
    return false;
  };
  // A string block, into `out`: lengths a slice at a time, then the bytes in one copy.
  // Returns true once `out` is complete. expected: the count it must have (or any).
  auto read_block = [&](StringColumn& out, int64_t expected) -> bool {
    if (s.sub == 0) {
      if (!s.in.varint(s.block_count) || !s.in.varint(s.block_total)) return false;
      if (expected >= 0 && s.block_count != static_cast<uint64_t>(expected)) {
        s.in.fail(std::to_string(s.block_count) + " strings, expected " + std::to_string(expected));
        return false;
      }
      // Each length takes a byte at least: a count beyond the bytes left is a lie.
      if (s.block_count > s.in.remaining() || s.block_total > s.in.remaining() ||
          s.block_total > 0xffffffffull) {
        s.in.fail("a block of " + std::to_string(s.block_count) + " strings and " +
                  std::to_string(s.block_total) + " bytes does not fit in the section");
        return false;
      }
      s.block_ends.clear();
      s.block_ends.reserve(static_cast<size_t>(s.block_count));
      s.item = 0;
      s.sub = 1;
    }
    if (s.sub == 1) {
      const uint64_t end = std::min(s.block_count, s.item + budget * 64);
      uint64_t at = s.block_ends.empty() ? 0 : s.block_ends.back();
      for (; s.item < end; ++s.item) {
        uint64_t length;
        if (!s.in.varint(length)) return false;
        at += length;
        if (at > s.block_total) {
          s.in.fail("string lengths add up to more than the block's " +
                    std::to_string(s.block_total) + " bytes");
          return false;
        }
        s.block_ends.push_back(static_cast<uint32_t>(at));
      }
      if (s.item < s.block_count) return false;
      if (at != s.block_total) {
        s.in.fail("string lengths add up to " + std::to_string(at) + " bytes, the block says " +
                  std::to_string(s.block_total));
        return false;
      }
      s.sub = 2;
      return false;  // the copy is a slice of its own
    }
    const char* data;
    if (!s.in.bytes(static_cast<size_t>(s.block_total), data)) return false;
    out.assign(std::string(data, static_cast<size_t>(s.block_total)), std::move(s.block_ends));
    s.block_ends = std::vector<uint32_t>();
    s.item = 0;
    s.sub = 10;  // the section's own part, after its block
    return true;
  };
  auto ref = [&](uint32_t& v, uint64_t limit, const char* what) {
    return s.in.varint_max(v, limit, what);
  };
  const uint64_t rows_per_step = budget * 64;

  switch (s.section) {
    case -1: {  // the header and the section table
      ByteReader h(bytes_.data(), bytes_.size(), "the resident part's header");
      const char* magic;
      uint32_t version = 0, count = 0;
      if (!h.bytes(8, magic) || std::memcmp(magic, kResidentMagic, 8) != 0) {
        return fail("not a Paperscope resident part (its first bytes are not \"PSRESID\")");
      }
      if (!h.u32(version) || !h.u32(count)) return fail(h.error());
      if (version != kResidentVersion) {
        return fail("resident part version " + std::to_string(version) +
                    " is not one this Paperscope reads (" + std::to_string(kResidentVersion) + ")");
      }
      if (count > 1024)
        return fail("the resident part lists " + std::to_string(count) + " sections");
      bool seen[kSectionCount] = {};
      for (uint32_t i = 0; i < count; ++i) {
        const char* tag;
        uint32_t flags;
        uint64_t offset, length;
        if (!h.bytes(4, tag) || !h.u32(flags) || !h.u64(offset) || !h.u64(length))
          return fail(h.error());
        if (offset > bytes_.size() || length > bytes_.size() - offset ||
            offset < kHeaderBytes + kSectionEntryBytes * count) {
          return fail("section " + std::string(tag, 4) + " (offset " + std::to_string(offset) +
                      ", " + std::to_string(length) + " bytes) lies outside the file's " +
                      std::to_string(bytes_.size()) + " bytes");
        }
        for (int k = 0; k < kSectionCount; ++k) {
          if (std::memcmp(tag, kSectionTags[k], 4) == 0) {
            s.ranges[k] = {offset, length};
            seen[k] = true;
          }
        }
        // Sections this Paperscope does not know are for newer readers: skipped.
      }
      for (int k = 0; k < kSectionCount; ++k) {
        if (!seen[k])
          return fail(std::string("the resident part has no ") + kSectionTags[k] + " section");
      }
      open(kHead);
      return false;
    }
    case kHead: {
      uint64_t papers = 0, words = 0, chunks = 0;
      uint8_t width = 0, fields = 0, authors = 0, reserved = 0;
      float averages[kFieldSlots];
      s.in.varint(papers);
      s.in.varint(words);
      s.in.varint(chunks);
      s.in.u8(width);
      s.in.u8(fields);
      s.in.u8(authors);
      s.in.u8(reserved);
      for (float& a : averages) s.in.f32(a);
      s.in.varint(s.postings);
      s.in.varint(s.occurrences);
      if (!s.in.ok()) return fail(s.in.error());
      if (papers != n) {
        return fail("the resident part holds " + std::to_string(papers) +
                    " papers, the manifest says " + std::to_string(n));
      }
      if (chunks != manifest_.chunks.size()) {
        return fail("the resident part was written for " + std::to_string(chunks) +
                    " chunks, the manifest lists " + std::to_string(manifest_.chunks.size()));
      }
      if (width != 3 && width != 4)
        return fail("HEAD: word width " + std::to_string(width) + " is not 3 or 4");
      if (width == 3 && words >= 0xffffffu) return fail("HEAD: too many words for 3-byte word ids");
      // Every word, posting and word occurrence takes bytes of its own section.
      if (words > s.ranges[kDict].length || s.postings > s.ranges[kPostings].length ||
          s.occurrences > s.ranges[kForward].length / width) {
        return fail("HEAD: its counts (" + std::to_string(words) + " words, " +
                    std::to_string(s.postings) + " postings, " + std::to_string(s.occurrences) +
                    " word occurrences) do not fit the sections");
      }
      for (float a : averages) {
        if (!std::isfinite(a) || a < 0 || a > 1e9f)
          return fail("HEAD: an average field length is not a number");
      }
      s.words = static_cast<uint32_t>(words);
      s.width = width;
      s.fields = fields & SearchIndex::kAllFields;
      s.resident_authors = authors;
      ix.word_width_ = width;
      ix.fields_ = s.fields;
      ix.paper_count_ = n;
      for (size_t f = 0; f < kFieldSlots; ++f)
        ix.average_lengths_[f] = averages[f] > 0 ? averages[f] : 1.0f;
      st.info = manifest_.info;
      close();
      return false;
    }
    case kIds:
      if (read_block(st.ids_, n)) close();
      return false;
    case kTitles:
      if (read_block(st.titles_, n)) close();
      return false;
    case kDates: {
      if (s.item == 0) {
        st.dates_.reserve(n);
        st.featured_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      std::string problem;
      for (; s.item < end; ++s.item) {
        uint64_t date, featured;
        PaperDate d, f;
        if (!s.in.varint(date) || !s.in.varint(featured)) return fail(s.in.error());
        if (!unpack_date(date, d, problem) || !unpack_date(featured, f, problem)) {
          s.in.fail("paper " + std::to_string(s.item) + ": " + problem);
          return fail(s.in.error());
        }
        st.dates_.push_back(d);
        st.featured_.push_back(f);
      }
      if (s.item == n) close();
      return false;
    }
    case kUpvotes: {
      if (s.item == 0) st.upvotes_.reserve(n);
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      for (; s.item < end; ++s.item) {
        uint32_t v;
        if (!ref(v, 0xffffffffull, "upvotes")) return fail(s.in.error());
        st.upvotes_.push_back(unzigzag(v));
      }
      if (s.item == n) close();
      return false;
    }
    case kFlags: {
      const char* flags;
      if (!s.in.bytes(n, flags)) return fail(s.in.error());
      st.flags_.assign(flags, flags + n);
      for (uint8_t f : st.flags_) {
        if (f & 0x80) return fail("FLAG: a paper's flags have the unused high bit set");
      }
      close();
      return false;
    }
    case kVenues: {
      if (s.sub < 10) {
        if (!read_block(s.table, -1)) return s.in.ok() ? false : fail(s.in.error());
        if (s.table.size() == 0 || !s.table[0].empty())
          return fail("VENU: the first venue must be \"\"");
        s.venue_refs.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      for (; s.item < end; ++s.item) {
        uint32_t v;
        if (!ref(v, s.table.size() - 1, "venue")) return fail(s.in.error());
        s.venue_refs.push_back(v);
      }
      if (s.item < n) return false;
      // Venues are kept per paper (most are empty): one copy each.
      std::string venue_bytes;
      std::vector<uint32_t> ends;
      ends.reserve(n);
      for (uint32_t v : s.venue_refs) {
        venue_bytes += s.table[v];
        ends.push_back(static_cast<uint32_t>(venue_bytes.size()));
      }
      st.venues_.assign(std::move(venue_bytes), std::move(ends));
      s.venue_refs = std::vector<uint32_t>();
      s.table = StringColumn();
      close();
      return false;
    }
    case kAuthors: {
      if (s.sub < 10) {
        if (!read_block(st.author_names_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.author_counts_.reserve(n);
        st.author_ranges_.reserve(n);
        st.author_refs_.reserve(n * 3ull);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t names = st.author_names_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count, k;
        if (!ref(count, 0xffffffffull, "author count") ||
            !ref(k, std::min<uint64_t>(count, s.resident_authors), "names")) {
          return fail(s.in.error());
        }
        st.author_counts_.push_back(count);
        for (uint32_t i = 0; i < k; ++i) {
          uint32_t name;
          if (names == 0 || !ref(name, names - 1, "author"))
            return fail(s.in.error().empty() ? "AUTH: no names" : s.in.error());
          st.author_refs_.push_back(name);
        }
        st.author_ranges_.push_back(static_cast<uint32_t>(st.author_refs_.size()));
      }
      if (s.item == n) close();
      return false;
    }
    case kTags: {
      if (s.sub < 10) {
        if (!read_block(st.tag_values_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.tag_ranges_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t values = st.tag_values_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count;
        if (!ref(count, s.in.remaining(), "tag count")) return fail(s.in.error());
        for (uint32_t i = 0; i < count; ++i) {
          uint8_t kind;
          uint32_t value;
          if (!s.in.u8(kind)) return fail(s.in.error());
          if (kind > static_cast<uint8_t>(TagKind::kUser)) {
            s.in.fail("tag kind " + std::to_string(kind) + " is not one of 0-3");
            return fail(s.in.error());
          }
          if (values == 0 || !ref(value, values - 1, "tag"))
            return fail(s.in.error().empty() ? "TAGS: no values" : s.in.error());
          st.tag_refs_.push_back(TagRef{static_cast<TagKind>(kind), value});
        }
        st.tag_ranges_.push_back(static_cast<uint32_t>(st.tag_refs_.size()));
      }
      if (s.item < n) return false;
      for (uint32_t v = 0; v < st.tag_values_.size(); ++v)
        st.tag_lookup_.emplace(std::string(st.tag_values_[v]), v);
      close();
      return false;
    }
    case kSources: {
      if (s.sub < 10) {
        if (!read_block(st.source_names_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.source_ranges_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t names = st.source_names_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count;
        if (!ref(count, s.in.remaining(), "source count")) return fail(s.in.error());
        for (uint32_t i = 0; i < count; ++i) {
          uint32_t source;
          if (names == 0 || !ref(source, names - 1, "source"))
            return fail(s.in.error().empty() ? "SRCS: no names" : s.in.error());
          st.source_refs_.push_back(source);
        }
        st.source_ranges_.push_back(static_cast<uint32_t>(st.source_refs_.size()));
      }
      if (s.item < n) return false;
      for (uint32_t v = 0; v < st.source_names_.size(); ++v)
        st.source_lookup_.emplace(std::string(st.source_names_[v]), v);
      close();
      return false;
    }
    case kDict: {
      if (s.item == 0 && s.sub == 0) {
        uint64_t count;
        if (!s.in.varint(count)) return fail(s.in.error());
        if (count != s.words)
          return fail("DICT: " + std::to_string(count) + " words, HEAD says " +
                      std::to_string(s.words));
        s.block_ends.clear();
        s.block_ends.reserve(s.words);
        s.sub = 1;
      }
      // Front coding: each word shares a prefix with the one before; words strictly ascend.
      std::string& bytes = s.dict_bytes;
      const uint64_t end = std::min<uint64_t>(s.words, s.item + budget * 64);
      for (; s.item < end; ++s.item) {
        uint64_t shared;
        std::string_view suffix;
        if (!s.in.varint(shared) || !s.in.str(suffix)) return fail(s.in.error());
        const size_t prev_begin =
            s.block_ends.size() > 1 ? s.block_ends[s.block_ends.size() - 2] : 0;
        const size_t prev_len = s.block_ends.empty() ? 0 : s.block_ends.back() - prev_begin;
        if (shared > prev_len || (shared == 0 && suffix.empty())) {
          s.in.fail("word " + std::to_string(s.item) +
                    " is empty or shares more than the word before");
          return fail(s.in.error());
        }
        const std::string_view prev_suffix(bytes.data() + prev_begin + shared, prev_len - shared);
        if (!s.block_ends.empty() && suffix <= prev_suffix) {
          s.in.fail("word " + std::to_string(s.item) +
                    " does not come after the word before (the dictionary must be sorted)");
          return fail(s.in.error());
        }
        if (bytes.size() + shared + suffix.size() > 0xffffffffull) return fail("DICT: too large");
        bytes.append(bytes, prev_begin, static_cast<size_t>(shared));
        bytes.append(suffix.data(), suffix.size());
        s.block_ends.push_back(static_cast<uint32_t>(bytes.size()));
      }
      if (s.item < s.words) return false;
      ix.words_.assign(std::move(bytes), std::move(s.block_ends));
      bytes = std::string();
      s.block_ends = std::vector<uint32_t>();
      close();
      return false;
    }
    case kPostings: {
      if (s.item == 0 && s.sub == 0) {
        ix.posting_ends_.reserve(s.words);
        ix.posting_rows_.reserve(static_cast<size_t>(s.postings));
        ix.posting_counts_.reserve(static_cast<size_t>(s.postings));
        s.sub = 1;
      }
      // s.item counts words; a slice ends after about budget * 512 postings.
      const size_t posting_budget = budget * 512;
      const size_t start = ix.posting_rows_.size();
      while (s.item < s.words && ix.posting_rows_.size() - start < posting_budget) {
        uint32_t df;
        if (!ref(df, n, "papers of a word")) return fail(s.in.error());
        if (df > s.postings - ix.posting_rows_.size()) {
          return fail("POST: word " + std::to_string(s.item) +
                      " has more postings than HEAD says there are");
        }
        uint64_t row = 0;
        for (uint32_t i = 0; i < df; ++i) {
          uint64_t gap;
          if (!s.in.varint(gap)) return fail(s.in.error());
          row = i ? row + gap + 1 : gap;
          if (row >= n) {
            s.in.fail("word " + std::to_string(s.item) + ": paper " + std::to_string(row) +
                      " is out of range");
            return fail(s.in.error());
          }
          ix.posting_rows_.push_back(static_cast<uint32_t>(row));
        }
        for (uint32_t i = 0; i < df; ++i) {
          uint32_t bits;
          if (!ref(bits, 0xffff, "term counts")) return fail(s.in.error());
          ix.posting_counts_.push_back(TermCounts{static_cast<uint16_t>(bits)});
        }
        ix.posting_ends_.push_back(static_cast<uint32_t>(ix.posting_rows_.size()));
        ++s.item;
      }
      if (s.item < s.words) return false;
      if (ix.posting_rows_.size() != s.postings) {
        return fail("POST: " + std::to_string(ix.posting_rows_.size()) + " postings, HEAD says " +
                    std::to_string(s.postings));
      }
      close();
      return false;
    }
    case kForward: {
      if (s.sub == 0) {
        ix.field_starts_.reserve(static_cast<size_t>(n) * kFieldSlots + 1);
        s.sub = 1;
      }
      if (s.sub == 1) {  // the field lengths
        const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
        uint64_t at = ix.field_starts_.empty() ? 0 : s.block_total;
        for (; s.item < end; ++s.item) {
          for (size_t f = 0; f < kFieldSlots; ++f) {
            uint32_t length;
            if (!ref(length, s.occurrences, "field length")) return fail(s.in.error());
            ix.field_starts_.push_back(static_cast<uint32_t>(at));
            at += length;
            if (at > s.occurrences) {
              s.in.fail("field lengths add up to more than HEAD's " +
                        std::to_string(s.occurrences) + " words");
              return fail(s.in.error());
            }
          }
        }
        s.block_total = at;
        if (s.item < n) return false;
        if (at != s.occurrences) {
          return fail("FWRD: field lengths add up to " + std::to_string(at) + " words, HEAD says " +
                      std::to_string(s.occurrences));
        }
        ix.field_starts_.push_back(static_cast<uint32_t>(at));
        const char* packed;
        if (!s.in.bytes(static_cast<size_t>(s.occurrences * s.width), packed))
          return fail(s.in.error());
        ix.packed_words_.assign(packed, packed + s.occurrences * s.width);
        s.item = 0;
        s.sub = 2;
        return false;
      }
      // Every word id names a dictionary word (or is the separator).
      const uint64_t end = std::min<uint64_t>(s.occurrences, s.item + budget * 4096);
      const uint8_t* p = ix.packed_words_.data();
      const uint32_t separator = s.width == 3 ? 0xffffffu : 0xffffffffu;
      for (; s.item < end; ++s.item) {
        const uint8_t* w = p + s.item * s.width;
        uint32_t id = uint32_t(w[0]) | uint32_t(w[1]) << 8 | uint32_t(w[2]) << 16;
        if (s.width == 4) id |= uint32_t(w[3]) << 24;
        if (id >= s.words && id != separator) {
          return fail("FWRD: word " + std::to_string(s.item) + " is id " + std::to_string(id) +
                      ", beyond the " + std::to_string(s.words) + " words of the dictionary");
        }
      }
      if (s.item < s.occurrences) return false;
      close();
      return false;
    }
    case kSectionCount: {  // the id table and the chunk layout
      if (s.id_slot_row == 0) {
        size_t slots = 64;
        while (slots < 2 * static_cast<size_t>(n)) slots *= 2;
        st.id_slots_.assign(slots, 0);
      }
      const uint32_t end =
          static_cast<uint32_t>(std::min<uint64_t>(n, s.id_slot_row + rows_per_step));
      for (; s.id_slot_row < end; ++s.id_slot_row) st.insert_id_slot(s.id_slot_row);
      if (s.id_slot_row < n) return false;
      st.chunk_first_rows_.clear();
      for (const ChunkEntry& c : manifest_.chunks) st.chunk_first_rows_.push_back(c.first_row);
      st.chunk_details_.clear();
      st.chunk_details_.resize(manifest_.chunks.size());
      if (n > 0 && st.chunk_first_rows_.empty())
        return fail("the collection has papers but no chunks");
      state_.reset();
      return true;
    }
    default:
      return fail("the resident decoder lost its place");
  }
}

bool read_resident(const ChunkedManifest& manifest, std::string_view bytes, PaperStore& store,
                   SearchIndex& index, std::string& error) {
  if (bytes.size() != manifest.resident_bytes) {
    error = manifest.resident_file + ": " + std::to_string(bytes.size()) +
            " bytes, the manifest says " + std::to_string(manifest.resident_bytes);
    return false;
  }
  const uint64_t hash = xxh64(bytes);
  if (hash != manifest.resident_hash) {
    error = manifest.resident_file + ": damaged or not the file the manifest names (its hash is " +
            hash_hex(hash) + ", the manifest says " + hash_hex(manifest.resident_hash) + ")";
    return false;
  }
  ResidentDecoder decoder(manifest, bytes);
  while (!decoder.step(1 << 16)) {
  }
  if (!decoder.ok()) {
    error = manifest.resident_file + ": " + decoder.error();
    return false;
  }
  store = std::move(decoder.store());
  index = std::move(decoder.index());
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Chunks
//-----------------------------------------------------------------------------

bool decode_chunk(const ChunkedManifest& manifest, uint32_t chunk, std::string_view bytes,
                  const PaperStore& store, PaperStore::ChunkDetails& out, std::string& error) {
  if (chunk >= manifest.chunks.size()) {
    error = "chunk " + std::to_string(chunk) + " is not in the manifest";
    return false;
  }
  const ChunkEntry& entry = manifest.chunks[chunk];
  const std::string name = entry.file();
  if (bytes.size() != entry.bytes) {
    error = name + ": " + std::to_string(bytes.size()) + " bytes, the manifest says " +
            std::to_string(entry.bytes);
    return false;
  }
  const uint64_t hash = xxh64(bytes);
  if (hash != entry.hash) {
    error =
        name + ": damaged or not the file the manifest names (its hash is " + hash_hex(hash) + ")";
    return false;
  }
  if (static_cast<uint64_t>(entry.first_row) + entry.papers > store.size()) {
    error = name + ": its papers are beyond the collection's";
    return false;
  }
  ByteReader in(bytes.data(), bytes.size(), name);
  const char* magic;
  uint32_t version = 0, first = 0, papers = 0;
  if (!in.bytes(8, magic) || std::memcmp(magic, kChunkMagic, 8) != 0) {
    error = name + ": not a Paperscope chunk (its first bytes are not \"PSCHUNK\")";
    return false;
  }
  in.u32(version);
  if (in.ok() && version != kChunkVersion) {
    error =
        name + ": chunk version " + std::to_string(version) + " is not one this Paperscope reads";
    return false;
  }
  in.varint_max(first, 0xffffffffull, "first paper");
  in.varint_max(papers, 0xffffffffull, "papers");
  if (in.ok() && (first != entry.first_row || papers != entry.papers)) {
    error = name + ": holds papers " + std::to_string(first) + "+" + std::to_string(papers) +
            ", the manifest says " + std::to_string(entry.first_row) + "+" +
            std::to_string(entry.papers);
    return false;
  }
  out = PaperStore::ChunkDetails();
  out.first_row = first;
  out.rows = papers;
  std::unordered_map<std::string_view, uint32_t> schemes;
  std::string_view text;
  for (uint32_t i = 0; i < papers && in.ok(); ++i) {
    const uint32_t row = first + i;
    if (in.str(text)) out.abstracts.push_back(text);
    uint32_t count = 0;
    in.varint_max(count, store.author_count(row), "authors");
    for (uint32_t a = 0; a < count && in.str(text); ++a) out.author_names.push_back(text);
    out.author_ends.push_back(out.author_names.size());
    in.varint_max(count, in.remaining(), "links");
    for (uint32_t l = 0; l < count && in.ok(); ++l) {
      uint8_t kind = 0;
      if (!in.u8(kind) || !in.str(text)) break;
      if (kind > static_cast<uint8_t>(LinkKind::kOther)) {
        in.fail("paper " + std::to_string(row) + ": link kind " + std::to_string(kind) +
                " is not one of 0-5");
      } else if (!is_openable_url(text)) {
        in.fail("paper " + std::to_string(row) + ": only http and https links are allowed");
      } else {
        out.link_refs.push_back(
            LinkRef{static_cast<LinkKind>(kind), out.link_urls.push_back(text)});
      }
    }
    out.link_ends.push_back(static_cast<uint32_t>(out.link_refs.size()));
    in.varint_max(count, in.remaining(), "external ids");
    for (uint32_t e = 0; e < count && in.ok(); ++e) {
      std::string_view scheme, value;
      if (!in.str(scheme) || !in.str(value)) break;
      auto it = schemes.find(scheme);
      if (it == schemes.end()) {
        const uint32_t index = out.schemes.push_back(scheme);
        it = schemes.emplace(out.schemes[index], index).first;
      }
      out.external_id_refs.push_back(
          ExternalIdRef{it->second, out.external_id_values.push_back(value)});
    }
    out.external_id_ends.push_back(static_cast<uint32_t>(out.external_id_refs.size()));
  }
  if (in.ok() && !in.at_end())
    in.fail(std::to_string(in.remaining()) + " bytes left over after its last paper");
  if (!in.ok()) {
    error = in.error();
    return false;
  }
  return true;
}

ChunkedRead read_chunked(std::string_view manifest_text, const FileSource& read, bool all_chunks) {
  ChunkedRead out;
  if (!read_chunked_manifest(manifest_text, out.manifest, out.problems)) return out;
  std::string bytes, error;
  if (!read(out.manifest.resident_file, bytes, error)) {
    out.problems.error(out.manifest.resident_file, error);
    return out;
  }
  if (!read_resident(out.manifest, bytes, out.store, out.index, error)) {
    out.problems.error("", error);
    return out;
  }
  if (!all_chunks) return out;
  for (uint32_t c = 0; c < out.manifest.chunks.size() && !out.problems.full(); ++c) {
    const std::string file = out.manifest.chunks[c].file();
    auto details = std::make_unique<PaperStore::ChunkDetails>();
    if (!read(file, bytes, error)) {
      out.problems.error(file, error);
    } else if (!decode_chunk(out.manifest, c, bytes, out.store, *details, error)) {
      out.problems.error("", error);
    } else {
      out.store.attach_details(c, std::move(details));
    }
  }
  return out;
}

ChunkedCollection::ChunkedCollection(ChunkedManifest manifest)
    : manifest_(std::move(manifest)), states_(manifest_.chunks.size(), State::kAbsent) {}

const std::string& ChunkedCollection::error(uint32_t chunk) const {
  static const std::string kNone;
  for (const auto& e : errors_) {
    if (e.first == chunk) return e.second;
  }
  return kNone;
}

void ChunkedCollection::want(uint32_t chunk) {
  if (chunk >= states_.size() || states_[chunk] != State::kAbsent) return;
  states_[chunk] = State::kWanted;
  wanted_.push_back(chunk);
}

void ChunkedCollection::retry(uint32_t chunk) {
  if (chunk >= states_.size() || states_[chunk] != State::kFailed) return;
  errors_.erase(std::remove_if(errors_.begin(), errors_.end(),
                               [&](const auto& e) { return e.first == chunk; }),
                errors_.end());
  states_[chunk] = State::kAbsent;
  want(chunk);
}

std::vector<uint32_t> ChunkedCollection::take_wanted() {
  std::vector<uint32_t> out;
  out.swap(wanted_);
  for (uint32_t chunk : out) states_[chunk] = State::kFetching;
  return out;
}

bool ChunkedCollection::attach(uint32_t chunk, std::string_view bytes, PaperStore& store,
                               std::string& error) {
  if (chunk >= states_.size()) {
    error = "chunk " + std::to_string(chunk) + " is not in the manifest";
    return false;
  }
  if (states_[chunk] == State::kLoaded) return true;
  auto details = std::make_unique<PaperStore::ChunkDetails>();
  if (!decode_chunk(manifest_, chunk, bytes, store, *details, error)) {
    failed(chunk, error);
    return false;
  }
  store.attach_details(chunk, std::move(details));
  states_[chunk] = State::kLoaded;
  ++loaded_;
  loaded_bytes_ += bytes.size();
  return true;
}

void ChunkedCollection::failed(uint32_t chunk, std::string message) {
  if (chunk >= states_.size() || states_[chunk] == State::kLoaded) return;
  states_[chunk] = State::kFailed;
  errors_.emplace_back(chunk, std::move(message));
}

}  // namespace ps
