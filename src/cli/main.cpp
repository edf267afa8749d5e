// paperscope: the command-line tool for bundles, linking the same core as the explorer.
// docs/cli.md describes every command.
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/bundle_writer.h"
#include "core/importers.h"

namespace {

const char* kUsage =
    "usage: paperscope <command> [options]\n"
    "\n"
    "commands:\n"
    "  convert IN... -o OUT.json [--title T] [--description D] [--created YYYY-MM-DD]\n"
    "                     read collections in any supported format, write one bundle\n"
    "  validate FILE...   check files; exit 0 when all are valid, 1 otherwise\n"
    "  stats FILE...      what a collection holds\n"
    "\n"
    "  -h, --help         this text\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

std::string today() {
  std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&now));
  return buf;
}

void print_problems(const std::string& file, const ps::Problems& problems) {
  for (const ps::Problem& p : problems.errors) {
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(), p.to_string().c_str());
  }
  if (problems.suppressed) {
    std::fprintf(stderr, "%s: error: ... and %zu more errors\n", file.c_str(), problems.suppressed);
  }
  for (const ps::Problem& p : problems.warnings) {
    std::fprintf(stderr, "%s: warning: %s\n", file.c_str(), p.to_string().c_str());
  }
}

// Reads and imports one file; prints its problems. Returns false when it cannot be used.
bool import_file(const std::string& path, ps::ImportResult& result) {
  std::string bytes;
  if (!read_file(path, bytes)) {
    std::fprintf(stderr, "%s: error: cannot read the file\n", path.c_str());
    return false;
  }
  result = ps::import_collection(bytes, path);
  print_problems(path, result.problems);
  return result.ok();
}

int cmd_convert(const std::vector<std::string>& args) {
  std::vector<std::string> inputs;
  std::string output, title, description, created;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "convert: %s needs a value\n", a.c_str());
        return false;
      }
      out = args[++i];
      return true;
    };
    if (a == "-o" || a == "--output") {
      if (!value(output)) return 2;
    } else if (a == "--title") {
      if (!value(title)) return 2;
    } else if (a == "--description") {
      if (!value(description)) return 2;
    } else if (a == "--created") {
      if (!value(created)) return 2;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty() || output.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  ps::PaperStore merged;
  for (const std::string& input : inputs) {
    ps::ImportResult result;
    if (!import_file(input, result)) return 1;
    if (merged.empty() && merged.info.title.empty()) merged.info = result.store.info;
    for (uint32_t row = 0; row < result.store.size(); ++row) {
      if (merged.find(result.store.id(row)) >= 0) continue;
      merged.add(result.store.record(row));
    }
  }
  if (!title.empty()) merged.info.title = title;
  if (!description.empty()) merged.info.description = description;
  std::string error;
  if (!ps::parse_date(created.empty() ? today() : created, merged.info.created, error)) {
    std::fprintf(stderr, "convert: --created: %s\n", error.c_str());
    return 2;
  }
  if (merged.info.title.empty()) merged.info.title = "Papers";
  std::ofstream out(output, std::ios::binary);
  out << ps::write_bundle(merged);
  if (!out) {
    std::fprintf(stderr, "%s: error: cannot write the file\n", output.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %u papers to %s\n", merged.size(), output.c_str());
  return 0;
}

int cmd_validate(const std::vector<std::string>& files) {
  if (files.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  bool all_ok = true;
  for (const std::string& file : files) {
    ps::ImportResult result;
    const bool ok = import_file(file, result);
    if (ok) std::printf("%s: ok, %u papers (%s)\n", file.c_str(), result.store.size(),
                        result.format.c_str());
    all_ok = all_ok && ok;
  }
  return all_ok ? 0 : 1;
}

int cmd_stats(const std::vector<std::string>& files) {
  if (files.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  ps::PaperStore merged;
  for (const std::string& file : files) {
    ps::ImportResult result;
    if (!import_file(file, result)) return 1;
    for (uint32_t row = 0; row < result.store.size(); ++row) {
      if (merged.find(result.store.id(row)) < 0) merged.add(result.store.record(row));
    }
  }
  uint32_t with_code = 0, dated = 0;
  ps::PaperDate first, last;
  for (uint32_t row = 0; row < merged.size(); ++row) {
    with_code += merged.has_code(row);
    const ps::PaperDate d = merged.date(row);
    if (!d.known()) continue;
    ++dated;
    if (!first.known() || d.sort_key() < first.sort_key()) first = d;
    if (!last.known() || d.sort_key() > last.sort_key()) last = d;
  }
  std::printf("%u papers\n", merged.size());
  if (dated) std::printf("dates: %s to %s (%u undated)\n", first.to_string().c_str(),
                         last.to_string().c_str(), merged.size() - dated);
  std::printf("with code: %u (%.0f%%)\n", with_code,
              merged.size() ? 100.0 * with_code / merged.size() : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "convert") return cmd_convert(args);
  if (command == "validate") return cmd_validate(args);
  if (command == "stats") return cmd_stats(args);
  std::fprintf(stderr, "paperscope: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return 2;
}
