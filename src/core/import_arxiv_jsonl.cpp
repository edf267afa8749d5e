// arXiv metadata as JSON lines, the shape of the OAI-PMH / Kaggle snapshot: one record a line,
//   {id, submitter, authors, title, comments, journal-ref, doi, report-no, categories,
//    license, abstract, versions: [{version, created}], update_date, authors_parsed}
// Titles and abstracts carry hard line wraps (collapsed here; an indented line starts a
// paragraph) and TeX; authors carry TeX accents ("Bal\'azs"), which authors_parsed already
// has in Unicode ("Balázs"), so authors_parsed is preferred. A JSON array of such records
// is read too.
#include "core/import_common.h"
#include "core/importers.h"
#include "core/latex_text.h"

namespace ps {

namespace {

// "A. Author, B. Author and C. Author (1) ((1) Some University)" → names. Affiliations in
// parentheses are dropped.
std::vector<std::string> split_author_string(std::string_view text) {
  std::string plain;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (depth == 0) plain += c;
    if (c == ')' && depth > 0) --depth;
  }
  // " and " separates like a comma.
  std::string unified;
  for (size_t i = 0; i < plain.size(); ++i) {
    if (plain.compare(i, 5, " and ") == 0) {
      unified += ',';
      i += 4;
      continue;
    }
    unified += plain[i];
  }
  std::vector<std::string> names;
  size_t begin = 0;
  while (begin <= unified.size()) {
    size_t end = unified.find(',', begin);
    if (end == std::string::npos) end = unified.size();
    std::string name = tidy_name(latex_to_unicode(unified.substr(begin, end - begin)));
    if (!name.empty()) names.push_back(std::move(name));
    begin = end + 1;
  }
  return names;
}

// What is read of a record (submitter, report-no and license are skipped unparsed).
const std::vector<JsonKeep> kRecordKeep = {
    {"id"},          {"title"}, {"abstract"}, {"authors"},     {"authors_parsed"}, {"categories"},
    {"journal-ref"}, {"doi"},   {"versions"}, {"update_date"}, {"comments"}};

class ArxivJsonLinesReader final : public PaperReader {
 public:
  explicit ArxivJsonLinesReader(std::string_view text) : text_(text) {
    info.title = "arXiv metadata";
    info.source_name = "arXiv metadata (OAI snapshot)";
    const size_t start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string_view::npos && text[start] == '[') {
      JsonTop top;
      if (scan_json_top(text_, top, problems)) {
        array_ = JsonArrayWalker(text_, top.whole, "$");
        is_array_ = true;
      } else {
        done_ = true;
      }
    }
  }

  bool step(size_t max_papers, std::vector<PaperRecord>& out) override {
    if (done_) return true;
    for (size_t n = 0; n < max_papers && !done_; ++n) {
      Json item;
      std::string where;
      if (is_array_) {
        if (array_.next(item, where, problems) != JsonArrayWalker::Next::kItem) {
          done_ = true;
          break;
        }
      } else if (!next_line(item, where)) {
        // A blank line, or an error (done_ set when it is the end). Past max_errors, stop:
        // placing each further broken line costs a pass over the text before it.
        if (problems.full()) done_ = true;
        continue;
      }
      PaperRecord paper;
      if (read(item, where, paper)) out.push_back(std::move(paper));
      if (problems.full()) done_ = true;
    }
    return done_;
  }

  double progress() const override {
    if (done_) return 1.0;
    if (is_array_) return array_.progress();
    return text_.empty() ? 1.0 : static_cast<double>(pos_) / text_.size();
  }

 private:
  // The next line as JSON; false for a blank line or a line that is not a JSON object (with
  // an error). Sets done_ at the end of the text.
  bool next_line(Json& item, std::string& where) {
    if (pos_ >= text_.size()) {
      done_ = true;
      return false;
    }
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    const size_t begin = pos_;
    pos_ = end < text_.size() ? end + 1 : end;  // never past the end (progress stays <= 1)
    ++line_;
    const std::string_view line = text_.substr(begin, end - begin);
    const size_t first = line.find_first_not_of(" \t\r\xEF\xBB\xBF");
    if (first == std::string_view::npos) {
      if (pos_ >= text_.size()) done_ = true;
      return false;
    }
    where = "line " + std::to_string(line_) + " $";
    size_t value_end = 0;
    // Placed by line and column already: the path inside the record is "$".
    if (!parse_pruned(text_, ByteRange{begin + first, end}, "$", kRecordKeep, item, problems,
                      &value_end)) {
      return false;
    }
    JsonCursor rest(text_.substr(0, end), value_end);
    if (!rest.at_end()) {
      problems.error(line_column(text_, rest.pos()),
                     "unexpected data after the record (JSON lines hold one record a line)");
      return false;
    }
    if (pos_ >= text_.size()) done_ = true;
    return true;
  }

