// The core's C API (paperscope-core.mjs's, src/platform/core_api/) opening a chunked
// collection: manifest, resident part, chunks on demand, damaged chunks; and what a manifest
// opened as a file on its own says.
#include <doctest/doctest.h>

#include <cstring>
#include <map>
#include <string>

#include "core/chunked.h"
#include "core/importers.h"
#include "import_fixtures.h"
#include "platform/core_api/core_api.h"

namespace {

using Files = std::map<std::string, std::string>;

// The seed collection written in the chunked form, 8 KB chunks (several).
Files seed_chunked() {
  ps::ImportResult seed = ps::import_collection(fixtures::read(PS_ASSETS "/papers.json"), "seed");
  REQUIRE(seed.ok());
  ps::ChunkedOptions options;
  options.chunk_bytes = 8 * 1024;
  Files files;
  std::string error;
  REQUIRE(ps::write_chunked(
      seed.store, options,
      [&](const std::string& path, std::string_view bytes, std::string&) {
        files[path] = std::string(bytes);
        return true;
      },
      error));
  return files;
}

// Hands bytes to the core the way paperscope-core.mjs does.
void give(ps_core* core, const std::string& bytes) {
  char* buffer = ps_core_load_buffer(core, static_cast<uint32_t>(bytes.size()));
  REQUIRE(buffer != nullptr);
  std::memcpy(buffer, bytes.data(), bytes.size());
}

std::string paper(ps_core* core, const char* id) {
  const char* json = ps_core_paper_json(core, id);
  return json ? json : "";
}

}  // namespace

TEST_CASE("the core's C API opens a chunked collection and fetches details on demand") {
  const Files files = seed_chunked();
  ps::ImportResult bundle = ps::import_collection(fixtures::read(PS_ASSETS "/papers.json"), "seed");
  REQUIRE(bundle.ok());
  ps_core* core = ps_core_new();
  const std::string& manifest = files.at("manifest.json");
  CHECK(ps_core_is_manifest(core, manifest.substr(0, 200).c_str()) == 1);
  CHECK(ps_core_is_manifest(core, "{\"format\": \"paperscope-bundle\"}") == 0);

  REQUIRE(ps_core_open_manifest(core, manifest.c_str()) == 0);
  const std::string resident = ps_core_resident_file(core);
  CHECK(ps_core_resident_bytes(core) == doctest::Approx(files.at(resident).size()));
  give(core, files.at(resident));
  REQUIRE(ps_core_load_resident(core) == static_cast<int32_t>(bundle.store.size()));
  CHECK(ps_core_chunk_count(core) > 3);
  CHECK(ps_core_chunks_loaded(core) == 0);
  CHECK(ps_core_search(core, "multiplication", 5) >= 1);

  const std::string id(bundle.store.id(0));
  const std::string abstract(bundle.store.abstract(0));
  REQUIRE_FALSE(abstract.empty());
  CHECK(paper(core, id.c_str()).find("\"abstract\"") == std::string::npos);  // not here yet
  const int32_t chunk = ps_core_chunk_of(core, id.c_str());
  REQUIRE(chunk >= 0);
  const std::string file = ps_core_chunk_file(core, static_cast<uint32_t>(chunk));
  CHECK(file.rfind("chunks/", 0) == 0);
  CHECK(ps_core_chunk_bytes(core, static_cast<uint32_t>(chunk)) ==
        doctest::Approx(files.at(file).size()));

  SUBCASE("a damaged chunk is refused with a message, and the right bytes are taken after") {
    std::string damaged = files.at(file);
    damaged[damaged.size() / 2] ^= 0x20;
    give(core, damaged);
    CHECK(ps_core_attach_chunk(core, static_cast<uint32_t>(chunk)) == -1);
    CHECK(std::string(ps_core_error(core)).find(file + ": damaged") == 0);
    CHECK(ps_core_chunk_of(core, id.c_str()) == chunk);
    give(core, files.at(file).substr(1));
    CHECK(ps_core_attach_chunk(core, static_cast<uint32_t>(chunk)) == -1);
    CHECK(std::string(ps_core_error(core)).find("the manifest says") != std::string::npos);
  }
  give(core, files.at(file));
  REQUIRE(ps_core_attach_chunk(core, static_cast<uint32_t>(chunk)) == 0);
  CHECK(ps_core_chunks_loaded(core) == 1);
  CHECK(ps_core_chunk_of(core, id.c_str()) == -2);
  CHECK(ps_core_chunk_of(core, "no-such-paper") == -1);
  // The abstract as the bundle has it (JSON-escaped in the paper's JSON).
  CHECK(paper(core, id.c_str()).find("\"abstract\"") != std::string::npos);
  CHECK(paper(core, id.c_str()).find(abstract.substr(0, 40)) != std::string::npos);

  SUBCASE("a damaged resident part keeps the collection there was") {
    REQUIRE(ps_core_open_manifest(core, manifest.c_str()) == 0);
    std::string damaged = files.at(resident);
    damaged[damaged.size() / 3] ^= 1;
    give(core, damaged);
    CHECK(ps_core_load_resident(core) == -1);
    CHECK(std::string(ps_core_error(core)).find(resident + ": damaged") == 0);
    CHECK(ps_core_paper_count(core) == bundle.store.size());
    CHECK(ps_core_open_manifest(core, "{\"format\": \"paperscope-chunked\"}") == -1);
    CHECK(std::string(ps_core_error(core)).rfind("manifest: ", 0) == 0);
  }
  ps_core_delete(core);
}

