// Chunked collections (docs/bundle-format.md, "Chunked collections"): a collection written
// as static files so that a million papers open in a browser without fetching them all.
//
//   manifest.json            what the collection is and the list of files, with hashes
//   resident-<hash>.bin      what search, sorting, filters and the list need, loaded up front:
//                            ids, titles, dates, upvotes, flags, venues, the first authors,
//                            tags, and the index (dictionary, postings, papers' words)
//   chunks/<hash>.bin        the rest (abstracts, links, all authors, external ids) for a
//                            contiguous range of papers, fetched when a paper is shown
//
// Files are named by the XXH64 of their content (content_hash.h), so hosts can cache them
// forever. Everything binary is little-endian and read through ByteReader: damaged or
// hostile files give a message naming the section and byte, never a crash.
//
// [SECTION] The manifest
// [SECTION] Writing
// [SECTION] Reading the resident part
// [SECTION] Chunks
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_io.h"
#include "core/content_hash.h"
#include "core/load_result.h"
#include "core/paper_store.h"
#include "core/search_index.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] The manifest
//-----------------------------------------------------------------------------

constexpr const char* kChunkedFormatName = "paperscope-chunked";
constexpr int kChunkedVersion = 1;
// The resident part's and the chunks' binary formats.
constexpr char kResidentMagic[8] = {'P', 'S', 'R', 'E', 'S', 'I', 'D', '\0'};
constexpr char kChunkMagic[8] = {'P', 'S', 'C', 'H', 'U', 'N', 'K', '\0'};
constexpr uint32_t kResidentVersion = 2;  // 2: postings and FWRD coded compactly
constexpr uint32_t kChunkVersion = 1;
// Limits a reader enforces (a file beyond them is refused, not trusted).
constexpr uint64_t kMaxResidentBytes = uint64_t(3) << 30;  // wasm32 has 4 GB in all
constexpr uint64_t kMaxChunkBytes = uint64_t(256) << 20;

struct ChunkEntry {
  uint32_t first_row = 0;  // the chunk holds papers [first_row, first_row + papers)
  uint32_t papers = 0;
  uint64_t bytes = 0;  // the file's size
  uint64_t hash = 0;   // XXH64 of the file: also its name
  // The file, relative to the manifest: "chunks/<16 hex digits>.bin".
  std::string file() const { return "chunks/" + hash_hex(hash) + ".bin"; }
};

struct ChunkedManifest {
  CollectionInfo info;
  uint32_t papers = 0;
  bool abstract_words = false;  // the resident index covers abstracts too
  std::string resident_file;    // relative to the manifest: "resident-<hash>.bin"
  uint64_t resident_bytes = 0;
  uint64_t resident_hash = 0;
  std::vector<ChunkEntry> chunks;  // in row order, covering every paper once
};

// Whether text is a chunked collection's manifest: a JSON object whose "format" member is
// "paperscope-chunked" (looked at without parsing the rest).
bool looks_like_chunked_manifest(std::string_view text);
// What opening a manifest as a file of its own says (a picked or dropped manifest.json, or
// its bytes handed to a loader): the files it names cannot be reached from there.
constexpr const char* kChunkedManifestAloneMessage =
    "this is the manifest of a chunked collection: its resident part and chunks are files "
    "beside it, which a file opened on its own cannot reach. Open the manifest by its URL "
    "instead (the whole folder served by a web server)";
// Reads and checks a manifest; problems name their JSON path.
bool read_chunked_manifest(std::string_view text, ChunkedManifest& out, Problems& problems);

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

struct ChunkedOptions {
  size_t chunk_bytes = 192 * 1024;  // a chunk is closed once it holds at least this much
  bool abstract_words = false;      // put the abstracts' words in the resident index
  uint32_t resident_authors = 4;    // names per paper in the resident part (the list shows 4)
};

// What was written, for `paperscope convert --chunked` to report and docs to quote.
struct ChunkedStats {
  uint64_t resident_bytes = 0, chunk_bytes = 0, manifest_bytes = 0;
  uint32_t chunks = 0, words = 0;
  uint64_t postings = 0, word_occurrences = 0;
  std::vector<std::pair<std::string, uint64_t>> sections;  // resident part: name, bytes
};

// Writes a collection in the chunked form through `write(path, bytes)` (paths relative to
// the output folder: "manifest.json", "resident-….bin", "chunks/….bin"; false stops the
// writing with that file's error in `error`). Builds the resident index itself (with or
// without abstracts, as options say).
using FileSink =
    std::function<bool(const std::string& path, std::string_view bytes, std::string& error)>;
