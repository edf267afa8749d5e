// Exporters
// [SECTION] Helpers
// [SECTION] BibTeX
// [SECTION] CSL-JSON
// [SECTION] CSV
// [SECTION] Markdown
// [SECTION] Dispatch
#include "core/exporters.h"

#include <set>

#include "core/bundle_writer.h"
#include "core/json_read.h"
#include "core/links.h"
#include "core/text_fold.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

std::string external_id(const PaperStore& store, uint32_t row, std::string_view scheme) {
  for (const ExternalIdRef& ref : store.external_ids(row)) {
    if (store.external_id_scheme(ref) == scheme) return std::string(store.external_id_value(ref));
  }
  return {};
}

// The arXiv id of a paper: an external id, or its stable id when that is one.
std::string arxiv_id(const PaperStore& store, uint32_t row) {
  std::string id = external_id(store, row, "arxiv");
  if (id.empty()) {
    const std::string_view stable = store.id(row);
    if (!stable.empty() && stable[0] >= '0' && stable[0] <= '9' &&
        stable.find('/') == std::string_view::npos && stable.rfind("10.", 0) != 0) {
      id = std::string(stable);
    }
  }
  return id;
}

std::string doi_of(const PaperStore& store, uint32_t row) {
  std::string doi = external_id(store, row, "doi");
  if (doi.empty() && store.id(row).rfind("10.", 0) == 0) doi = std::string(store.id(row));
  return doi;
}

std::vector<std::string> authors_of(const PaperStore& store, uint32_t row) {
  std::vector<std::string> names;
  for (uint32_t i = 0; i < store.named_author_count(row); ++i)
    names.emplace_back(store.author(row, i));
  return names;
}

// "Ada King Lovelace" → {"Lovelace", "Ada King"}; one word → {word, ""}.
std::pair<std::string, std::string> split_name(const std::string& name) {
  const size_t comma = name.find(',');
  if (comma != std::string::npos) {  // "Lovelace, Ada"
    std::string given = name.substr(comma + 1);
    while (!given.empty() && given.front() == ' ') given.erase(given.begin());
    return {name.substr(0, comma), given};
  }
  const size_t space = name.rfind(' ');
  if (space == std::string::npos) return {name, ""};
  return {name.substr(space + 1), name.substr(0, space)};
}

const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                         "jul", "aug", "sep", "oct", "nov", "dec"};

