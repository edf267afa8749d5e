// paperscope convert IN... -o OUT.json / paperscope merge A B... -o OUT.json
// paperscope convert IN... --chunked OUT_DIR (a chunked collection, core/chunked.h)
#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include "cli/cli.h"
#include "core/bundle_writer.h"
#include "core/chunked.h"

namespace cli {

namespace {

const char* kConvertUsage =
    "usage: paperscope convert IN... -o OUT.json [--title T] [--description D]\n"
    "                          [--created YYYY-MM-DD]\n"
    "       paperscope convert IN... --chunked OUT_DIR [--chunk-kb N] [--abstract-words]\n"
    "\n"
    "Reads each input in whatever format it is (detected from its contents), merges them\n"
    "(duplicates fold by arXiv id, DOI, then title) and writes one Paperscope bundle.\n"
    "An input of \"-\" is standard input; an output of \"-\" is standard output.\n"
    "\n"
    "With --chunked, writes a chunked collection instead (docs/bundle-format.md): OUT_DIR/\n"
    "manifest.json, a resident part that the explorer loads up front (what search, sorting\n"
    "and the list need, with the index), and chunks of the rest (abstracts, links, all\n"
    "authors) that it fetches when a paper is shown. Serve the folder and open\n"
    "?bundle=…/OUT_DIR/manifest.json. Files of an earlier conversion into the same folder\n"
    "that the new manifest does not name are removed.\n"
    "\n"
    "  -o, --output FILE     the bundle to write (this or --chunked is required)\n"
    "  --chunked DIR         write a chunked collection into DIR (made if missing)\n"
    "  --chunk-kb N          close a chunk once it holds N KB (default 192)\n"
    "  --abstract-words      index the abstracts' words in the resident part too (bigger;\n"
    "                        without it, bare words and abstract: do not search abstracts)\n"
    "  --title T             the collection's title (default: the input's own, or its name)\n"
    "  --description D       a description\n"
    "  --created DATE        when the collection was made (default: today)\n"
    "\n"
    "Exit status: 0 written, 1 an input has problems (nothing is written), 2 usage.\n";

const char* kMergeUsage =
    "usage: paperscope merge A B... -o OUT.json [--title T] [--description D]\n"
    "                        [--created YYYY-MM-DD]\n"
    "\n"
    "Merges collections (bundles or any other format Paperscope reads) into one bundle.\n"
    "The same paper in several inputs is kept once: papers are the same when they share an\n"
    "arXiv id, else a DOI, else their normalised title. The richer value of each field is\n"
    "kept, and tags, links, external ids and sources are combined; every paper lists the\n"
    "inputs it came from in \"sources\".\n"
    "\n"
    "  -o, --output FILE     the bundle to write (required)\n"
    "  --title T             the collection's title (default: the inputs' names)\n"
    "  --description D       a description\n"
    "  --created DATE        when the collection was made (default: today)\n"
    "\n"
    "Exit status: 0 written, 1 an input has problems (nothing is written), 2 usage.\n";

// Writes a chunked collection into dir: chunks/ beside the manifest and the resident part.
int write_chunked_dir(const ps::PaperStore& store, const std::string& dir,
                      const ps::ChunkedOptions& options) {
  auto make_dir = [](const std::string& path, std::string& error) {
    if (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return true;
    error = std::strerror(errno);
    return false;
  };
  std::string error;
  if (!make_dir(dir, error) || !make_dir(dir + "/chunks", error)) {
    std::fprintf(stderr, "%s: error: cannot make the folder: %s\n", dir.c_str(), error.c_str());
    return kInvalid;
  }
  std::set<std::string> written;
  const ps::FileSink sink = [&](const std::string& path, std::string_view bytes, std::string& why) {
    written.insert(path);
    return write_file(dir + "/" + path, std::string(bytes), why) ||
           (why = path + ": " + why, false);
  };
  ps::ChunkedStats stats;
  if (!ps::write_chunked(store, options, sink, error, &stats)) {
    std::fprintf(stderr, "%s: error: cannot write the collection: %s\n", dir.c_str(),
                 error.c_str());
    return kInvalid;
  }
  // What an earlier conversion left that this manifest does not name.
  size_t removed = 0;
  for (const std::string& sub : {std::string(), std::string("chunks/")}) {
    if (DIR* d = opendir((dir + "/" + sub).c_str())) {
      while (dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        const bool ours = name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0 &&
                          (!sub.empty() || name.rfind("resident-", 0) == 0);
        if (ours && !written.count(sub + name) &&
            std::remove((dir + "/" + sub + name).c_str()) == 0)
          ++removed;
      }
      closedir(d);
    }
  }
  std::fprintf(
      stderr,
      "wrote %u papers to %s/: manifest %.1f KB, resident part %.1f MB, %u chunks of %.1f MB "
      "in all (%.0f KB each on average)\n",
      store.size(), dir.c_str(), stats.manifest_bytes / 1e3, stats.resident_bytes / 1e6,
      stats.chunks, stats.chunk_bytes / 1e6,
      stats.chunks ? stats.chunk_bytes / 1e3 / stats.chunks : 0.0);
  std::fprintf(stderr, "  resident part: %u words, %llu postings, %llu word occurrences;",
               stats.words, static_cast<unsigned long long>(stats.postings),
               static_cast<unsigned long long>(stats.word_occurrences));
  for (const auto& [name, bytes] : stats.sections)
    std::fprintf(stderr, " %s %.1f MB", name.c_str(), bytes / 1e6);
  std::fputc('\n', stderr);
  if (removed) std::fprintf(stderr, "  removed %zu files of an earlier conversion\n", removed);
  return kOk;
}

}  // namespace

int cmd_convert(const std::vector<std::string>& raw, bool merge) {
  const char* usage = merge ? kMergeUsage : kConvertUsage;
  const char* name = merge ? "merge" : "convert";
  Args args(raw,
            {"-o", "--output", "--title", "--description", "--created", "--chunked", "--chunk-kb"},
            {"-h", "--help", "--abstract-words"});
  if (args.ok() && (args.has("-h") || args.has("--help"))) {
    std::fputs(usage, stdout);
    return kOk;
  }
  const std::string output = args.value("-o", args.value("--output"));
  const std::vector<std::string>& inputs = args.positional();
  std::string problem = args.error();
  if (problem.empty() && inputs.empty()) problem = "no input files";
  if (problem.empty() && merge && inputs.size() < 2) problem = "merge needs two inputs or more";
  const std::string chunked_dir = merge ? std::string() : args.value("--chunked");
  if (problem.empty() && merge &&
      (args.has("--chunked") || args.has("--chunk-kb") || args.has("--abstract-words"))) {
    problem = "merge writes a bundle; convert it with --chunked afterwards";
  }
  if (problem.empty() && output.empty() && chunked_dir.empty())
    problem = "no output file (-o OUT.json)";
  if (problem.empty() && !output.empty() && !chunked_dir.empty())
    problem = "-o and --chunked: choose one";
  ps::ChunkedOptions chunked_options;
  chunked_options.abstract_words = args.has("--abstract-words");
  if (problem.empty() && args.has("--chunk-kb")) {
    const std::string kb = args.value("--chunk-kb");
    char* end = nullptr;
    const long value = std::strtol(kb.c_str(), &end, 10);
    if (kb.empty() || *end || value < 1 || value > 65536)
      problem = "--chunk-kb: expected a number of KB from 1 to 65536";
    else
      chunked_options.chunk_bytes = static_cast<size_t>(value) * 1024;
  }
  ps::PaperDate created;
  std::string date_error;
  if (problem.empty() && !ps::parse_date(args.value("--created", today()), created, date_error)) {
    problem = "--created: " + date_error;
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "paperscope %s: %s\n\n%s", name, problem.c_str(), usage);
    return kUsage;
  }

