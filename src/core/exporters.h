// Taking papers away: BibTeX, CSL-JSON, CSV, our bundle JSON and a Markdown list. Every
// format escapes what it must (BibTeX specials and braces, CSV quoting with spreadsheet
// formulas neutralised, valid UTF-8 JSON, Markdown punctuation).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/paper_store.h"

namespace ps {

enum class ExportFormat : uint8_t { kBibtex, kCslJson, kCsv, kJson, kMarkdown };

bool parse_export_format(std::string_view name, ExportFormat& format);  // "bibtex", "csl-json", …
const char* export_format_name(ExportFormat format);
const char* export_file_extension(ExportFormat format);  // "bib", "json", "csv", "json", "md"
const char* export_mime_type(ExportFormat format);

// The papers at rows (in that order) in a format.
std::string export_papers(const PaperStore& store, const std::vector<uint32_t>& rows,
                          ExportFormat format);

// The page a paper is best read at: its arXiv abstract page, else its DOI, else its first
// paper or PDF link, else its first link; "" when it has none.
std::string paper_main_url(const PaperStore& store, uint32_t row);

// [Internal] exposed for tests.
std::string bibtex_escape(std::string_view text);
std::string csv_cell(std::string_view text);
std::string markdown_escape(std::string_view text);

}  // namespace ps
