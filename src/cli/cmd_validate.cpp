// paperscope validate FILE...
#include <cstdio>
#include <cstdlib>

#include "cli/cli.h"

namespace cli {

namespace {

const char* kValidateUsage =
    "usage: paperscope validate FILE...\n"
    "\n"
    "Checks each file on its own: its format is detected and every paper is read. Errors and\n"
    "warnings go to stderr, one a line, as FILE: error: PLACE: MESSAGE (PLACE is a JSON path\n"
    "such as $.papers[12].title or a line and column). A summary line per file goes to stdout.\n"
    "Warnings (a link that is not http(s), a record without a title) do not make a file\n"
    "invalid.\n"
    "\n"
    "  --max-errors N   report at most N errors per file (default 1000)\n"
    "\n"
    "Exit status: 0 every file is valid, 1 otherwise, 2 usage.\n";

}  // namespace

int cmd_validate(const std::vector<std::string>& raw) {
  Args args(raw, {"--max-errors"}, {"-h", "--help"});
  if (args.ok() && (args.has("-h") || args.has("--help"))) {
    std::fputs(kValidateUsage, stdout);
    return kOk;
  }
  std::string problem = args.error();
  if (problem.empty() && args.positional().empty()) problem = "no files to validate";
  size_t max_errors = 1000;
  if (problem.empty() && args.has("--max-errors")) {
    const std::string value = args.value("--max-errors");
    char* end = nullptr;
    const unsigned long n = std::strtoul(value.c_str(), &end, 10);
    if (value.empty() || *end || n == 0) {
      problem = "--max-errors: expected a positive number";
    } else {
      max_errors = n;
    }
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "paperscope validate: %s\n\n%s", problem.c_str(), kValidateUsage);
    return kUsage;
  }
  bool all_valid = true;
  for (const std::string& file : args.positional()) {
    // An empty bundle is well-formed (an export of nothing): valid, with 0 papers.
    Loaded loaded = load_files({file}, max_errors, /*allow_empty=*/true);
    if (!loaded.ok) {
      all_valid = false;
      const size_t errors =
          loaded.result.problems.errors.size() + loaded.result.problems.suppressed;
      if (loaded.inputs.empty()) {
        std::printf("%s: invalid: cannot read the file\n", file.c_str());
      } else {
        std::printf("%s: invalid: %zu error%s%s%s\n", file.c_str(), errors, errors == 1 ? "" : "s",
                    loaded.inputs[0].format.empty() ? "" : " (",
                    loaded.inputs[0].format.empty() ? "" : (loaded.inputs[0].format + ")").c_str());
      }
      continue;
    }
    const ps::ImportResult& result = loaded.result;
    const size_t warnings = result.problems.warnings.size() + result.problems.suppressed_warnings;
    std::printf("%s: valid: %u papers (%s", file.c_str(), result.store.size(),
                result.format.c_str());
    if (result.folded) std::printf(", %zu duplicates folded", result.folded);
    if (warnings) std::printf(", %zu warning%s", warnings, warnings == 1 ? "" : "s");
    std::printf(")\n");
  }
  return all_valid ? kOk : kInvalid;
}

}  // namespace cli
