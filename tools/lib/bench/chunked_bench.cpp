// bench_chunked: tools/bench --million's native numbers for a chunked collection (made by
// `paperscope convert --chunked`). Opens it as the page does (manifest, resident part: size
// and hash check, then the decoder a slice at a time), replays the query scripts keystroke
// by keystroke through the Explorer, then opens papers (reads, checks and attaches the chunk
// holding each). One JSON line per event:
//   {"event":"open","manifestMs":..,"readMs":..,"hashMs":..,"decodeMs":..,"sections":{..},..}
//   {"event":"key","round":r,"script":s,"query":"tra","ms":..,"matched":..}
//   {"event":"paper","row":..,"chunkBytes":..,"ms":..}
//   {"event":"done"}
// usage: bench_chunked MANIFEST QUERIES [--rounds N] [--papers N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/chunked.h"
#include "core/explorer.h"

namespace {

double now_ms() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  out.resize(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return static_cast<bool>(in);
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

double status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
      return std::atof(line.c_str() + n + 1);
  }
  return 0;
}

std::vector<size_t> keystroke_prefixes(const std::string& query) {
  std::vector<size_t> ends;
  for (size_t i = 1; i <= query.size(); ++i) {
    if (i == query.size() || (static_cast<unsigned char>(query[i]) & 0xC0) != 0x80)
      ends.push_back(i);
  }
  return ends;
}

