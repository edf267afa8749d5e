// Chunked collections: the manifest, chunks, and reading a whole collection.
// docs/bundle-format.md ("Chunked collections") describes every byte. Writing is in
// chunked_write.cpp, the resident part's decoder in chunked_resident.cpp.
//
// [SECTION] The manifest
// [SECTION] Chunks
#include "core/chunked.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/json_cursor.h"
#include "core/json_read.h"
#include "core/links.h"
#include "core/text_fold.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] The manifest
//-----------------------------------------------------------------------------

bool looks_like_chunked_manifest(std::string_view text) {
  return json_format_is(text, kChunkedFormatName);
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
  Json root;
  if (!parse_json_document(text, root, problems)) return false;
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
    // Text a chunk gives is checked as a bundle's is (well-formed UTF-8): it is shown, folded
    // for highlighting and exported. A chunk is small; checking costs little.
    auto text_ok = [&](std::string_view t, const char* what) {
      if (valid_utf8(t)) return true;
      in.fail("paper " + std::to_string(row) + ": " + what + " is not valid UTF-8");
      return false;
    };
    if (in.str(text) && text_ok(text, "its abstract")) out.abstracts.push_back(text);
    uint32_t count = 0;
    in.varint_max(count, store.author_count(row), "authors");
    for (uint32_t a = 0; a < count && in.str(text) && text_ok(text, "an author's name"); ++a)
      out.author_names.push_back(text);
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
      if (!in.str(scheme) || !in.str(value) || !text_ok(scheme, "an external id") ||
          !text_ok(value, "an external id"))
        break;
      auto it = schemes.find(scheme);
      if (it == schemes.end()) {
        // Keyed by the view into the chunk's bytes, which outlive this loop: the pool's own
        // storage moves as it grows.
        it = schemes.emplace(scheme, out.schemes.push_back(scheme)).first;
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
