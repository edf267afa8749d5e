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

// What the collection costs: papers, bytes in the column store, bytes in the index.
uint32_t ps_core_paper_count(const ps_core* core);
double ps_core_store_bytes(const ps_core* core);
double ps_core_index_bytes(const ps_core* core);

}  // extern "C"
