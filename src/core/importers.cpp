// Format detection and the one-shot import. Detection looks at the first bytes and, for
// JSON, at the member names of the top level or of the first record: never at a file name.
//
// Index of this file
// [SECTION] Names
// [SECTION] Detection
// [SECTION] Readers and the one-shot import
#include "core/importers.h"

#include <algorithm>
#include <cctype>

#include "core/chunked.h"
#include "core/collection_loader.h"
#include "core/json_cursor.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

const char* format_name(Format format) {
  switch (format) {
    case Format::kBundle:
      return "Paperscope bundle v1";
    case Format::kHfPageList:
      return "Hugging Face papers page list";
    case Format::kHfApi:
      return "Hugging Face papers API JSON";
    case Format::kArxivJsonLines:
      return "arXiv metadata JSON lines";
    case Format::kArxivAtom:
      return "arXiv API Atom XML";
    case Format::kSemanticScholar:
      return "Semantic Scholar Graph API JSON";
    case Format::kCslJson:
      return "CSL-JSON";
    case Format::kBibtex:
      return "BibTeX";
    case Format::kUnknown:
      break;
  }
  return "unknown";
}

std::string supported_formats() {
  return "Paperscope bundle v1; Hugging Face papers API JSON (daily papers, paper search); arXiv "
         "metadata JSON lines (OAI/Kaggle snapshot); arXiv API Atom XML; Semantic Scholar Graph "
         "API JSON; CSL-JSON (Zotero, Better BibTeX, Manubot); BibTeX";
}

//-----------------------------------------------------------------------------
// [SECTION] Detection
//-----------------------------------------------------------------------------

namespace {

size_t skip_bom_and_space(std::string_view text) {
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
    ++i;
  }
  return i;
}

// The member names of the object that starts at `pos` (its '{'), as far as they can be
// read: a truncated object still tells what it is.
std::vector<std::string> object_keys(std::string_view text, size_t pos, size_t max_keys = 96) {
  std::vector<std::string> keys;
  JsonCursor cursor(text, pos);
  if (!cursor.consume('{')) return keys;
  while (keys.size() < max_keys) {
    ByteRange key, value;
    if (!cursor.scan_string(key) || !cursor.consume(':')) break;
    std::string name;
    decode_json_key(key.in(text), name);
    keys.push_back(std::move(name));
    if (!cursor.skip_value(value) || !cursor.consume(',')) break;
  }
  return keys;
}

bool has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Where the first object element of the array at `pos` begins (nulls and other non-objects
// are skipped, as in Semantic Scholar batch results); npos when there is none.
size_t first_object_in_array(std::string_view text, size_t pos, bool& empty) {
  JsonCursor cursor(text, pos);
  empty = false;
  if (!cursor.consume('[')) return std::string_view::npos;
  if (cursor.peek() == ']') {
    empty = true;
    return std::string_view::npos;
  }
  for (int i = 0; i < 64; ++i) {
    if (cursor.peek() == '{') return cursor.pos();
    ByteRange value;
    if (!cursor.skip_value(value) || !cursor.consume(',')) break;
  }
  return std::string_view::npos;
}

// The value of member `key` of the object at `pos`: where it starts, or npos.
size_t member_value(std::string_view text, size_t pos, std::string_view key) {
  JsonCursor cursor(text, pos);
  if (!cursor.consume('{')) return std::string_view::npos;
  for (int i = 0; i < 96; ++i) {
    ByteRange name, value;
    if (!cursor.scan_string(name) || !cursor.consume(':')) break;
    std::string decoded;
    decode_json_key(name.in(text), decoded);
    if (decoded == key) {
      cursor.peek();
      return cursor.pos();
    }
    if (!cursor.skip_value(value) || !cursor.consume(',')) break;
  }
  return std::string_view::npos;
}

bool is_arxiv_record(const std::vector<std::string>& keys) {
  return has(keys, "authors_parsed") || has(keys, "submitter") ||
         (has(keys, "id") && has(keys, "categories") &&
          (has(keys, "versions") || has(keys, "update_date") || has(keys, "abstract")));
}

bool is_hf_item(const std::vector<std::string>& keys) {
  return has(keys, "paper") ||
         (has(keys, "id") && has(keys, "title") &&
          (has(keys, "summary") || has(keys, "upvotes") || has(keys, "ai_keywords")) &&
          !has(keys, "categories"));
}

bool is_s2_paper(const std::vector<std::string>& keys) {
  return has(keys, "paperId") || has(keys, "externalIds") || has(keys, "corpusId");
}

bool is_csl_item(const std::vector<std::string>& keys) {
  const bool bibliographic = has(keys, "issued") || has(keys, "container-title") ||
                             has(keys, "author") || has(keys, "DOI") || has(keys, "URL") ||
                             has(keys, "citation-key");
  return (has(keys, "type") && (has(keys, "title") || bibliographic)) ||
         (has(keys, "title") && (has(keys, "issued") || has(keys, "container-title")));
}

std::string key_list(const std::vector<std::string>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size() && i < 8; ++i) {
    out += (i ? ", " : "") + std::string("\"") + keys[i].substr(0, 30) + "\"";
  }
  if (keys.size() > 8) out += ", …";
  return out;
}