bool looks_like_conference(std::string_view venue) {
  const std::string v = fold_words_joined(venue);
  for (const char* word :
       {"conference", "proceedings", "workshop", "symposium",   "neurips", "nips",  "icml", "iclr",
        "cvpr",       "iccv",        "eccv",     "acl",         "emnlp",   "naacl", "aaai", "ijcai",
        "kdd",        "sigir",       "siggraph", "interspeech", "icra",    "iros"}) {
    if ((" " + v + " ").find(std::string(" ") + word + " ") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string paper_main_url(const PaperStore& store, uint32_t row) {
  const std::string arxiv = arxiv_id(store, row);
  if (!arxiv.empty()) return "https://arxiv.org/abs/" + arxiv;
  const std::string doi = doi_of(store, row);
  if (!doi.empty()) return "https://doi.org/" + doi;
  for (const LinkRef& link : store.links(row)) {
    if (link.kind == LinkKind::kPaper || link.kind == LinkKind::kPdf) {
      return std::string(store.link_url(link));
    }
  }
  const Span<LinkRef> links = store.links(row);
  return links.empty() ? std::string() : std::string(store.link_url(links[0]));
}

//-----------------------------------------------------------------------------
// [SECTION] BibTeX
//-----------------------------------------------------------------------------

std::string bibtex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
        out += "\\{";
        break;
      case '}':
        out += "\\}";
        break;
      case '#':
        out += "\\#";
        break;
      case '$':
        out += "\\$";
        break;
      case '%':
        out += "\\%";
        break;
      case '&':
        out += "\\&";
        break;
      case '_':
        out += "\\_";
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// URLs go in raw, except what would break the braces around them.
std::string bibtex_url(std::string_view url) {
  std::string out;
  for (char c : url) {
    if (c == '{')
      out += "%7B";
    else if (c == '}')
      out += "%7D";
    else if (c == '\\')
      out += "%5C";
    else
      out += c;
  }
  return out;
}

// authoryearword: "lovelace2025analytical"; ASCII letters and digits only.
std::string bibtex_key(const PaperStore& store, uint32_t row) {
  auto ascii = [](std::string_view text) {
    std::string folded = fold_words_joined(text), key;
    for (char c : folded) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        key += c;
      else if (c == ' ' && !key.empty())
        break;
    }
    return key;
  };
  std::string key;
  if (store.named_author_count(row))
    key = ascii(split_name(std::string(store.author(row, 0))).first);
  if (key.empty()) key = "paper";
  if (store.date(row).known()) key += std::to_string(store.date(row).year);
  static const std::set<std::string> kSkip = {"a",  "an",  "the",  "on",   "of", "in",  "for",
                                              "to", "and", "with", "from", "is", "are", "towards"};
  std::string word;
  for (const std::string& w : split_words(store.title(row))) {
    if (!kSkip.count(w) && w.find_first_not_of("0123456789") != std::string::npos) {
      word = ascii(w);
      if (!word.empty()) break;
    }
  }
  return key + word;
}

void bibtex_field(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  out += "  ";
  out += name;
  out += " = {" + value + "},\n";
}

std::string bibtex_entry(const PaperStore& store, uint32_t row, const std::string& key) {
  const std::string venue(store.venue(row));
  const std::string arxiv = arxiv_id(store, row);
  const char* type = venue.empty()                  ? "misc"
                     : looks_like_conference(venue) ? "inproceedings"
                                                    : "article";
  std::string out = std::string("@") + type + "{" + key + ",\n";
  // Double braces keep the title's capitals as written.
  bibtex_field(out, "title", "{" + bibtex_escape(store.title(row)) + "}");
  std::string authors;
  for (const std::string& name : authors_of(store, row)) {
    authors += (authors.empty() ? "" : " and ") + bibtex_escape(name);
  }
  if (!authors.empty() && store.author_count(row) > store.named_author_count(row))
    authors += " and others";
  bibtex_field(out, "author", authors);
  const PaperDate date = store.date(row);
  if (date.known()) {
    bibtex_field(out, "year", std::to_string(date.year));
    if (date.month) bibtex_field(out, "month", kMonths[date.month - 1]);
    if (date.day) bibtex_field(out, "date", date.to_string());  // biblatex: the exact day
  }
  if (!venue.empty())
    bibtex_field(out, std::string(type) == "article" ? "journal" : "booktitle",
                 bibtex_escape(venue));
  bibtex_field(out, "doi", bibtex_escape(doi_of(store, row)));
  if (!arxiv.empty()) {
    bibtex_field(out, "eprint", arxiv);
    bibtex_field(out, "archiveprefix", "arXiv");
  }
  bibtex_field(out, "url", bibtex_url(paper_main_url(store, row)));
  std::string keywords;
  for (const TagRef& tag : store.tags(row)) {
    keywords += (keywords.empty() ? "" : ", ") + bibtex_escape(store.tag_value(tag.value));
  }
  bibtex_field(out, "keywords", keywords);
  if (authors.empty() && store.author_count(row)) {
    bibtex_field(out, "note", std::to_string(store.author_count(row)) + " authors");
  }
  bibtex_field(out, "abstract", bibtex_escape(store.abstract(row)));
  out += "}\n";
  return out;
}

std::string export_bibtex(const PaperStore& store, const std::vector<uint32_t>& rows) {
  std::string out;
  std::set<std::string> used;
  for (uint32_t row : rows) {
    const std::string base = bibtex_key(store, row);
    std::string key = base;
    for (char suffix = 'a'; used.count(key); ++suffix) {
      key = base + (suffix <= 'z' ? std::string(1, suffix) : std::to_string(used.size()));
    }
    used.insert(key);
    if (!out.empty()) out += "\n";
    out += bibtex_entry(store, row, key);
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] CSL-JSON
//-----------------------------------------------------------------------------

std::string export_csl_json(const PaperStore& store, const std::vector<uint32_t>& rows) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (uint32_t row : rows) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    const std::string venue(store.venue(row));
    const std::string arxiv = arxiv_id(store, row);
    item["id"] = std::string(store.id(row));
    item["type"] = venue.empty()                  ? "article"
                   : looks_like_conference(venue) ? "paper-conference"
                                                  : "article-journal";
    item["title"] = std::string(store.title(row));
    nlohmann::ordered_json authors = nlohmann::ordered_json::array();
    for (const std::string& name : authors_of(store, row)) {
      const auto parts = split_name(name);
      if (parts.second.empty())
        authors.push_back({{"literal", name}});
      else
        authors.push_back({{"family", parts.first}, {"given", parts.second}});
    }
    if (!authors.empty()) item["author"] = std::move(authors);
    const PaperDate date = store.date(row);
    if (date.known()) {
      nlohmann::ordered_json parts = nlohmann::ordered_json::array({date.year});
      if (date.month) parts.push_back(date.month);
      if (date.day) parts.push_back(date.day);
      item["issued"] = {{"date-parts", nlohmann::ordered_json::array({parts})}};
    }
    if (!venue.empty()) item["container-title"] = venue;
    const std::string doi = doi_of(store, row);
    if (!doi.empty()) item["DOI"] = doi;
    if (!arxiv.empty()) {
      item["number"] = "arXiv:" + arxiv;
      item["publisher"] = "arXiv";
    }
    const std::string url = paper_main_url(store, row);
    if (!url.empty()) item["URL"] = url;
    std::string keywords;
    for (const TagRef& tag : store.tags(row)) {
      keywords += (keywords.empty() ? "" : ", ") + std::string(store.tag_value(tag.value));
    }
    if (!keywords.empty()) item["keyword"] = keywords;
    if (!store.abstract(row).empty()) item["abstract"] = std::string(store.abstract(row));
    items.push_back(std::move(item));
  }
  return items.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] CSV
//-----------------------------------------------------------------------------

std::string csv_cell(std::string_view text) {
  std::string cell(text);
  // A cell a spreadsheet would run as a formula is made plain text.
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"')
      quoted += "\"\"";
    else
      quoted += c;
  }
  return quoted + "\"";
}