  bool read(const Json& item, const std::string& where, PaperRecord& paper) {
    if (!item.is_object()) {
      problems.error(where, std::string("expected a record object, found ") + json_kind(item));
      return false;
    }
    const size_t errors_before = problems.errors.size() + problems.suppressed;
    FieldReader f(item, where, problems);
    std::string text;
    if (f.string("id", text)) set_arxiv_id(paper, text, /*with_pdf=*/true);
    text.clear();
    if (f.string("title", text))
      paper.title = one_line(latex_to_unicode(text, latex_prose_options()));
    text.clear();
    if (f.string("abstract", text)) {
      paper.abstract = tidy_abstract(latex_to_unicode(text, latex_prose_options()));
    }
    paper.authors = read_authors(item, f);
    text.clear();
    if (f.string("categories", text)) {
      size_t begin = 0;
      while (begin < text.size()) {
        size_t end = text.find_first_of(" \t\n", begin);
        if (end == std::string::npos) end = text.size();
        if (end > begin) add_tag(paper, TagKind::kCategory, text.substr(begin, end - begin));
        begin = end + 1;
      }
    }
    text.clear();
    if (f.string("journal-ref", text)) paper.venue = one_line(latex_to_unicode(text));
    text.clear();
    if (f.string("doi", text)) {
      // Sometimes several, separated by spaces: the first is the paper's.
      const size_t space = text.find_first_of(" \t\n", text.find_first_not_of(" \t\n"));
      set_doi(paper, text.substr(0, space));
    }
    read_date(item, f, where, paper);
    text.clear();
    if (f.string("comments", text)) add_links_from_text(paper, text);  // "Code: https://…"
    if (problems.errors.size() + problems.suppressed != errors_before) return false;
    if (!finish_record(paper, where, problems)) {
      ++skipped;
      return false;
    }
    return true;
  }

  // authors_parsed: [[last, first, suffix, affiliation…], …]; else the authors string.
  std::vector<std::string> read_authors(const Json& item, FieldReader& f) {
    const Json* parsed = json_member(item, "authors_parsed");
    std::vector<std::string> names;
    if (parsed && parsed->is_array()) {
      for (const Json& entry : *parsed) {
        if (!entry.is_array() || entry.empty()) continue;
        std::string parts[3];
        for (size_t i = 0; i < 3 && i < entry.size(); ++i) {
          if (entry[i].is_string()) parts[i] = entry[i].get<std::string>();
        }
        std::string name = parts[1].empty() ? parts[0] : parts[1] + " " + parts[0];
        if (!parts[2].empty()) name += " " + parts[2];
        name = tidy_name(latex_to_unicode(name));
        if (!name.empty()) names.push_back(std::move(name));
      }
    } else if (parsed) {
      f.wrong_type("authors_parsed", "an array", *parsed);
    }
    if (names.empty()) {
      std::string text;
      if (f.string("authors", text)) names = split_author_string(text);
    }
    return names;
  }

  void read_date(const Json& item, FieldReader& f, const std::string& where, PaperRecord& paper) {
    // The first version's date is when the paper appeared.
    const Json* versions = json_member(item, "versions");
    if (versions && versions->is_array() && !versions->empty()) {
      const Json& first = (*versions)[0];
      const std::string created = json_text(first, "created");
      if (!created.empty() && !parse_rfc2822_date(created, paper.date)) {
        problems.warning(where + ".versions[0].created",
                         "\"" + one_line(created.substr(0, 40)) + "\" is not a date");
      }
    }
    if (!paper.date.known()) {
      const std::string* arxiv = find_external_id(paper, "arxiv");
      if (!(arxiv && arxiv_id_month(*arxiv, paper.date))) f.date("update_date", paper.date);
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 0;
  bool done_ = false;
  bool is_array_ = false;
  JsonArrayWalker array_;
};

}  // namespace

std::unique_ptr<PaperReader> make_arxiv_jsonl_reader(std::string_view text) {
  return std::make_unique<ArxivJsonLinesReader>(text);
}

}  // namespace ps