bool write_chunked(const PaperStore& store, const ChunkedOptions& options, const FileSink& write,
                   std::string& error, ChunkedStats* stats = nullptr);

//-----------------------------------------------------------------------------
// [SECTION] Reading the resident part
//-----------------------------------------------------------------------------

// Decodes a resident part (whose hash the caller checked) into a store and its index, a slice
// at a time: no text is folded or split, the index is read as it was written.
class ResidentDecoder {
 public:
  // bytes must outlive the decoder.
  ResidentDecoder(const ChunkedManifest& manifest, std::string_view bytes);
  ~ResidentDecoder();
  // About `budget` papers' worth of work (as SearchIndex::build_step). True when finished,
  // with or without an error.
  bool step(size_t budget);
  double progress() const;
  // The section being read ("HEAD", "TITL", …; "" before the header, "END" after the last):
  // for progress messages and the benchmark's time per section.
  const char* section() const;
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }  // "POST at byte 123: ..."
  // Once finished and ok.
  PaperStore& store() { return store_; }
  SearchIndex& index() { return index_; }

 private:
  struct State;
  bool fail(const std::string& message);
  const ChunkedManifest& manifest_;
  std::string_view bytes_;
  PaperStore store_;
  SearchIndex index_;
  std::string error_;
  std::unique_ptr<State> state_;
};

// Reads a whole resident part at once (tests, the CLI): checks its size and hash against
// the manifest, then decodes it.
bool read_resident(const ChunkedManifest& manifest, std::string_view bytes, PaperStore& store,
                   SearchIndex& index, std::string& error);

//-----------------------------------------------------------------------------
// [SECTION] Chunks
//-----------------------------------------------------------------------------

// Decodes one chunk file for a store read from the same manifest: checks the size and hash,
// then every record (link schemes, URL safety, author counts). The details are then ready
// for PaperStore::attach_details.
bool decode_chunk(const ChunkedManifest& manifest, uint32_t chunk, std::string_view bytes,
                  const PaperStore& store, PaperStore::ChunkDetails& out, std::string& error);

// Reads a whole chunked collection (the CLI, tests): the manifest's text, then its files
// through `read` (paths relative to the manifest). With all_chunks, every chunk is read and
// attached; otherwise only the resident part. Problems name the file.
using FileSource =
    std::function<bool(const std::string& path, std::string& bytes, std::string& error)>;
struct ChunkedRead {
  ChunkedManifest manifest;
  PaperStore store;
  SearchIndex index;
  Problems problems;
  bool ok() const { return problems.ok(); }
};
ChunkedRead read_chunked(std::string_view manifest_text, const FileSource& read, bool all_chunks);

// Which chunks of a chunked collection are here, asked for, on their way or failed: what
// the view shows ("Loading abstract…", or why it could not) and what the platform fetches.
class ChunkedCollection {
 public:
  enum class State : uint8_t { kAbsent, kWanted, kFetching, kLoaded, kFailed };

  ChunkedCollection() = default;
  explicit ChunkedCollection(ChunkedManifest manifest);

  const ChunkedManifest& manifest() const { return manifest_; }
  uint32_t chunk_count() const { return static_cast<uint32_t>(states_.size()); }
  State state(uint32_t chunk) const { return states_[chunk]; }
  const std::string& error(uint32_t chunk) const;

  // Asks for a chunk (nothing happens when it is here, on its way or failed).
  void want(uint32_t chunk);
  // A failed chunk may be asked for again.
  void retry(uint32_t chunk);
  // The chunks asked for since the last call; they are then on their way.
  std::vector<uint32_t> take_wanted();
  // A chunk's bytes arrived: checked, decoded and attached to the store; or it failed (the
  // message says why, and is kept for the view).
  bool attach(uint32_t chunk, std::string_view bytes, PaperStore& store, std::string& error);
  void failed(uint32_t chunk, std::string message);

  uint32_t loaded_chunks() const { return loaded_; }
  uint64_t loaded_bytes() const { return loaded_bytes_; }

 private:
  ChunkedManifest manifest_;
  std::vector<State> states_;
  std::vector<uint32_t> wanted_;
  std::vector<std::pair<uint32_t, std::string>> errors_;  // few: a list is enough
  uint32_t loaded_ = 0;
  uint64_t loaded_bytes_ = 0;
};

}  // namespace ps
