// BibTeX .bib files (bibtex.h parses; this maps entries onto papers). Any entry type is a
// paper; field names are matched in any case; values go through latex_text.h.
//   title → title; author → authors ("Last, First" and "First Last"; "and others" counts);
//   abstract; date (biblatex) or year + month; journal / journaltitle / booktitle → venue;
//   doi; url; eprint + archiveprefix = arXiv (or arxiv, arxivid, or "arXiv:…" in
//   howpublished / note / journal) → arXiv id; primaryclass → category; keywords → tags.
#include "core/bibtex.h"
#include "core/import_common.h"
#include "core/importers.h"
#include "core/json_cursor.h"
#include "core/latex_text.h"

namespace ps {

namespace {

std::string plain(const std::string& raw) {
  return one_line(latex_to_unicode(raw));
}

// Identifiers and URLs: braces and escapes (\_ \% \&) only; "--" and "~" stay as written.
std::string literal(const std::string& raw) {
  LatexOptions options;
  options.math = LatexMath::kKeep;
  options.typographic = false;
  return one_line(latex_to_unicode(raw, options));
}

// Splits at a separator word ("and") or character that is at brace depth 0.
std::vector<std::string> split_top_level(std::string_view text, bool on_and, char on_char) {
  std::vector<std::string> parts;
  size_t depth = 0, begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    if (depth) continue;
    if (on_char && c == on_char) {
      parts.emplace_back(text.substr(begin, i - begin));
      begin = i + 1;
    } else if (on_and && (c == ' ' || c == '\t' || c == '\n') && i + 4 < text.size() &&
               (text[i + 1] == 'a' || text[i + 1] == 'A') &&
               (text[i + 2] == 'n' || text[i + 2] == 'N') &&
               (text[i + 3] == 'd' || text[i + 3] == 'D') &&
               (text[i + 4] == ' ' || text[i + 4] == '\t' || text[i + 4] == '\n')) {
      parts.emplace_back(text.substr(begin, i - begin));
      begin = i + 5;
      i += 4;
    }
  }
  parts.emplace_back(text.substr(begin));
  return parts;
}

// "Last, First", "Last, Jr, First" or "First von Last" → "First von Last Jr".
std::string display_name(std::string_view raw) {
  std::vector<std::string> parts = split_top_level(raw, false, ',');
  for (std::string& p : parts) p = plain(p);
  if (parts.size() == 1) return parts[0];
  if (parts.size() == 2) return parts[1].empty() ? parts[0] : parts[1] + " " + parts[0];
  std::string name = parts[2].empty() ? parts[0] : parts[2] + " " + parts[0];
  if (!parts[1].empty()) name += " " + parts[1];
  return name;
}

class BibtexReader final : public PaperReader {
 public:
  explicit BibtexReader(std::string_view text) : text_(text), parser_(text), lines_(text) {
    info.source_name = "BibTeX";
  }

  bool step(size_t max_papers, std::vector<PaperRecord>& out) override {
    if (done_) return true;
    for (size_t n = 0; n < max_papers; ++n) {
      BibEntry entry;
      if (!parser_.next(entry, problems)) return done_ = true;
      PaperRecord paper;
      if (read(entry, paper)) out.push_back(std::move(paper));
      if (problems.full()) return done_ = true;
    }
    return false;
  }

  double progress() const override { return done_ ? 1.0 : parser_.progress(); }

 private:
  bool read(const BibEntry& entry, PaperRecord& paper) {
    const std::string where = lines_.at(entry.offset) + " (@" + entry.type.substr(0, 30) +
                              (entry.key.empty() ? "" : "{" + entry.key.substr(0, 60)) + ")";
    if (const std::string* title = entry.field("title")) paper.title = plain(*title);
    if (const std::string* author = entry.field("author")) read_authors(*author, paper);
    if (const std::string* abstract = entry.field("abstract")) {
      LatexOptions options;
      options.math = LatexMath::kKeep;
      paper.abstract = tidy_abstract(latex_to_unicode(*abstract, options));
    }
    read_date(entry, where, paper);
    for (const char* key : {"journal", "journaltitle", "booktitle", "fjournal", "eventtitle"}) {
      const std::string* venue = entry.field(key);
      if (venue && paper.venue.empty()) paper.venue = plain(*venue);
    }
    read_ids(entry, where, paper);
    for (const char* key : {"keywords", "keyword"}) {
      if (const std::string* keywords = entry.field(key)) {
        for (const std::string& k : split_top_level(*keywords, false, ',')) {
          for (const std::string& part : split_top_level(k, false, ';')) {
            add_tag(paper, TagKind::kKeyword, plain(part));
          }
        }
      }
    }
    if (const std::string* primary = entry.field("primaryclass")) {
      add_tag(paper, TagKind::kCategory, plain(*primary));
    }
    if (!entry.key.empty()) add_external_id(paper, "bibtex", entry.key);
    if (!finish_record(paper, where, problems)) {
      ++skipped;
      return false;
    }
    return true;
  }