TEST_CASE("a manifest opened as a file on its own says to open it by URL") {
  const Files files = seed_chunked();
  ps::ImportResult result = ps::import_collection(files.at("manifest.json"), "manifest.json");
  CHECK_FALSE(result.ok());
  CHECK(result.problems.summary().find("manifest of a chunked collection") != std::string::npos);
  CHECK(result.problems.summary().find("by its URL") != std::string::npos);
  // Through the C API too.
  ps_core* core = ps_core_new();
  give(core, files.at("manifest.json"));
  CHECK(ps_core_load(core) == -1);
  CHECK(std::string(ps_core_error(core)).find("Open the manifest by its URL") != std::string::npos);
  ps_core_delete(core);
}

TEST_CASE("the core's C API counts facets under the last search and finds related papers") {
  const std::string bundle = R"({"format": "paperscope-bundle", "version": 1, "papers": [
    {"id": "a", "title": "Graph attention networks", "date": "2024-05-01", "venue": "ICML \"24\"",
     "tags": [{"kind": "category", "value": "cs.LG"}, {"kind": "keyword", "value": "graphs"}]},
    {"id": "b", "title": "Graph neural networks for molecules", "date": "2023-01-02",
     "tags": [{"kind": "category", "value": "cs.LG"}]},
    {"id": "c", "title": "Diffusion models for images", "date": "2024-02-03",
     "tags": [{"kind": "category", "value": "cs.CV"}]}]})";
  ps_core* core = ps_core_new();
  give(core, bundle);
  REQUIRE(ps_core_load(core) == 3);
  // The whole collection before any search; a quote in a value is escaped.
  CHECK(
      std::string(ps_core_facet_counts(core, "tag")) ==
      R"([{"value":"cs.LG","count":2},{"value":"cs.CV","count":1},{"value":"graphs","count":1}])");
  CHECK(std::string(ps_core_facet_counts(core, "venue")) ==
        R"([{"value":"ICML \"24\"","count":1}])");
  CHECK(std::string(ps_core_facet_counts(core, "year")) ==
        R"([{"value":"2024","count":2},{"value":"2023","count":1}])");
  CHECK(ps_core_facet_counts(core, "colour") == nullptr);
  // Under a query: the matching papers only.
  CHECK(ps_core_search(core, "graph", 0) == 2);
  CHECK(std::string(ps_core_facet_counts(core, "year")) ==
        R"([{"value":"2024","count":1},{"value":"2023","count":1}])");
  CHECK(std::string(ps_core_facet_counts(core, "has-code")) == "[]");
  // The other graph paper is the most similar to "a".
  const std::string related = ps_core_related(core, "a", 1);
  CHECK(related == R"(["b"])");
  CHECK(std::string(ps_core_related(core, "nope", 3)) == "[]");
  CHECK(std::string(ps_core_related(core, "a", 0)) == "[]");
  ps_core_delete(core);
}