  Loaded loaded = load_files(inputs);
  if (!loaded.ok) {
    std::fprintf(stderr, "paperscope %s: nothing written: fix the errors above\n", name);
    return kInvalid;
  }
  ps::PaperStore& store = loaded.result.store;
  if (args.has("--title")) store.info.title = args.value("--title");
  if (args.has("--description")) store.info.description = args.value("--description");
  store.info.created = created;
  if (store.info.title.empty()) store.info.title = "Papers";
  for (const auto& input : loaded.inputs) {
    std::fprintf(stderr, "read %s: %zu papers (%s)\n", input.name.c_str(), input.papers,
                 input.format.c_str());
  }
  if (!chunked_dir.empty()) return write_chunked_dir(store, chunked_dir, chunked_options);
  std::string error;
  if (!write_file(output, ps::write_bundle(store), error)) {
    std::fprintf(stderr, "%s: error: cannot write the file: %s\n", output.c_str(), error.c_str());
    return kInvalid;
  }
  std::fprintf(stderr, "wrote %u papers to %s", store.size(), output.c_str());
  if (loaded.result.folded) {
    std::fprintf(stderr, " (%zu duplicates folded)", loaded.result.folded);
  }
  std::fputc('\n', stderr);
  return kOk;
}

}  // namespace cli