  void read_authors(const std::string& raw, PaperRecord& paper) {
    bool others = false;
    for (const std::string& part : split_top_level(raw, true, 0)) {
      std::string name = display_name(part);
      if (name == "others") {
        others = true;
        continue;
      }
      if (!name.empty()) paper.authors.push_back(std::move(name));
    }
    // "and others": more authors than the names given.
    if (others) paper.author_count = static_cast<uint32_t>(paper.authors.size() + 1);
  }

  void read_date(const BibEntry& entry, const std::string& where, PaperRecord& paper) {
    if (const std::string* date = entry.field("date")) {
      // biblatex: "2023-05-12", "2023-05", "2023", or a range "2023-05/2023-06".
      const std::string text = plain(*date);
      std::string error;
      if (parse_date(text.substr(0, text.find('/')), paper.date, error)) return;
      problems.warning(where, "the date \"" + text.substr(0, 30) + "\" is not a date: " + error);
    }
    const std::string* year_field = entry.field("year");
    if (!year_field) return;
    const std::string year_text = plain(*year_field);
    int year = 0;
    bool found = false;
    for (size_t i = 0; i + 4 <= year_text.size() && !found; ++i) {
      bool digits = true;
      for (size_t j = i; j < i + 4; ++j)
        digits = digits && year_text[j] >= '0' && year_text[j] <= '9';
      if (digits &&
          (i + 4 == year_text.size() || year_text[i + 4] < '0' || year_text[i + 4] > '9')) {
        for (size_t j = i; j < i + 4; ++j) year = year * 10 + (year_text[j] - '0');
        found = true;
      }
    }
    if (!found) {
      problems.warning(where, "the year \"" + year_text.substr(0, 30) + "\" is not a year");
      return;
    }
    int month = 0;
    if (const std::string* month_field = entry.field("month")) {
      const std::string month_text = plain(*month_field);
      month = parse_month(month_text);
      if (!month && !month_text.empty()) {
        problems.warning(where, "the month \"" + month_text.substr(0, 30) + "\" is not a month");
      }
    }
    std::string error;
    if (!make_date(year, month, 0, paper.date, error)) {
      make_date(year, 0, 0, paper.date, error);
    }
  }

  void read_ids(const BibEntry& entry, const std::string& where, PaperRecord& paper) {
    if (const std::string* doi = entry.field("doi")) set_doi(paper, literal(*doi));
    const std::string* eprint = entry.field("eprint");
    const std::string* prefix = entry.field("archiveprefix");
    if (!prefix) prefix = entry.field("eprinttype");
    if (eprint && (!prefix || lower_equals(plain(*prefix), "arxiv")))
      set_arxiv_id(paper, literal(*eprint));
    for (const char* key : {"arxiv", "arxivid"}) {
      if (const std::string* value = entry.field(key)) set_arxiv_id(paper, literal(*value));
    }
    if (!find_external_id(paper, "arxiv")) {
      for (const char* key : {"howpublished", "note", "journal", "url"}) {
        const std::string* value = entry.field(key);
        if (value && find_arxiv_id_in_text(paper, literal(*value))) break;
      }
    }
    if (const std::string* url = entry.field("url")) {
      add_link(paper, url_with_scheme(literal(*url)), LinkKind::kOther, where + " url", problems);
    }
  }

  static bool lower_equals(const std::string& a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
      if (c != b[i]) return false;
    }
    return true;
  }

  std::string_view text_;
  BibParser parser_;
  LineColumns lines_;  // where each entry is (entries come in order)
  bool done_ = false;
};

}  // namespace

std::unique_ptr<PaperReader> make_bibtex_reader(std::string_view text) {
  return std::make_unique<BibtexReader>(text);
}

}  // namespace ps
