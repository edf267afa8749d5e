#include "cli/cli.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/bundle_writer.h"
#include "core/chunked.h"

namespace cli {

bool read_file(const std::string& path, std::string& out, std::string& error) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = errno ? std::strerror(errno) : "cannot open it";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read it";
    return false;
  }
  out = buffer.str();
  return true;
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.flush();
  if (!out) {
    error = errno ? std::strerror(errno) : "cannot write it";
    return false;
  }
  return true;
}

void print_problems(const std::string& file, const ps::Problems& problems) {
  for (const ps::Problem& p : problems.errors) {
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(), p.to_string().c_str());
  }
  if (problems.suppressed) {
    std::fprintf(stderr, "%s: error: … and %zu more errors\n", file.c_str(), problems.suppressed);
  }
  for (const ps::Problem& p : problems.warnings) {
    std::fprintf(stderr, "%s: warning: %s\n", file.c_str(), p.to_string().c_str());
  }
  if (problems.suppressed_warnings) {
    std::fprintf(stderr, "%s: warning: … and %zu more warnings\n", file.c_str(),
                 problems.suppressed_warnings);
  }
}

Loaded load_files(const std::vector<std::string>& files, size_t max_errors, bool allow_empty) {
  Loaded loaded;
  std::vector<ps::LoadInput> inputs;
  size_t total_bytes = 0;
  bool readable = true;
  for (const std::string& file : files) {
    ps::LoadInput input;
    input.name = file;
    std::string error;
    if (!read_file(file, input.bytes, error)) {
      std::fprintf(stderr, "%s: error: cannot read the file: %s\n", file.c_str(), error.c_str());
      readable = false;
      continue;
    }
    if (ps::looks_like_chunked_manifest(input.bytes)) {
      // A chunked collection: its manifest, resident part and every chunk, read as one.
      const std::string dir =
          file.find('/') == std::string::npos ? "." : file.substr(0, file.rfind('/'));
      ps::ChunkedRead chunked = ps::read_chunked(
          input.bytes,
          [&](const std::string& path, std::string& bytes, std::string& why) {
            return read_file(dir + "/" + path, bytes, why);
          },
          /*all_chunks=*/true);
      if (!chunked.ok()) {
        print_problems(file, chunked.problems);
        readable = false;
        continue;
      }
      if (files.size() == 1) {
        loaded.result.store = std::move(chunked.store);
        loaded.result.format = "Paperscope chunked collection";
        loaded.inputs.push_back({file, loaded.result.format, loaded.result.store.size(), {}});
        loaded.ok = true;
        return loaded;
      }
      input.bytes = ps::write_bundle(chunked.store);  // merged with the others as a bundle
    }
    total_bytes += input.bytes.size();
    inputs.push_back(std::move(input));
  }
  if (!readable) return loaded;

  ps::ImportOptions options;
  options.max_errors = max_errors;
  options.allow_empty = allow_empty;
  ps::CollectionLoader loader(std::move(inputs), options);
  // Progress: a line rewritten in place, only at a terminal and only for long work.
  const bool show_progress = isatty(STDERR_FILENO) && total_bytes > (8u << 20);
  const auto start = std::chrono::steady_clock::now();
  auto last_shown = start;
  bool shown = false;
  while (!loader.step(4096)) {
    if (!show_progress) continue;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_shown < std::chrono::milliseconds(200)) continue;
    last_shown = now;
    shown = true;
    std::fprintf(stderr, "\r\033[Kreading %s: %3.0f%%, %zu papers", loader.current_name().c_str(),
                 100.0 * loader.progress(), loader.papers_read());
  }
  if (shown) std::fputs("\r\033[K", stderr);
  loaded.inputs = loader.inputs();
  for (const auto& input : loaded.inputs) print_problems(input.name, input.problems);
  loaded.result = std::move(loader.result());
  // Problems of the merge itself (ids two papers would share).
  for (const ps::Problem& p : loaded.result.problems.warnings) {
    if (p.source.empty() && files.size() > 1) {
      std::fprintf(stderr, "paperscope: warning: %s\n", p.to_string().c_str());
    }
  }
  // Problems of the collection as a whole (it holds no papers), when every input read well.
  bool inputs_ok = true;
  for (const auto& input : loaded.inputs) inputs_ok = inputs_ok && input.problems.ok();
  if (inputs_ok) {
    const std::string name = files.size() == 1 ? files[0] : std::string("paperscope");
    for (const ps::Problem& p : loaded.result.problems.errors) {
      std::fprintf(stderr, "%s: error: %s\n", name.c_str(), p.to_string().c_str());
    }
  }
  loaded.ok = loaded.result.ok();
  return loaded;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::tm tm_utc{};
  gmtime_r(&now, &tm_utc);
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm_utc);
  return buf;
}

Args::Args(const std::vector<std::string>& args, std::vector<std::string> value_options,
           std::vector<std::string> flag_options) {
  auto is_in = [](const std::vector<std::string>& list, const std::string& name) {
    for (const std::string& s : list) {
      if (s == name) return true;
    }
    return false;
  };
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a, value;
    const size_t eq = a.find('=');
    const bool inline_value = a.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    if (is_in(flag_options, name)) {
      if (inline_value) {
        error_ = name + " takes no value";
        return;
      }
      values_.emplace_back(name, "");
    } else if (is_in(value_options, name)) {
      if (!inline_value) {
        if (i + 1 >= args.size()) {
          error_ = name + " needs a value";
          return;
        }
        value = args[++i];
      }
      values_.emplace_back(name, value);
    } else {
      error_ = "unknown option " + name;
      return;
    }
  }
}

bool Args::has(const std::string& name) const {
  for (const auto& [n, v] : values_) {
    if (n == name) return true;
  }
  return false;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
  // The last one given wins.
  for (auto it = values_.rbegin(); it != values_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return fallback;
}

}  // namespace cli