int fail(const std::string& message) {
  std::printf("{\"event\":\"error\",\"message\":%s}\n", json_string(message).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_chunked MANIFEST QUERIES [--rounds N] [--papers N]\n");
    return 2;
  }
  int rounds = 3, papers_opened = 20;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--papers") == 0) papers_opened = std::atoi(argv[i + 1]);
  }
  const std::string manifest_path = argv[1];
  const std::string dir = manifest_path.substr(0, manifest_path.find_last_of('/') + 1);
  std::string query_text;
  if (!read_file(argv[2], query_text)) return fail(std::string("cannot read ") + argv[2]);
  std::vector<std::string> scripts;
  std::istringstream lines(query_text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) scripts.push_back(line);
  }

  // [SECTION] Opening: the manifest, the resident part's bytes, its hash, its decoding.
  const double rss_before_kb = status_kb("VmRSS");
  double t = now_ms();
  std::string manifest_text;
  if (!read_file(manifest_path, manifest_text)) return fail("cannot read " + manifest_path);
  ps::ChunkedManifest manifest;
  ps::Problems problems;
  if (!ps::read_chunked_manifest(manifest_text, manifest, problems))
    return fail(problems.summary());
  const double manifest_ms = now_ms() - t;

  t = now_ms();
  std::string resident;
  if (!read_file(dir + manifest.resident_file, resident))
    return fail("cannot read " + manifest.resident_file);
  const double read_ms = now_ms() - t;

  t = now_ms();
  const uint64_t hash = ps::xxh64(resident);
  const double hash_ms = now_ms() - t;
  if (hash != manifest.resident_hash) return fail(manifest.resident_file + ": hash mismatch");

  // The decoder a slice at a time, as the page runs it between frames; the time of each
  // section and the longest slice.
  std::map<std::string, double> section_ms;
  double longest_slice = 0;
  t = now_ms();
  auto decoder = std::make_unique<ps::ResidentDecoder>(manifest, resident);
  for (;;) {
    const std::string section = decoder->section();
    const double s = now_ms();
    const bool finished = decoder->step(4096);
    const double ms = now_ms() - s;
    section_ms[section] += ms;
    longest_slice = std::max(longest_slice, ms);
    if (finished) break;
  }
  const double decode_ms = now_ms() - t;
  if (!decoder->ok()) return fail(decoder->error());
  decoder.reset();
  // Then as the page does it (the hash and the decoding again, in the IndexingJob), up to
  // the first list of papers.
  ps::Explorer explorer;
  t = now_ms();
  ps::IndexingJob job(manifest, resident);
  while (!job.step(4096)) {
  }
  if (!job.error().empty()) return fail(job.error());
  explorer.set_collection(std::move(job));
  explorer.set_query("");
  const size_t shown = explorer.results().size();
  const double first_list_ms = now_ms() - t;
  const size_t resident_bytes = resident.size();
  std::string().swap(resident);

  std::string sections = "{";
  for (const auto& [name, ms] : section_ms) {
    if (sections.size() > 1) sections += ",";
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%s\":%.1f", name.c_str(), ms);
    sections += buf;
  }
  sections += "}";
  std::printf(
      "{\"event\":\"open\",\"papers\":%u,\"chunks\":%zu,\"manifestBytes\":%zu,"
      "\"residentBytes\":%zu,\"manifestMs\":%.1f,\"readMs\":%.1f,\"hashMs\":%.1f,"
      "\"decodeMs\":%.1f,\"longestSliceMs\":%.1f,\"firstListMs\":%.1f,\"shown\":%zu,"
      "\"sections\":%s,\"memory\":{\"rssMB\":%.1f,\"peakRssMB\":%.1f,\"baseRssMB\":%.1f,"
      "\"storeMB\":%.1f,\"indexMB\":%.1f}}\n",
      manifest.papers, manifest.chunks.size(), manifest_text.size(), resident_bytes, manifest_ms,
      read_ms, hash_ms, decode_ms, longest_slice, first_list_ms, shown, sections.c_str(),
      status_kb("VmRSS") / 1024, status_kb("VmHWM") / 1024, rss_before_kb / 1024,
      explorer.store().byte_size() / 1048576.0, explorer.index().byte_size() / 1048576.0);
  std::fflush(stdout);

  // [SECTION] Keystrokes
  for (int round = 0; round < rounds; ++round) {
    for (size_t s = 0; s < scripts.size(); ++s) {
      for (const size_t end : keystroke_prefixes(scripts[s])) {
        const std::string query = scripts[s].substr(0, end);
        const double start = now_ms();
        explorer.set_query(query);
        const size_t matched = explorer.results().size();
        const double ms = now_ms() - start;
        std::printf(
            "{\"event\":\"key\",\"round\":%d,\"script\":%zu,\"query\":%s,\"ms\":%.4f,"
            "\"matched\":%zu}\n",
            round, s, json_string(query).c_str(), ms, matched);
      }
      explorer.set_query("");
      explorer.results();
    }
    std::fflush(stdout);
  }

  // [SECTION] Facet counts under the broadest and the narrowest queries: the explorer's
  // panel counts them on every change of the results (part of a keystroke's frame).
  for (const char* query : {"", "t", "graph neural network"}) {
    explorer.set_query(query);
    const size_t matched = explorer.results().size();
    double ms[4];
    size_t values[4];
    for (int f = 0; f < 4; ++f) {
      const double start = now_ms();
      values[f] = explorer.facet_counts(static_cast<ps::FacetField>(f)).size();
      ms[f] = now_ms() - start;
    }
    double start = now_ms();
    (void)explorer.timeline();
    const double timeline_ms = now_ms() - start;
    start = now_ms();
    (void)explorer.timeline();  // the next frame's: cached
    const double timeline_again_ms = now_ms() - start;
    std::printf(
        "{\"event\":\"facets\",\"query\":%s,\"matched\":%zu,\"tagMs\":%.3f,"
        "\"venueMs\":%.3f,\"yearMs\":%.3f,\"hasCodeMs\":%.3f,\"tagValues\":%zu,"
        "\"venueValues\":%zu,\"timelineMs\":%.3f,\"timelineAgainMs\":%.3f}\n",
        json_string(query).c_str(), matched, ms[0], ms[1], ms[2], ms[3], values[0], values[1],
        timeline_ms, timeline_again_ms);
  }
  explorer.set_query("");
  explorer.results();

  // [SECTION] Opening papers: spread over the collection, each in a chunk not yet here.
  const uint32_t n = manifest.papers;
  for (int i = 0; i < papers_opened && n > 0; ++i) {
    const uint32_t row = static_cast<uint32_t>((static_cast<uint64_t>(n) * (2 * i + 1)) /
                                               (2 * static_cast<uint64_t>(papers_opened)));
    const double start = now_ms();
    explorer.want_details(row);
    std::string bytes, error;
    size_t fetched = 0;
    for (uint32_t chunk : explorer.take_chunk_requests()) {
      const std::string file = manifest.chunks[chunk].file();
      if (!read_file(dir + file, bytes)) return fail("cannot read " + file);
      fetched += bytes.size();
      if (!explorer.attach_chunk(chunk, bytes, error)) return fail(error);
    }
    const size_t abstract_bytes = explorer.store().abstract(row).size();
    const double ms = now_ms() - start;
    std::printf(
        "{\"event\":\"paper\",\"row\":%u,\"chunkBytes\":%zu,\"abstractBytes\":%zu,"
        "\"ms\":%.3f}\n",
        row, fetched, abstract_bytes, ms);
  }
  std::printf("{\"event\":\"done\",\"memory\":{\"rssMB\":%.1f,\"peakRssMB\":%.1f}}\n",
              status_kb("VmRSS") / 1024, status_kb("VmHWM") / 1024);
  return 0;
}
