// App: chunked collections (core/chunked.h, docs/bundle-format.md). The page fetches the
// manifest, then the resident part, and hands both here; the explorer then asks for chunks
// as papers are shown or exported, and the page fetches each (ps_js_fetch_chunk) and hands
// back its bytes or why it could not. Nothing here waits: every arrival asks for frames.
#include <nlohmann/json.hpp>

#include "platform/web/app.h"
#include "platform/web/js_host.h"

namespace ps {

namespace {

// Memory a resident part needs while it is decoded, per byte: the bytes themselves, the
// columns and the index read from them (freed back to the bytes' size once decoded).
constexpr double kResidentBytesNeededPerByte = 2.5;

}  // namespace

std::string App::read_manifest(const std::string& text, const std::string& name, int request_id) {
  auto manifest = std::make_unique<ChunkedManifest>();
  Problems problems;
  nlohmann::json reply;
  std::string message;
  if (!read_chunked_manifest(text, *manifest, problems)) {
    message = "Could not open " + name + ": " + problems.summary();
  } else {
    // Refuse what cannot fit before fetching it, rather than after.
    const std::string refusal = memory_refusal(
        name, static_cast<double>(manifest->resident_bytes) * kResidentBytesNeededPerByte);
    if (!refusal.empty()) message = refusal;
  }
  if (!message.empty()) {
    status_.error = message;
    status_.retryable = false;
    status_.loading = loader_ != nullptr || indexing_ != nullptr;
    ps_js_load_finished(request_id, 0, 0, message.c_str());
    request_frames();
    return nlohmann::json({{"ok", false}, {"error", message}}).dump();
  }
  reply = {{"ok", true},
           {"file", manifest->resident_file},
           {"bytes", static_cast<double>(manifest->resident_bytes)},
           {"papers", manifest->papers},
           {"chunks", manifest->chunks.size()}};
  pending_manifest_ = std::move(manifest);
  pending_manifest_name_ = name;
  pending_request_ = request_id;
  pending_fetched_ = static_cast<double>(text.size());
  return reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

char* App::stage_resident_buffer(size_t length, std::string name) {
  return stage_buffer(length, std::move(name), kResidentBytesNeededPerByte);
}

void App::begin_chunked_load(int request_id, bool is_default, bool keep_error) {
  if (!pending_manifest_ || pending_request_ != request_id || staged_.size() != 1) {
    staged_.clear();
    load_failed(request_id, "Could not open the collection: replaced by a newer load");
    return;
  }
  cancel_running_load();
  std::string resident = std::move(staged_.back().bytes);
  staged_.clear();
  pending_fetched_ += static_cast<double>(resident.size());
  status_.loading = true;
  status_.progress = 0.5f;
  status_.loading_what = "the index of " + std::to_string(pending_manifest_->papers) + " papers";
  chunked_load_name_ = pending_manifest_name_;
  indexing_ = std::make_unique<IndexingJob>(std::move(*pending_manifest_), std::move(resident));
  pending_manifest_.reset();
  load_input_count_ = 1;
  load_request_ = request_id;
  load_is_default_ = is_default;
  load_keeps_error_ = keep_error;
  request_frames();
}

void App::dispatch_chunk_requests() {
  const ChunkedCollection* chunks = explorer_.chunks();
  if (!chunks) return;
  for (uint32_t chunk : explorer_.take_chunk_requests()) {
    const ChunkEntry& entry = chunks->manifest().chunks[chunk];
    ++chunks_in_flight_;
    ps_js_fetch_chunk(collection_number_, static_cast<int>(chunk), entry.file().c_str(),
                      static_cast<double>(entry.bytes));
  }
}

void App::chunk_arrived(int collection, uint32_t chunk, std::string_view bytes) {
  if (collection != collection_number_ || !explorer_.chunks()) return;  // since replaced
  if (chunks_in_flight_ > 0) --chunks_in_flight_;
  bytes_fetched_ += static_cast<double>(bytes.size());
  // A chunk that does not check out is kept as failed, with its message, for the view.
  std::string error;
  explorer_.attach_chunk(chunk, bytes, error);
  request_frames();
}

void App::chunk_fetch_failed(int collection, uint32_t chunk, const std::string& message) {
  if (collection != collection_number_ || !explorer_.chunks()) return;
  if (chunks_in_flight_ > 0) --chunks_in_flight_;
  explorer_.chunk_failed(chunk, message);
  request_frames();
}

}  // namespace ps