namespace {

std::string export_csv(const PaperStore& store, const std::vector<uint32_t>& rows) {
  std::string out =
      "id,title,authors,author_count,date,venue,upvotes,tags,url,doi,arxiv,has_code,abstract\r\n";
  for (uint32_t row : rows) {
    std::string authors, tags;
    for (const std::string& name : authors_of(store, row))
      authors += (authors.empty() ? "" : "; ") + name;
    for (const TagRef& tag : store.tags(row)) {
      tags += (tags.empty() ? "" : "; ") + std::string(store.tag_value(tag.value));
    }
    const std::string cells[] = {std::string(store.id(row)),
                                 std::string(store.title(row)),
                                 authors,
                                 std::to_string(store.author_count(row)),
                                 store.date(row).to_string(),
                                 std::string(store.venue(row)),
                                 std::to_string(store.upvotes(row)),
                                 tags,
                                 paper_main_url(store, row),
                                 doi_of(store, row),
                                 arxiv_id(store, row),
                                 store.has_code(row) ? "yes" : "no",
                                 std::string(store.abstract(row))};
    bool first = true;
    for (const std::string& cell : cells) {
      if (!first) out += ',';
      out += csv_cell(cell);
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Markdown
//-----------------------------------------------------------------------------

std::string markdown_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_{}[]()<>#+-.!|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

namespace {

// A link target Markdown cannot misread: spaces, parentheses and angle brackets encoded.
std::string markdown_url(std::string_view url) {
  std::string out;
  for (char c : url) {
    switch (c) {
      case ' ':
        out += "%20";
        break;
      case '(':
        out += "%28";
        break;
      case ')':
        out += "%29";
        break;
      case '<':
        out += "%3C";
        break;
      case '>':
        out += "%3E";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string export_markdown(const PaperStore& store, const std::vector<uint32_t>& rows) {
  std::string out;
  if (!store.info.title.empty()) out += "# " + markdown_escape(store.info.title) + "\n\n";
  for (uint32_t row : rows) {
    const std::string url = paper_main_url(store, row);
    const std::string title = markdown_escape(store.title(row));
    out += "- " + (is_openable_url(url) ? "[" + title + "](" + markdown_url(url) + ")" : title);
    std::string authors;
    const std::vector<std::string> names = authors_of(store, row);
    for (size_t i = 0; i < names.size() && i < 5; ++i) authors += (i ? ", " : "") + names[i];
    if (names.size() > 5 || (store.author_count(row) > names.size() && !names.empty()))
      authors += " et al.";
    if (names.empty() && store.author_count(row))
      authors = std::to_string(store.author_count(row)) + " authors";
    if (!authors.empty()) out += " \xE2\x80\x94 " + markdown_escape(authors);
    const std::string date = store.date(row).to_string();
    if (!date.empty()) out += " (" + date + ")";
    if (!store.venue(row).empty()) out += ", *" + markdown_escape(store.venue(row)) + "*";
    for (const LinkRef& link : store.links(row)) {
      if (link.kind == LinkKind::kCode) {
        out += " \xC2\xB7 [code](" + markdown_url(store.link_url(link)) + ")";
        break;
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------

bool parse_export_format(std::string_view name, ExportFormat& format) {
  for (ExportFormat f : {ExportFormat::kBibtex, ExportFormat::kCslJson, ExportFormat::kCsv,
                         ExportFormat::kJson, ExportFormat::kMarkdown}) {
    if (name == export_format_name(f)) {
      format = f;
      return true;
    }
  }
  return false;
}

const char* export_format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::kBibtex:
      return "bibtex";
    case ExportFormat::kCslJson:
      return "csl-json";
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kJson:
      return "json";
    case ExportFormat::kMarkdown:
      return "markdown";
  }
  return "json";
}

const char* export_file_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kBibtex:
      return "bib";
    case ExportFormat::kCslJson:
      return "csl.json";
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kJson:
      return "json";
    case ExportFormat::kMarkdown:
      return "md";
  }
  return "txt";
}

const char* export_mime_type(ExportFormat format) {
  switch (format) {
    case ExportFormat::kBibtex:
      return "application/x-bibtex;charset=utf-8";
    case ExportFormat::kCslJson:
      return "application/vnd.citationstyles.csl+json;charset=utf-8";
    case ExportFormat::kCsv:
      return "text/csv;charset=utf-8";
    case ExportFormat::kJson:
      return "application/json;charset=utf-8";
    case ExportFormat::kMarkdown:
      return "text/markdown;charset=utf-8";
  }
  return "text/plain;charset=utf-8";
}

std::string export_papers(const PaperStore& store, const std::vector<uint32_t>& rows,
                          ExportFormat format) {
  switch (format) {
    case ExportFormat::kBibtex:
      return export_bibtex(store, rows);
    case ExportFormat::kCslJson:
      return export_csl_json(store, rows);
    case ExportFormat::kCsv:
      return export_csv(store, rows);
    case ExportFormat::kJson:
      return write_bundle(store, &rows);
    case ExportFormat::kMarkdown:
      return export_markdown(store, rows);
  }
  return {};
}

}  // namespace ps