Detection unknown(std::string why) {
  Detection d;
  d.why_unknown = std::move(why);
  return d;
}

Detection known(Format format) {
  Detection d;
  d.format = format;
  return d;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return out;
}

// "@article{", "@Misc (" … anywhere near the start.
bool has_bibtex_entry(std::string_view text) {
  const std::string_view head = text.substr(0, 1 << 16);
  for (size_t at = head.find('@'); at != std::string_view::npos; at = head.find('@', at + 1)) {
    size_t i = at + 1;
    while (i < head.size() && std::isalpha(static_cast<unsigned char>(head[i]))) ++i;
    if (i == at + 1) continue;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n')) ++i;
    if (i < head.size() && (head[i] == '{' || head[i] == '(')) return true;
  }
  return false;
}

Detection detect_json_object(std::string_view text, size_t pos) {
  // Detection looks at the start of the input only: a bundle's top-level object is the whole
  // file (hundreds of MB), and skipping it here would block a frame for nothing. Keys after
  // the window are not seen; a record of JSON lines is far smaller than the window.
  constexpr size_t kWindow = size_t{4} << 20;
  const std::string_view head = text.substr(0, std::min(text.size(), pos + kWindow));
  const std::vector<std::string> keys = object_keys(head, pos);
  // JSON lines: a second object follows the first one.
  {
    JsonCursor cursor(head, pos);
    ByteRange first;
    if (cursor.skip_value(first) && cursor.peek() == '{') {
      if (is_arxiv_record(keys)) return known(Format::kArxivJsonLines);
      return unknown("JSON lines whose records are not arXiv metadata (the first has the keys " +
                     key_list(keys) + ")");
    }
  }
  if (has(keys, "format")) {
    // A chunked collection's manifest is not a collection by itself (the loader says so).
    if (looks_like_chunked_manifest(head)) return unknown("a chunked collection's manifest");
    return known(Format::kBundle);
  }
  if (has(keys, "papers")) {
    if (looks_like_hf_page_list(text)) return known(Format::kHfPageList);
    if (has(keys, "authorId")) return known(Format::kSemanticScholar);
    const size_t papers = member_value(text, pos, "papers");
    bool empty = false;
    const size_t first =
        papers == std::string_view::npos ? papers : first_object_in_array(text, papers, empty);
    if (first != std::string_view::npos && is_s2_paper(object_keys(text, first))) {
      return known(Format::kSemanticScholar);
    }
    return known(Format::kBundle);  // a bundle without "format": the bundle reader says so
  }
  if (has(keys, "data")) {
    const size_t data = member_value(text, pos, "data");
    bool empty = false;
    const size_t first =
        data == std::string_view::npos ? data : first_object_in_array(text, data, empty);
    if (empty || (first != std::string_view::npos && is_s2_paper(object_keys(text, first)))) {
      return known(Format::kSemanticScholar);
    }
  }
  if (is_s2_paper(keys) || has(keys, "authorId")) return known(Format::kSemanticScholar);
  if (is_arxiv_record(keys)) return known(Format::kArxivJsonLines);
  if (is_hf_item(keys)) return known(Format::kHfApi);
  if (is_csl_item(keys)) return known(Format::kCslJson);
  if (keys.empty()) return unknown("a JSON object with no members Paperscope knows");
  return unknown("JSON of an unknown shape (an object with the keys " + key_list(keys) + ")");
}

