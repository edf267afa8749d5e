// Chunked collections: the resident part's decoder, the chunk decoder and the manifest
// reader, on bytes whose hash the manifest agrees with (the hash is checked first in real
// use, so the decoders themselves must stand any bytes). The input says what it is by its
// first bytes: "PSRESID" a resident part, "PSCHUNK" a chunk, anything else a manifest.
// What decodes must be safe to search and to show.
//
// Seeds: PS_FUZZ_WRITE_SEEDS=DIR fuzz_chunked writes the resident part, the chunks and the
// manifest of the collection below into DIR (fuzz/seeds/chunked holds them).
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

#include "core/chunked.h"
#include "core/query_eval.h"
#include "fuzz_common.h"

namespace {

struct Collection {
  ps::ChunkedManifest manifest;
  ps::PaperStore store;  // read from the real resident part: chunks are decoded against it
  std::map<std::string, std::string> files;
};

// A small collection with every kind of field, several chunks and shared words.
const Collection& collection() {
  static const std::unique_ptr<Collection> c = [] {
    auto out = std::make_unique<Collection>();
    ps::PaperStore store;
    store.info.title = "Fuzz";
    for (int i = 0; i < 60; ++i) {
      ps::PaperRecord p;
      p.id = "2301." + std::to_string(10000 + i);
      p.title = "Graph Transformers for Zoë Müller " + std::to_string(i % 7);
      p.abstract = "Diffusion models and attention " + std::to_string(i) + ".";
      p.authors = {"Łukasz Kaiser", "Author " + std::to_string(i % 5)};
      if (i % 3 == 0) p.author_count = 9;
      p.upvotes = i * 3 - 20;
      if (i % 4 == 0) p.venue = "ICML 2024";
      p.tags = {{ps::TagKind::kCategory, i % 2 ? "cs.LG" : "cs.CL"}};
      if (i % 5 == 0) p.links = {{ps::LinkKind::kCode, "https://github.com/a/b"}};
      p.external_ids = {{"arxiv", p.id}};
      std::string error;
      ps::parse_date("2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10), p.date,
                     error);
      store.add(p);
    }
    ps::ChunkedOptions options;
    options.chunk_bytes = 600;
    std::string error;
    const bool written = ps::write_chunked(
        store, options,
        [&](const std::string& path, std::string_view bytes, std::string&) {
          out->files[path] = std::string(bytes);
          return true;
        },
        error);
    FUZZ_CHECK(written);
    ps::ChunkedRead read = ps::read_chunked(
        out->files.at("manifest.json"),
        [&](const std::string& path, std::string& bytes, std::string& why) {
          auto it = out->files.find(path);
          if (it == out->files.end()) return (why = "missing", false);
          bytes = it->second;
          return true;
        },
        false);
    FUZZ_CHECK(read.ok());
    out->manifest = read.manifest;
    out->store = std::move(read.store);
    return out;
  }();
  return *c;
}

void search(const ps::PaperStore& store, const ps::SearchIndex& index) {
  ps::QueryEvaluator evaluator;
  evaluator.reset(&store, &index);
  for (const char* q : {"graph", "t", "\"graph transformers\"", "müller OR cs.lg", "-zoë"}) {
    ps::QueryMatch match;
    ps::ParsedQuery parsed = ps::parse_query(q);
    evaluator.evaluate(parsed.root.get(), match);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("PS_FUZZ_WRITE_SEEDS")) {
    for (const auto& [path, bytes] : collection().files) {
      std::string name = path;
      for (char& ch : name) ch = ch == '/' ? '-' : ch;
      std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << bytes;
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  const Collection& c = collection();
  ps::ChunkedManifest forged = c.manifest;

  if (bytes.substr(0, 7) == "PSRESID") {
    forged.resident_bytes = size;
    forged.resident_hash = ps::xxh64(bytes);
    // Slices of 1 to 8 units, picked by the input.
    ps::ResidentDecoder decoder(forged, bytes);
    const size_t slice = 1 + size % 8;
    double last = 0;
    size_t steps = 0;
    while (!decoder.step(slice)) {
      FUZZ_CHECK(decoder.progress() >= last && decoder.progress() <= 1.0);
      last = decoder.progress();
      FUZZ_CHECK(++steps <= 64 * size + 1000);
    }
    FUZZ_CHECK(decoder.ok() == decoder.error().empty());
    if (!decoder.ok()) return 0;
    ps::PaperStore store = std::move(decoder.store());
    ps::SearchIndex index = std::move(decoder.index());
    FUZZ_CHECK(store.size() == forged.papers);
    search(store, index);
    // Not check_store: the resident part's text is not checked for UTF-8 (80 MB at a million
    // papers, on the way to the first frame; the hash guards against damage, and the views
    // and exporters replace bad bytes), nor its ids for duplicates.
    for (uint32_t r = 0; r < store.size(); ++r) {
      (void)store.title(r);
      (void)store.abstract(r);  // not here yet: empty
      for (uint32_t a = 0; a < store.named_author_count(r); ++a) (void)store.author(r, a);
    }
    return 0;
  }

  if (bytes.substr(0, 7) == "PSCHUNK") {
    // As chunk 0, and as the chunk whose rows its header names (when there is one).
    for (uint32_t chunk = 0; chunk < forged.chunks.size(); ++chunk) {
      ps::ChunkedManifest m = forged;
      m.chunks[chunk].bytes = size;
      m.chunks[chunk].hash = ps::xxh64(bytes);
      ps::PaperStore::ChunkDetails details;
      std::string error;
      const bool ok = ps::decode_chunk(m, chunk, bytes, c.store, details, error);
      FUZZ_CHECK(ok == error.empty());
      if (!ok) continue;
      // A fresh store each time (details attach once): read from the real resident part.
      ps::PaperStore store;
      ps::SearchIndex index;
      std::string why;
      FUZZ_CHECK(
          ps::read_resident(c.manifest, c.files.at(c.manifest.resident_file), store, index, why));
      store.attach_details(chunk, std::make_unique<ps::PaperStore::ChunkDetails>(details));
      const ps::ChunkEntry& e = m.chunks[chunk];
      for (uint32_t r = e.first_row; r < e.first_row + e.papers; ++r) {
        FUZZ_CHECK(store.details_loaded(r));
        (void)store.abstract(r);
        for (uint32_t a = 0; a < store.named_author_count(r); ++a) (void)store.author(r, a);
        for (const ps::LinkRef& link : store.links(r)) (void)store.link_url(link);
        for (const ps::ExternalIdRef& id : store.external_ids(r)) {
          (void)store.external_id_scheme(id);
          (void)store.external_id_value(id);
        }
      }
      fuzz::check_store(store);
    }
    return 0;
  }

  (void)ps::looks_like_chunked_manifest(bytes);
  ps::ChunkedManifest manifest;
  ps::Problems problems;
  const bool ok = ps::read_chunked_manifest(bytes, manifest, problems);
  fuzz::check_problems(problems);
  if (ok) {
    uint64_t rows = 0;
    for (const ps::ChunkEntry& e : manifest.chunks) {
      FUZZ_CHECK(e.first_row == rows);
      rows += e.papers;
    }
    FUZZ_CHECK(rows == manifest.papers);
  }
  return 0;
}
