// What the paperscope commands share: reading inputs (with progress on stderr), printing
// problems as "FILE: error: PLACE: MESSAGE", writing files, and a small argument parser.
#pragma once
#include <string>
#include <vector>

#include "core/collection_loader.h"

namespace cli {

// Exit codes: 0 done / valid, 1 an input has problems or an output cannot be written,
// 2 the command line is wrong.
constexpr int kOk = 0;
constexpr int kInvalid = 1;
constexpr int kUsage = 2;

// Reads a whole file ("-": standard input). On failure sets error to the system's reason.
bool read_file(const std::string& path, std::string& out, std::string& error);
bool write_file(const std::string& path, const std::string& text, std::string& error);

// Prints every problem of one input to stderr, each naming the file and the place.
void print_problems(const std::string& file, const ps::Problems& problems);

struct Loaded {
  ps::ImportResult result;
  std::vector<ps::CollectionLoader::InputSummary> inputs;
  bool ok = false;
};
// Reads and merges the files (one file: as it is). Problems go to stderr, per file; a
// progress line is kept up to date on stderr while reading big inputs at a terminal. Unless
// allow_empty, a collection with no papers is an error (ps::ImportOptions::allow_empty).
Loaded load_files(const std::vector<std::string>& files, size_t max_errors = 20,
                  bool allow_empty = false);

// Today as YYYY-MM-DD (UTC).
std::string today();

// A small argument parser: options with values ("-o FILE", "--limit=5") and positionals.
class Args {
 public:
  Args(const std::vector<std::string>& args, std::vector<std::string> value_options,
       std::vector<std::string> flag_options);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool has(const std::string& name) const;
  std::string value(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<std::string> positional_;
  std::string error_;
};

int cmd_convert(const std::vector<std::string>& args, bool merge);
int cmd_validate(const std::vector<std::string>& args);
int cmd_stats(const std::vector<std::string>& args);
int cmd_feed(const std::vector<std::string>& args);

}  // namespace cli