Detection detect_json_array(std::string_view text, size_t pos) {
  bool empty = false;
  const size_t first = first_object_in_array(text, pos, empty);
  if (empty) return unknown("an empty JSON list: there are no papers in it");
  if (first == std::string_view::npos) {
    return unknown("a JSON list that holds no objects (papers are objects)");
  }
  const std::vector<std::string> keys = object_keys(text, first);
  if (is_s2_paper(keys)) return known(Format::kSemanticScholar);
  if (is_arxiv_record(keys)) return known(Format::kArxivJsonLines);
  if (is_hf_item(keys)) return known(Format::kHfApi);
  if (is_csl_item(keys)) return known(Format::kCslJson);
  return unknown("JSON of an unknown shape (a list of objects with the keys " + key_list(keys) +
                 ")");
}

}  // namespace

bool looks_like_hf_page_list(std::string_view text) {
  // Cheap: the first paper object has "summary" and "author_count"/"published" keys.
  const size_t papers = text.find("\"papers\"");
  if (papers == std::string_view::npos || text.find("\"format\"") < papers) return false;
  const std::string_view rest = text.substr(papers, 4096);
  return rest.find("\"summary\"") != std::string_view::npos &&
         (rest.find("\"author_count\"") != std::string_view::npos ||
          rest.find("\"published\"") != std::string_view::npos);
}

Detection detect_format(std::string_view bytes) {
  const size_t start = skip_bom_and_space(bytes);
  if (start >= bytes.size()) {
    return unknown(bytes.empty() ? "the file is empty" : "the file holds only white space");
  }
  const char first = bytes[start];
  if (first == '{') return detect_json_object(bytes, start);
  if (first == '[') return detect_json_array(bytes, start);
  if (first == '<') {
    const std::string head = lower_ascii(bytes.substr(start, 4096));
    if (head.find("<feed") != std::string::npos) return known(Format::kArxivAtom);
    if (head.find("<!doctype html") != std::string::npos ||
        head.find("<html") != std::string::npos) {
      return unknown("this is an HTML page, not a collection of papers");
    }
    return unknown("XML, but not an Atom feed");
  }
  if (has_bibtex_entry(bytes.substr(start))) return known(Format::kBibtex);
  if (bytes.substr(start, 1024).find('\0') != std::string_view::npos) {
    return unknown("binary data, not text");
  }
  JsonCursor cursor(bytes, start);
  ByteRange value;
  if (first == '"' || first == '-' || (first >= '0' && first <= '9') ||
      bytes.substr(start, 4) == "true" || bytes.substr(start, 5) == "false" ||
      bytes.substr(start, 4) == "null") {
    const char* kind = cursor.skip_value(value) ? json_kind_at(value.in(bytes)) : "a value";
    return unknown(std::string("JSON that holds only ") + kind + ", not papers");
  }
  return unknown("not JSON, XML or BibTeX");
}

//-----------------------------------------------------------------------------
// [SECTION] Readers and the one-shot import
//-----------------------------------------------------------------------------

std::unique_ptr<PaperReader> make_reader(Format format, std::string_view text) {
  switch (format) {
    case Format::kHfPageList:
      return make_hf_page_list_reader(text);
    case Format::kHfApi:
      return make_hf_api_reader(text);
    case Format::kArxivJsonLines:
      return make_arxiv_jsonl_reader(text);
    case Format::kArxivAtom:
      return make_arxiv_atom_reader(text);
    case Format::kSemanticScholar:
      return make_semantic_scholar_reader(text);
    case Format::kCslJson:
      return make_csl_json_reader(text);
    case Format::kBibtex:
      return make_bibtex_reader(text);
    case Format::kBundle:
    case Format::kUnknown:
      break;
  }
  return nullptr;
}

ImportResult import_collection(std::string_view bytes, std::string_view source_name,
                               const ImportOptions& options) {
  return import_collection_owning(std::string(bytes), source_name, options);
}

ImportResult import_collection_owning(std::string&& bytes, std::string_view source_name,
                                      const ImportOptions& options) {
  std::vector<LoadInput> inputs;
  inputs.push_back(LoadInput{std::move(bytes), std::string(source_name)});
  CollectionLoader loader(std::move(inputs), options);
  while (!loader.step(1 << 16)) {
  }
  return std::move(loader.result());
}

}  // namespace ps
