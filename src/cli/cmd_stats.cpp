// paperscope stats FILE...
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "cli/cli.h"

namespace cli {

namespace {

const char* kStatsUsage =
    "usage: paperscope stats FILE... [--top N]\n"
    "\n"
    "Reads the files (merged, as convert would) and prints what the collection holds. The\n"
    "first line is always \"N papers\"; then the date range, authors, the most frequent tags,\n"
    "the share with code, and, for several files, what each contributed.\n"
    "\n"
    "  --top N   how many tags to list (default 10)\n"
    "\n"
    "Exit status: 0 done, 1 an input has problems, 2 usage.\n";

}  // namespace

int cmd_stats(const std::vector<std::string>& raw) {
  Args args(raw, {"--top"}, {"-h", "--help"});
  if (args.ok() && (args.has("-h") || args.has("--help"))) {
    std::fputs(kStatsUsage, stdout);
    return kOk;
  }
  std::string problem = args.error();
  if (problem.empty() && args.positional().empty()) problem = "no files";
  size_t top = 10;
  if (problem.empty() && args.has("--top")) {
    const std::string value = args.value("--top");
    char* end = nullptr;
    top = std::strtoul(value.c_str(), &end, 10);
    if (value.empty() || *end) problem = "--top: expected a number";
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "paperscope stats: %s\n\n%s", problem.c_str(), kStatsUsage);
    return kUsage;
  }
  Loaded loaded = load_files(args.positional());
  if (!loaded.ok) return kInvalid;
  const ps::PaperStore& store = loaded.result.store;
  const uint32_t n = store.size();

  uint32_t with_code = 0, dated = 0, count_only = 0;
  uint64_t author_slots = 0;
  ps::PaperDate first, last;
  std::set<std::string_view> names;
  std::unordered_map<uint32_t, uint32_t> tag_counts;  // (kind << 28 | value) → papers
  for (uint32_t row = 0; row < n; ++row) {
    with_code += store.has_code(row);
    author_slots += store.author_count(row);
    if (store.named_author_count(row) == 0 && store.author_count(row) > 0) ++count_only;
    for (uint32_t i = 0; i < store.named_author_count(row); ++i) names.insert(store.author(row, i));
    for (const ps::TagRef& tag : store.tags(row)) {
      ++tag_counts[static_cast<uint32_t>(tag.kind) << 28 | tag.value];
    }
    const ps::PaperDate d = store.date(row);
    if (!d.known()) continue;
    ++dated;
    if (!first.known() || d.sort_key() < first.sort_key()) first = d;
    if (!last.known() || d.sort_key() > last.sort_key()) last = d;
  }

  std::printf("%u papers\n", n);
  if (!store.info.title.empty()) std::printf("title: %s\n", store.info.title.c_str());
  if (dated) {
    std::printf("dates: %s to %s", first.to_string().c_str(), last.to_string().c_str());
    if (n > dated) std::printf(" (%u undated)", n - dated);
    std::printf("\n");
  } else {
    std::printf("dates: none\n");
  }
  std::printf("authors: %zu distinct names, %.1f per paper", names.size(),
              n ? static_cast<double>(author_slots) / n : 0.0);
  if (count_only) std::printf(" (%u papers give only a count)", count_only);
  std::printf("\n");

  std::vector<std::pair<uint32_t, uint32_t>> tags(tag_counts.begin(), tag_counts.end());
  std::sort(tags.begin(), tags.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return store.tag_value(a.first & 0x0fffffff) < store.tag_value(b.first & 0x0fffffff);
  });
  if (tags.empty() || top == 0) {
    std::printf("top tags: none\n");
  } else {
    std::printf("top tags:\n");
    for (size_t i = 0; i < tags.size() && i < top; ++i) {
      const auto kind = static_cast<ps::TagKind>(tags[i].first >> 28);
      std::printf("  %6u  %s (%s)\n", tags[i].second,
                  std::string(store.tag_value(tags[i].first & 0x0fffffff)).c_str(),
                  ps::tag_kind_name(kind));
    }
  }
  std::printf("with code: %u of %u (%.0f%%)\n", with_code, n, n ? 100.0 * with_code / n : 0.0);
  if (loaded.inputs.size() > 1) {
    std::printf("sources:\n");
    for (const auto& input : loaded.inputs) {
      std::printf("  %s: %zu papers (%s)\n", input.name.c_str(), input.papers,
                  input.format.c_str());
    }
    if (loaded.result.folded) {
      std::printf("duplicates folded: %zu\n", loaded.result.folded);
    }
  }
  return kOk;
}

}  // namespace cli
