// The core without a UI, as a C API: one collection and one query per handle. Compiled to
// wasm behind web/paperscope-core.mjs (docs/js-api.md, "paperscope-core.mjs") and natively
// into bench_native, so both sides measure exactly the same calls.
//
// Strings in and out are UTF-8. Pointers returned stay valid until the next call on the
// same handle. Nothing here throws or aborts on bad input: errors are values.
#pragma once
#include <cstdint>

extern "C" {

struct ps_core;

ps_core* ps_core_new();
void ps_core_delete(ps_core* core);

// Loading is two calls so the caller can write the bytes straight into the buffer the core
// will read (one copy, no second one inside): ps_core_load_buffer gives a writable buffer
// of `length` bytes (nullptr when that much memory is not available); ps_core_load reads
// it, releases it and returns the number of papers, or -1 (see ps_core_error). A failed
// load keeps the previous collection.
char* ps_core_load_buffer(ps_core* core, uint32_t length);
int32_t ps_core_load(ps_core* core);
const char* ps_core_error(const ps_core* core);  // "" after a successful load

// Sets the query (docs/query-language.md) and returns how many papers match. The ids of the
// first `limit` matches in display order are then available from ps_core_result_*. A query
// that does not parse keeps the last good results and sets ps_core_query_error.
int32_t ps_core_search(ps_core* core, const char* query, int32_t limit);
const char* ps_core_query_error(const ps_core* core);  // "" when the query parsed
// The typos worked around: "typed\tused\n" per correction ("" when none).
const char* ps_core_corrections(const ps_core* core);
uint32_t ps_core_result_count(const ps_core* core);        // min(limit, matched)
const uint32_t* ps_core_result_ends(const ps_core* core);  // end offset of each id
const char* ps_core_result_bytes(const ps_core* core);     // the ids, back to back

// Display order: "auto" (the default: relevance while the query has text, else newest
// first), "relevance", "trending", "date-desc", "date-asc", "upvotes-desc", "title-asc", ...
// Returns 0 for a name it does not know (the order is then unchanged).
int32_t ps_core_set_sort(ps_core* core, const char* name);
// The order results are in now ("relevance", "date-desc", ...; what "auto" chose).
const char* ps_core_sort_name(ps_core* core);

// One paper as bundle JSON, or nullptr for an unknown id.
const char* ps_core_paper_json(ps_core* core, const char* id);

// Facet counts under the last ps_core_search's query (before any search: the whole
// collection), as a JSON array [{"value": "cs.CV", "count": 12}, ...]: most frequent first
// (years newest first). field is "tag", "venue", "year" or "has-code"; nullptr for another.
const char* ps_core_facet_counts(ps_core* core, const char* field);
// The ids of the k papers most similar to id (tf-idf cosine over title and abstract), best
// first, as a JSON array of strings; "[]" for an unknown id or k <= 0.
const char* ps_core_related(ps_core* core, const char* id, int32_t k);

// Chunked collections (docs/bundle-format.md, "Chunked collections"). Whether bytes are a
// manifest (the first few KB are enough), as text:
int32_t ps_core_is_manifest(ps_core* core, const char* text);
// Reads a manifest (0, or -1: see ps_core_error). The resident part it names (a path
// relative to the manifest) is then loaded like a bundle: ps_core_load_buffer with its
// size, then ps_core_load_resident, which returns the number of papers or -1.
int32_t ps_core_open_manifest(ps_core* core, const char* text);
const char* ps_core_resident_file(const ps_core* core);
double ps_core_resident_bytes(const ps_core* core);
int32_t ps_core_load_resident(ps_core* core);
// A chunked collection's papers get their abstracts, links and full author lists from
// their chunk: which one holds a paper's (-1: unknown id, or not a chunked collection;
// -2: they are here already), its file (relative to the manifest) and size, and how many
// chunks there are and are here. A chunk's bytes go through ps_core_load_buffer, then
// ps_core_attach_chunk (0, or -1 when they are not that chunk's: see ps_core_error).
int32_t ps_core_chunk_of(ps_core* core, const char* id);
const char* ps_core_chunk_file(ps_core* core, uint32_t chunk);
double ps_core_chunk_bytes(const ps_core* core, uint32_t chunk);
uint32_t ps_core_chunk_count(const ps_core* core);
uint32_t ps_core_chunks_loaded(const ps_core* core);
int32_t ps_core_attach_chunk(ps_core* core, uint32_t chunk);

// What the collection costs: papers, bytes in the column store, bytes in the index.
uint32_t ps_core_paper_count(const ps_core* core);
double ps_core_store_bytes(const ps_core* core);
double ps_core_index_bytes(const ps_core* core);

}  // extern "C"
