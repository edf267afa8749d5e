// paperscope convert IN... -o OUT.json / paperscope merge A B... -o OUT.json
#include <cstdio>

#include "cli/cli.h"
#include "core/bundle_writer.h"

namespace cli {

namespace {

const char* kConvertUsage =
    "usage: paperscope convert IN... -o OUT.json [--title T] [--description D]\n"
    "                          [--created YYYY-MM-DD]\n"
    "\n"
    "Reads each input in whatever format it is (detected from its contents), merges them\n"
    "(duplicates fold by arXiv id, DOI, then title) and writes one Paperscope bundle.\n"
    "An input of \"-\" is standard input; an output of \"-\" is standard output.\n"
    "\n"
    "  -o, --output FILE     the bundle to write (required)\n"
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

}  // namespace

int cmd_convert(const std::vector<std::string>& raw, bool merge) {
  const char* usage = merge ? kMergeUsage : kConvertUsage;
  const char* name = merge ? "merge" : "convert";
  Args args(raw, {"-o", "--output", "--title", "--description", "--created"}, {"-h", "--help"});
  if (args.ok() && (args.has("-h") || args.has("--help"))) {
    std::fputs(usage, stdout);
    return kOk;
  }
  const std::string output = args.value("-o", args.value("--output"));
  const std::vector<std::string>& inputs = args.positional();
  std::string problem = args.error();
  if (problem.empty() && inputs.empty()) problem = "no input files";
  if (problem.empty() && merge && inputs.size() < 2) problem = "merge needs two inputs or more";
  if (problem.empty() && output.empty()) problem = "no output file (-o OUT.json)";
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
