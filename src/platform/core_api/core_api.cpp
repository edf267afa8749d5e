// The C API of core_api.h over one ps::Explorer per handle.
#include "platform/core_api/core_api.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "core/bundle_writer.h"
#include "core/chunked.h"
#include "core/explorer.h"
#include "core/facets.h"
#include "core/importers.h"
#include "core/json_read.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

#include "platform/wasm_memory.h"
#define PS_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define PS_EXPORT
#endif

struct ps_core {
  ps::Explorer explorer;
  // Bytes being handed over by ps_core_load_buffer, then moved into the loader: a copy of
  // a 200 MB bundle would be 200 MB more wasm memory, which never shrinks.
  std::string pending;
  bool has_pending = false;
  std::string error;
  std::string paper;        // the last ps_core_paper_json answer
  std::string json;         // the last ps_core_facet_counts or ps_core_related answer
  std::string corrections;  // the last search's, "typed\tused\n" each
  std::string sort_name;
  std::unique_ptr<ps::ChunkedManifest> manifest;  // read, its resident part not yet loaded
  std::string chunk_file;                         // the last ps_core_chunk_file answer
  // The last search's ids: bytes back to back, and where each ends.
  std::string result_bytes;
  std::vector<uint32_t> result_ends;
};

namespace {

void release_pending(ps_core* core) {
  std::string().swap(core->pending);
  core->has_pending = false;
}

// A JSON answer (members in the order written) kept in core->json until the next call.
// Text that is not UTF-8 (a chunked collection's resident text is not checked) is replaced,
// never thrown over.
const char* json_reply(ps_core* core, const nlohmann::ordered_json& value) {
  core->json =
      value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
  return core->json.c_str();
}

}  // namespace

