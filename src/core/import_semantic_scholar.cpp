// Semantic Scholar Graph API JSON, in the shapes its endpoints return:
//   search / bulk search:   {total, offset, next, data: [paper, …]}
//   batch (POST /paper/batch): [paper | null, …]
//   an author with papers:  {authorId, name, …, papers: [paper, …]}
//   one paper:              {paperId, title, …}
// paper: {paperId, externalIds: {ArXiv, DOI, CorpusId, DBLP, PubMed, …}, title, abstract,
// year, publicationDate, venue, journal: {name}, authors: [{authorId, name}],
// citationCount, fieldsOfStudy, s2FieldsOfStudy, openAccessPdf: {url}, url}. Any field may
// be null or absent (only the fields asked for are returned).
#include <algorithm>

#include "core/import_common.h"
#include "core/importers.h"

namespace ps {

namespace {

class SemanticScholarReader final : public JsonRecordsReader {
 public:
  using JsonRecordsReader::JsonRecordsReader;

 private:
  bool locate(const JsonTop& top) override {
    info.source_name = "Semantic Scholar Graph API";
    info.title = "Semantic Scholar papers";
    if (top.kind == '[') {
      walk_array(top.whole, "$");
      return true;
    }
    for (const char* key : {"data", "papers"}) {
      const JsonTop::Member* list = top.member(key);
      if (!list) continue;
      if (text_[list->value.begin] != '[') {
        if (text_.substr(list->value.begin, 4) == "null") return true;  // nothing in it
        problems.error(std::string("$.") + key, std::string("expected an array of papers, found ") +
                                                    json_kind_at(list->value.in(text_)));
        return false;
      }
      walk_array(list->value, std::string("$.") + key);
      Json name;
      if (parse_member(top, "name", name) && name.is_string()) {
        info.title = "Papers by " + one_line(name.get<std::string>()) + " (Semantic Scholar)";
      }
      return true;
    }
    read_top_as_one_record();
    return true;
  }

  bool read(const Json& item, const std::string& path, PaperRecord& paper) override {
    if (!item.is_object()) {
      problems.error(path, std::string("expected a paper object, found ") + json_kind(item));
      return false;
    }
    const size_t errors_before = problems.errors.size() + problems.suppressed;
    FieldReader f(item, path, problems);
    std::string text;
    if (f.string("title", text)) paper.title = one_line(text);
    text.clear();
    if (f.string("abstract", text)) paper.abstract = tidy_abstract(text);
    text.clear();
    if (f.string("paperId", text)) {
      add_external_id(paper, "s2", text);
    }
    read_external_ids(item, path, paper);
    text.clear();
    if (f.string("url", text)) add_link(paper, text, LinkKind::kPaper, path + ".url", problems);
    if (const Json* pdf = json_member(item, "openAccessPdf")) {
      if (pdf->is_object()) {
        const std::string url = json_text(*pdf, "url");
        if (!url.empty())
          add_link(paper, url, LinkKind::kPdf, path + ".openAccessPdf.url", problems);
      } else {
        f.wrong_type("openAccessPdf", "an object", *pdf);
      }
    }
    read_authors(item, path, paper);
    // The day when known, else the year.
    if (!f.date("publicationDate", paper.date)) {
      if (const Json* year = json_member(item, "year")) {
        std::string error;
        if (!year->is_number_integer()) {
          f.wrong_type("year", "a whole number", *year);
        } else if (!make_date(
                       static_cast<int>(std::clamp<int64_t>(year->get<int64_t>(), -1, 100000)), 0,
                       0, paper.date, error)) {
          problems.warning(path + ".year", error);
        }
      }
    }
    text.clear();
    if (f.string("venue", text)) paper.venue = one_line(text);
    if (paper.venue.empty()) {
      if (const Json* journal = json_member(item, "journal"))
        paper.venue = one_line(json_text(*journal, "name"));
    }
    if (paper.venue.empty()) {
      if (const Json* venue = json_member(item, "publicationVenue")) {
        paper.venue = one_line(json_text(*venue, "name"));
      }
    }
    std::vector<std::string> fields;
    if (f.strings("fieldsOfStudy", fields)) {
      for (const std::string& field : fields) add_tag(paper, TagKind::kFieldOfStudy, field);
    }
    if (const Json* s2_fields = json_member(item, "s2FieldsOfStudy");
        s2_fields && s2_fields->is_array()) {
      for (const Json& field : *s2_fields)
        add_tag(paper, TagKind::kFieldOfStudy, json_text(field, "category"));
    }
    if (problems.errors.size() + problems.suppressed != errors_before) return false;
    if (!finish_record(paper, path, problems)) {
      ++skipped;
      return false;
    }
    return true;
  }

  // externalIds: {"ArXiv": "2106.14987", "DOI": "…", "CorpusId": 123, "DBLP": "…", …}. An
  // author's DBLP id is sometimes a list: only strings and numbers are taken.
  void read_external_ids(const Json& item, const std::string& path, PaperRecord& paper) {
    const Json* ids = json_member(item, "externalIds");
    if (!ids) return;
    if (!ids->is_object()) {
      problems.error(path + ".externalIds",
                     std::string("expected an object, found ") + json_kind(*ids));
      return;
    }
    const std::string arxiv = json_text(*ids, "ArXiv");
    if (!arxiv.empty()) set_arxiv_id(paper, arxiv);
    const std::string doi = json_text(*ids, "DOI");
    if (!doi.empty()) set_doi(paper, doi);
    for (const auto& [key, scheme] : {std::pair<const char*, const char*>{"CorpusId", "s2corpus"},
                                      {"DBLP", "dblp"},
                                      {"PubMed", "pmid"},
                                      {"PubMedCentral", "pmcid"},
                                      {"MAG", "mag"},
                                      {"ACL", "acl"}}) {
      const std::string value = json_text(*ids, key);
      if (!value.empty()) add_external_id(paper, scheme, value);
    }
  }

  void read_authors(const Json& item, const std::string& path, PaperRecord& paper) {
    const Json* authors = json_member(item, "authors");
    if (!authors) return;
    if (!authors->is_array()) {
      problems.error(path + ".authors",
                     std::string("expected an array, found ") + json_kind(*authors));
      return;
    }
    paper.author_count = static_cast<uint32_t>(authors->size());
    for (const Json& author : *authors) {
      if (author.is_string()) {
        paper.authors.push_back(one_line(author.get_ref<const std::string&>()));
      } else {
        paper.authors.push_back(one_line(json_text(author, "name")));
      }
    }
  }
};

}  // namespace

std::unique_ptr<PaperReader> make_semantic_scholar_reader(std::string_view text) {
  return std::make_unique<SemanticScholarReader>(text);
}

}  // namespace ps
