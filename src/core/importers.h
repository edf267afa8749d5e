// Opening a collection in whatever format it comes in: the format is detected from the
// bytes, never from the file name. docs/formats.md describes each format and how its fields
// map onto a paper.
//
// Every format other than the bundle is read by a PaperReader, a slice of papers at a time,
// into PaperRecords that a Merger (merge.h) folds into one collection. The bundle reader
// builds its PaperStore directly (bundle_reader.h).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/load_result.h"
#include "core/paper_store.h"

namespace ps {

enum class Format : uint8_t {
  kUnknown,
  kBundle,           // Paperscope bundle v1
  kHfPageList,       // the list the default collection was made from (import_hf_page.cpp)
  kHfApi,            // Hugging Face papers API: /api/daily_papers, /api/papers/search, a paper
  kArxivJsonLines,   // arXiv metadata, OAI/Kaggle snapshot JSON lines
  kArxivAtom,        // arXiv API Atom XML
  kSemanticScholar,  // Semantic Scholar Graph API JSON
  kCslJson,          // CSL-JSON (Zotero, Better BibTeX, Manubot)
  kBibtex,           // BibTeX .bib
};

const char* format_name(Format format);  // "Hugging Face papers API JSON", …

// The formats this build reads, for messages.
std::string supported_formats();

struct Detection {
  Format format = Format::kUnknown;
  std::string why_unknown;  // for kUnknown: what the bytes look like instead
};
// Looks at the start of the bytes (and the keys of the first record) only.
Detection detect_format(std::string_view bytes);

// Reads one input of one format (not a bundle), a slice at a time.
class PaperReader {
 public:
  virtual ~PaperReader() = default;
  // Appends up to max_papers more papers to out. True when reading has finished, with or
  // without errors.
  virtual bool step(size_t max_papers, std::vector<PaperRecord>& out) = 0;
  virtual double progress() const = 0;  // 0..1

  Problems problems;
  CollectionInfo info;  // what the input says about itself (often only a title)
  size_t skipped = 0;   // records left out (no title), each with a warning
};

// A reader for text in `format` (not kBundle or kUnknown). text must outlive the reader.
std::unique_ptr<PaperReader> make_reader(Format format, std::string_view text);

struct ImportOptions {
  size_t max_errors = 20;  // stop collecting errors after this many
  // A load that ends with no papers fails with "the collection holds no papers" (so the page
  // keeps the collection it shows) unless allow_empty: `paperscope validate` allows it, as a
  // bundle with an empty list is well-formed (exporting nothing writes one). Inputs of other
  // formats that hold no papers fail either way ("it holds no papers").
  bool allow_empty = false;
};

struct ImportResult {
  PaperStore store;
  Problems problems;
  std::string format;  // human name of the detected format, "" when unknown
  size_t records = 0;  // papers read before duplicates were folded
  size_t folded = 0;   // duplicates folded into an earlier paper
  bool ok() const { return problems.ok(); }
};

// Reads one input whole. source_name (a file name or URL) is recorded as each imported
// paper's source; bundles keep the sources they record.
ImportResult import_collection(std::string_view bytes, std::string_view source_name,
                               const ImportOptions& options = {});
// The same, taking the bytes over: no copy of a big file.
ImportResult import_collection_owning(std::string&& bytes, std::string_view source_name,
                                      const ImportOptions& options = {});

// [Internal] the readers behind make_reader, one per import_<format>.cpp.
std::unique_ptr<PaperReader> make_hf_page_list_reader(std::string_view text);
std::unique_ptr<PaperReader> make_hf_api_reader(std::string_view text);
std::unique_ptr<PaperReader> make_arxiv_jsonl_reader(std::string_view text);
std::unique_ptr<PaperReader> make_arxiv_atom_reader(std::string_view text);
std::unique_ptr<PaperReader> make_semantic_scholar_reader(std::string_view text);
std::unique_ptr<PaperReader> make_csl_json_reader(std::string_view text);
std::unique_ptr<PaperReader> make_bibtex_reader(std::string_view text);

// [Internal] detection helpers, shared with the tests.
bool looks_like_hf_page_list(std::string_view text);

}  // namespace ps