extern "C" {

PS_EXPORT ps_core* ps_core_new() {
  return new (std::nothrow) ps_core();
}

PS_EXPORT void ps_core_delete(ps_core* core) {
  if (core) release_pending(core);
  delete core;
}

PS_EXPORT char* ps_core_load_buffer(ps_core* core, uint32_t length) {
  release_pending(core);
#ifdef __EMSCRIPTEN__
  ps::grow_memory_for(static_cast<double>(length) * ps::kLoadMemoryPerInputByte);
#endif
  // With exceptions off a failed std::string allocation aborts the whole module, and a page
  // should be able to say "too big" instead: malloc asks first, and the string then gets the
  // block malloc has just given back.
  void* probe = std::malloc(static_cast<size_t>(length) + 1);
  if (!probe) return nullptr;
  std::free(probe);
  core->pending.resize(length);
  core->has_pending = true;
  return core->pending.data();
}

PS_EXPORT int32_t ps_core_load(ps_core* core) {
  if (!core->has_pending) {
    core->error = "no bytes to load (ps_core_load_buffer first)";
    return -1;
  }
  // The bytes are read in place (format detected from them), then released.
  ps::ImportResult result = ps::import_collection_owning(std::move(core->pending), "bytes");
  release_pending(core);
  if (!result.ok()) {
    core->error = result.problems.summary();
    if (core->error.empty()) core->error = "the collection could not be read";
    return -1;
  }
  core->error.clear();
  const int32_t count = static_cast<int32_t>(result.store.size());
  core->explorer.set_collection(std::move(result.store));
  // The first view of a collection is every paper in display order: computing it here makes
  // "loaded" mean "searchable", and the first keystroke does not pay for the sort.
  core->explorer.set_query("");
  core->explorer.results();
  core->explorer.prime_searches();
  return count;
}

PS_EXPORT const char* ps_core_error(const ps_core* core) {
  return core->error.c_str();
}

PS_EXPORT int32_t ps_core_search(ps_core* core, const char* query, int32_t limit) {
  core->explorer.set_query(query ? query : "");
  const std::vector<uint32_t>& rows = core->explorer.results();
  const size_t n = limit < 0 ? rows.size() : std::min(rows.size(), static_cast<size_t>(limit));
  core->result_bytes.clear();
  core->result_ends.clear();
  const ps::PaperStore& store = core->explorer.store();
  for (size_t i = 0; i < n; ++i) {
    core->result_bytes += store.id(rows[i]);
    core->result_ends.push_back(static_cast<uint32_t>(core->result_bytes.size()));
  }
  core->corrections.clear();
  for (const ps::Correction& c : core->explorer.corrections()) {
    core->corrections += c.typed + '\t' + c.used + '\n';
  }
  return static_cast<int32_t>(rows.size());
}

PS_EXPORT const char* ps_core_query_error(const ps_core* core) {
  return core->explorer.query_error().c_str();
}

PS_EXPORT const char* ps_core_corrections(const ps_core* core) {
  return core->corrections.c_str();
}

PS_EXPORT uint32_t ps_core_result_count(const ps_core* core) {
  return static_cast<uint32_t>(core->result_ends.size());
}
PS_EXPORT const uint32_t* ps_core_result_ends(const ps_core* core) {
  return core->result_ends.data();
}
PS_EXPORT const char* ps_core_result_bytes(const ps_core* core) {
  return core->result_bytes.data();
}

PS_EXPORT int32_t ps_core_set_sort(ps_core* core, const char* name) {
  if (name && std::string_view(name) == "auto") {
    core->explorer.set_automatic_sort();
    return 1;
  }
  ps::SortOrder sort;
  if (!name || !ps::SortOrder::parse(name, sort)) return 0;
  core->explorer.set_sort(sort);
  return 1;
}

PS_EXPORT const char* ps_core_sort_name(ps_core* core) {
  core->sort_name = core->explorer.sort().name();
  return core->sort_name.c_str();
}

PS_EXPORT const char* ps_core_paper_json(ps_core* core, const char* id) {
  const ps::PaperStore& store = core->explorer.store();
  const int64_t row = id ? store.find(id) : -1;
  if (row < 0) return nullptr;
  core->paper = ps::paper_json(store.record(static_cast<uint32_t>(row)));
  return core->paper.c_str();
}

PS_EXPORT const char* ps_core_facet_counts(ps_core* core, const char* field_name) {
  ps::FacetField field;
  // Not "mytag": the core alone has no reading list.
  if (!field_name || !ps::parse_facet_field(field_name, field) || field == ps::FacetField::kMyTag)
    return nullptr;
  nlohmann::ordered_json values = nlohmann::ordered_json::array();
  for (const ps::FacetValue& v : core->explorer.facet_counts(field))
    values.push_back({{"value", v.value}, {"count", v.count}});
  return json_reply(core, values);
}

PS_EXPORT const char* ps_core_related(ps_core* core, const char* id, int32_t k) {
  const ps::PaperStore& store = core->explorer.store();
  const int64_t row = id ? store.find(id) : -1;
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  if (row >= 0 && k > 0) {
    for (const auto& similar :
         core->explorer.related(static_cast<uint32_t>(row), static_cast<size_t>(k)))
      ids.push_back(store.id(similar.first));
  }
  return json_reply(core, ids);
}

PS_EXPORT int32_t ps_core_is_manifest(ps_core* core, const char* text) {
  (void)core;
  return text && ps::looks_like_chunked_manifest(text) ? 1 : 0;
}

PS_EXPORT int32_t ps_core_open_manifest(ps_core* core, const char* text) {
  auto manifest = std::unique_ptr<ps::ChunkedManifest>(new (std::nothrow) ps::ChunkedManifest());
  ps::Problems problems;
  if (!manifest || !text || !ps::read_chunked_manifest(text, *manifest, problems)) {
    core->error = manifest ? "manifest: " + problems.summary() : "out of memory";
    core->manifest.reset();
    return -1;
  }
  core->error.clear();
  core->manifest = std::move(manifest);
  return 0;
}

PS_EXPORT const char* ps_core_resident_file(const ps_core* core) {
  return core->manifest ? core->manifest->resident_file.c_str() : "";
}

PS_EXPORT double ps_core_resident_bytes(const ps_core* core) {
  return core->manifest ? static_cast<double>(core->manifest->resident_bytes) : 0;
}

PS_EXPORT int32_t ps_core_load_resident(ps_core* core) {
  if (!core->manifest || !core->has_pending) {
    core->error = "no manifest, or no bytes (ps_core_open_manifest, ps_core_load_buffer first)";
    return -1;
  }
  ps::IndexingJob job(std::move(*core->manifest), std::move(core->pending));
  core->manifest.reset();
  release_pending(core);
  // Decodes the whole resident part here (a page wanting slices uses the app's loader); a
  // damaged one keeps the previous collection.
  core->explorer.set_collection(std::move(job));
  if (!job.error().empty()) {
    core->error = job.error();
    return -1;
  }
  core->error.clear();
  core->explorer.set_query("");
  core->explorer.results();
  return static_cast<int32_t>(core->explorer.store().size());
}

PS_EXPORT int32_t ps_core_chunk_of(ps_core* core, const char* id) {
  const ps::PaperStore& store = core->explorer.store();
  const int64_t row = id && core->explorer.chunks() ? store.find(id) : -1;
  if (row < 0) return -1;
  if (store.details_loaded(static_cast<uint32_t>(row))) return -2;
  return static_cast<int32_t>(store.chunk_of(static_cast<uint32_t>(row)));
}

PS_EXPORT const char* ps_core_chunk_file(ps_core* core, uint32_t chunk) {
  const ps::ChunkedCollection* chunks = core->explorer.chunks();
  core->chunk_file = chunks && chunk < chunks->chunk_count()
                         ? chunks->manifest().chunks[chunk].file()
                         : std::string();
  return core->chunk_file.c_str();
}

PS_EXPORT double ps_core_chunk_bytes(const ps_core* core, uint32_t chunk) {
  const ps::ChunkedCollection* chunks = core->explorer.chunks();
  return chunks && chunk < chunks->chunk_count()
             ? static_cast<double>(chunks->manifest().chunks[chunk].bytes)
             : 0;
}

PS_EXPORT uint32_t ps_core_chunk_count(const ps_core* core) {
  return core->explorer.chunks() ? core->explorer.chunks()->chunk_count() : 0;
}

PS_EXPORT uint32_t ps_core_chunks_loaded(const ps_core* core) {
  return core->explorer.chunks() ? core->explorer.chunks()->loaded_chunks() : 0;
}

PS_EXPORT int32_t ps_core_attach_chunk(ps_core* core, uint32_t chunk) {
  if (!core->has_pending) {
    core->error = "no bytes (ps_core_load_buffer first)";
    return -1;
  }
  std::string error;
  const bool ok = core->explorer.attach_chunk(chunk, core->pending, error);
  release_pending(core);
  core->error = ok ? std::string() : error;
  return ok ? 0 : -1;
}

PS_EXPORT uint32_t ps_core_paper_count(const ps_core* core) {
  return core->explorer.store().size();
}
PS_EXPORT double ps_core_store_bytes(const ps_core* core) {
  return static_cast<double>(core->explorer.store().byte_size());
}
PS_EXPORT double ps_core_index_bytes(const ps_core* core) {
  return static_cast<double>(core->explorer.index().byte_size());
}

}  // extern "C"
