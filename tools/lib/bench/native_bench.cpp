// bench_native: tools/bench's native numbers. Loads a bundle through the same C API as
// paperscope-core.mjs (src/platform/core_api) and replays query scripts keystroke by
// keystroke, printing one JSON line per event, the protocol engine.mjs speaks too:
//   {"event":"load","ms":..,"count":..,"memory":{..}}
//   {"event":"key","round":r,"script":s,"query":"tra","ms":..,"matched":..}
//   {"event":"done"}
// usage: bench_native BUNDLE QUERIES [--limit N] [--rounds N]
//        bench_native --read-only FILE
//   BUNDLE: a collection in any format Paperscope reads (detected, as the page and CLI do).
//   QUERIES: one query script per line (UTF-8); each is typed one code point at a time.
//   --read-only: only reads FILE into a collection (ps::import_collection_owning, what
//   ps_core_load does before it builds the search index) and prints
//   {"event":"read","ms":..,"count":..}:
//   tools/bench --import's split of a load into reading and indexing.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/importers.h"
#include "platform/core_api/core_api.h"

namespace {

double now_ms() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// kB from a "VmRSS:   1234 kB" line of /proc/self/status (0 where there is none).
double status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::atof(line.c_str() + n + 1);
    }
  }
  return 0;
}

// Byte lengths of every prefix that ends on a code point boundary: "mü" → 1, 3.
std::vector<size_t> keystroke_prefixes(const std::string& query) {
  std::vector<size_t> ends;
  for (size_t i = 1; i <= query.size(); ++i) {
    if (i == query.size() || (static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) {
      ends.push_back(i);
    }
  }
  return ends;
}

// Bytes in memory → a collection (no index), as ps_core_load reads them.
int read_only(const char* path) {
  std::string bytes;
  if (!read_file(path, bytes)) {
    std::fprintf(stderr, "bench_native: cannot read %s\n", path);
    return 1;
  }
  const double t0 = now_ms();
  // Moved, as ps_core_load hands its buffer over: no copy of the file.
  const ps::ImportResult result = ps::import_collection_owning(std::move(bytes), "bytes");
  const double ms = now_ms() - t0;
  if (!result.ok()) {
    std::printf("{\"event\":\"error\",\"message\":%s}\n",
                json_string(result.problems.summary()).c_str());
    return 1;
  }
  std::printf("{\"event\":\"read\",\"ms\":%.3f,\"count\":%u,\"peakRssMB\":%.1f}\n", ms,
              static_cast<unsigned>(result.store.size()), status_kb("VmHWM") / 1024);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--read-only") == 0) return read_only(argv[2]);
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: bench_native BUNDLE QUERIES [--limit N] [--rounds N]\n"
                 "       bench_native --read-only FILE\n");
    return 2;
  }
  int limit = 20, rounds = 3;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--limit") == 0) limit = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  std::string bytes, query_text;
  if (!read_file(argv[1], bytes) || !read_file(argv[2], query_text)) {
    std::fprintf(stderr, "bench_native: cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  std::vector<std::string> scripts;
  std::istringstream lines(query_text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) scripts.push_back(line);
  }

  ps_core* core = ps_core_new();
  const double rss_before_kb = status_kb("VmRSS");
  const double t0 = now_ms();
  char* buffer = ps_core_load_buffer(core, static_cast<uint32_t>(bytes.size()));
  if (!buffer) {
    std::printf("{\"event\":\"error\",\"message\":\"out of memory for the bytes\"}\n");
    return 1;
  }
  std::memcpy(buffer, bytes.data(), bytes.size());
  const int32_t count = ps_core_load(core);
  const double load_ms = now_ms() - t0;
  if (count < 0) {
    std::printf("{\"event\":\"error\",\"message\":%s}\n", json_string(ps_core_error(core)).c_str());
    return 1;
  }
  std::string().swap(bytes);  // what stays is the core's, as in a page
  std::printf(
      "{\"event\":\"load\",\"ms\":%.3f,\"count\":%d,\"memory\":{\"rssMB\":%.1f,"
      "\"peakRssMB\":%.1f,\"baseRssMB\":%.1f,\"storeMB\":%.1f,\"indexMB\":%.1f}}\n",
      load_ms, count, status_kb("VmRSS") / 1024, status_kb("VmHWM") / 1024, rss_before_kb / 1024,
      ps_core_store_bytes(core) / 1048576, ps_core_index_bytes(core) / 1048576);
  std::fflush(stdout);

  for (int round = 0; round < rounds; ++round) {
    for (size_t s = 0; s < scripts.size(); ++s) {
      const std::string& script = scripts[s];
      for (const size_t end : keystroke_prefixes(script)) {
        const std::string query = script.substr(0, end);
        const double start = now_ms();
        const int32_t matched = ps_core_search(core, query.c_str(), limit);
        const double ms = now_ms() - start;
        std::printf(
            "{\"event\":\"key\",\"round\":%d,\"script\":%zu,\"query\":%s,\"ms\":%.4f,"
            "\"matched\":%d}\n",
            round, s, json_string(query).c_str(), ms, matched);
      }
      // Clearing the box between scripts, as a person would; not timed.
      ps_core_search(core, "", limit);
    }
    std::fflush(stdout);
  }
  std::printf("{\"event\":\"done\",\"memory\":{\"rssMB\":%.1f,\"peakRssMB\":%.1f}}\n",
              status_kb("VmRSS") / 1024, status_kb("VmHWM") / 1024);
  ps_core_delete(core);
  return 0;
}
