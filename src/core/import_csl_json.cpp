// CSL-JSON (Citation Style Language data), as Zotero, Better BibTeX and Manubot export it:
// a list of items (or one item)
//   {id, type, title, author: [{family, given, literal, suffix, non-dropping-particle, …}],
//    issued: {date-parts: [[2023, 5, 12]]} | {raw: "2023-05-12"} | {literal: …},
//    container-title, DOI, URL, keyword: "a, b", abstract, note, number, …}
// Titles may hold CSL's rich-text tags (<i>, <b>, <sup>, <sub>, <span class="nocase">),
// which are dropped. An arXiv id is taken from a non-standard "arxiv" member, from the URL,
// or from "note"/"number" ("arXiv: 2106.14987", as Better BibTeX and Zotero write it).
#include <algorithm>

#include "core/import_common.h"
#include "core/importers.h"

namespace ps {

namespace {

// Drops CSL's rich-text tags and keeps everything else.
std::string strip_csl_markup(std::string_view text) {
  static const char* const kTags[] = {"i", "b", "sup", "sub", "sc", "span"};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const size_t close = text.find('>', i);
      if (close != std::string_view::npos && close - i < 64) {
        std::string_view tag = text.substr(i + 1, close - i - 1);
        if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
        const size_t space = tag.find(' ');
        if (space != std::string_view::npos) tag = tag.substr(0, space);
        bool known = false;
        for (const char* t : kTags) known = known || tag == t;
        if (known) {
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

class CslJsonReader final : public JsonRecordsReader {
 public:
  using JsonRecordsReader::JsonRecordsReader;

 private:
  bool locate(const JsonTop& top) override {
    info.source_name = "CSL-JSON";
    if (top.kind == '[') {
      walk_array(top.whole, "$");
    } else {
      read_top_as_one_record();
    }
    return true;
  }

  bool read(const Json& item, const std::string& path, PaperRecord& paper) override {
    if (!item.is_object()) {
      problems.error(path, std::string("expected an item object, found ") + json_kind(item));
      return false;
    }
    const size_t errors_before = problems.errors.size() + problems.suppressed;
    FieldReader f(item, path, problems);
    std::string text;
    if (f.string("title", text)) paper.title = one_line(strip_csl_markup(text));
    text.clear();
    if (f.string("abstract", text)) paper.abstract = tidy_abstract(strip_csl_markup(text));
    read_authors(item, path, paper);
    read_issued(item, path, paper);
    for (const char* key : {"container-title", "event-title", "event"}) {
      if (!paper.venue.empty()) break;
      const Json* value = json_member(item, key);
      if (value && value->is_string())
        paper.venue = one_line(strip_csl_markup(value->get<std::string>()));
    }
    text.clear();
    if (f.string("DOI", text)) set_doi(paper, text);
    text = json_text(item, "arxiv");
    if (!text.empty()) set_arxiv_id(paper, text);
    text.clear();
    if (f.string("URL", text)) {
      if (!find_external_id(paper, "arxiv")) find_arxiv_id_in_text(paper, text);
      add_link(paper, url_with_scheme(one_line(text)), LinkKind::kOther, path + ".URL", problems);
    }
    if (!find_external_id(paper, "arxiv")) {
      for (const char* key : {"note", "number", "archive_location", "publisher-place"}) {
        const std::string value = json_text(item, key);
        if (!value.empty() && find_arxiv_id_in_text(paper, value)) break;
      }
    }
    read_keywords(item, path, paper);
    if (problems.errors.size() + problems.suppressed != errors_before) return false;
    if (!finish_record(paper, path, problems)) {
      ++skipped;
      return false;
    }
    return true;
  }

  // "keyword": "a, b; c" (CSL's one string) or, from some tools, a list.
  void read_keywords(const Json& item, const std::string& path, PaperRecord& paper) {
    const Json* keywords = json_member(item, "keyword");
    if (!keywords) return;
    std::vector<std::string> values;
    if (keywords->is_string()) {
      const std::string& text = keywords->get_ref<const std::string&>();
      size_t begin = 0;
      while (begin <= text.size()) {
        size_t end = text.find_first_of(",;", begin);
        if (end == std::string::npos) end = text.size();
        values.push_back(text.substr(begin, end - begin));
        begin = end + 1;
      }
    } else if (keywords->is_array()) {
      for (const Json& k : *keywords) {
        if (k.is_string()) values.push_back(k.get<std::string>());
      }
    } else {
      problems.error(path + ".keyword",
                     std::string("expected a string, found ") + json_kind(*keywords));
      return;
    }
    for (const std::string& value : values) add_tag(paper, TagKind::kKeyword, value);
  }

  void read_authors(const Json& item, const std::string& path, PaperRecord& paper) {
    const Json* authors = json_member(item, "author");
    if (!authors) return;
    if (!authors->is_array()) {
      problems.error(path + ".author",
                     std::string("expected an array, found ") + json_kind(*authors));
      return;
    }
    size_t i = 0;
    for (const Json& author : *authors) {
      const std::string apath = path + ".author[" + std::to_string(i++) + "]";
      if (!author.is_object()) {
        problems.error(apath, std::string("expected a name object, found ") + json_kind(author));
        continue;
      }
      std::string name = json_text(author, "literal");
      if (name.empty()) {
        for (const char* part :
             {"given", "dropping-particle", "non-dropping-particle", "family", "suffix"}) {
          const std::string value = json_text(author, part);
          if (value.empty()) continue;
          if (!name.empty()) name += ' ';
          name += value;
        }
      }
      paper.authors.push_back(one_line(strip_csl_markup(name)));
    }
  }

  // issued: {"date-parts": [[y, m, d]]} (numbers or numeric strings), {"raw": "…"},
  // {"literal": "…"}, or (loosely) a string.
  void read_issued(const Json& item, const std::string& path, PaperRecord& paper) {
    const Json* issued = json_member(item, "issued");
    if (!issued) return;
    const std::string ipath = path + ".issued";
    if (issued->is_string()) {
      if (!parse_iso_date(issued->get_ref<const std::string&>(), paper.date)) {
        problems.warning(ipath, "\"" + one_line(issued->get<std::string>().substr(0, 40)) +
                                    "\" is not a date Paperscope reads");
      }
      return;
    }
    if (!issued->is_object()) {
      problems.error(ipath, std::string("expected an object, found ") + json_kind(*issued));
      return;
    }
    const Json* parts = json_member(*issued, "date-parts");
    if (parts && parts->is_array() && !parts->empty() && (*parts)[0].is_array()) {
      const Json& first = (*parts)[0];
      int values[3] = {0, 0, 0};
      for (size_t i = 0; i < 3 && i < first.size(); ++i) {
        const Json& v = first[i];
        if (v.is_number_integer()) {
          values[i] =
              static_cast<int>(std::max<int64_t>(-1, std::min<int64_t>(v.get<int64_t>(), 100000)));
        } else if (v.is_string()) {
          const std::string& s = v.get_ref<const std::string&>();
          int n = 0;
          bool digits = !s.empty() && s.size() <= 5;
          for (char c : s) {
            if (c < '0' || c > '9')
              digits = false;
            else
              n = n * 10 + (c - '0');
          }
          values[i] = digits ? n : -1;
        } else {
          values[i] = -1;
        }
      }
      std::string error;
      if (!make_date(values[0], values[1], values[2], paper.date, error)) {
        problems.warning(ipath + ".date-parts", error);
      }
      return;
    }
    for (const char* key : {"raw", "literal"}) {
      const std::string value = json_text(*issued, key);
      if (value.empty()) continue;
      if (!parse_iso_date(value, paper.date) && !parse_rfc2822_date(value, paper.date)) {
        // "2019" inside a literal like "Spring 2019": the year at least.
        for (size_t i = 0; i + 4 <= value.size(); ++i) {
          if (std::all_of(value.begin() + i, value.begin() + i + 4,
                          [](char c) { return c >= '0' && c <= '9'; })) {
            std::string error;
            int year = 0;
            for (size_t j = i; j < i + 4; ++j) year = year * 10 + (value[j] - '0');
            make_date(year, 0, 0, paper.date, error);
            break;
          }
        }
      }
      return;
    }
  }
};

}  // namespace

std::unique_ptr<PaperReader> make_csl_json_reader(std::string_view text) {
  return std::make_unique<CslJsonReader>(text);
}

}  // namespace ps
