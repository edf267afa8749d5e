// Hugging Face papers API JSON: what /api/daily_papers, /api/papers/search and
// /api/papers/{id} return, in every schema generation seen since 2023.
//   daily papers / search: [{paper: {id, title, summary, authors: [{name, hidden, …}],
//                            publishedAt, upvotes, githubRepo, projectPage, ai_keywords, …},
//                            publishedAt, title, summary, numComments, submittedBy, …}]
//   one paper, or a list of bare papers: {id, title, summary, authors, publishedAt, upvotes,
//                            submittedOnDailyAt, …}
// Fields were added over the years (ai_keywords, githubRepo, projectPage,
// submittedOnDailyAt); any of them may be absent. The paper's publishedAt is its date; when
// Daily Papers featured it is paper.submittedOnDailyAt, or in schemas without that field
// the item's outer publishedAt.
#include "core/import_common.h"
#include "core/importers.h"

namespace ps {

namespace {

// What is read of an item: the rest (author user objects with avatars, submitter,
// organization, thumbnails …) is skipped unparsed, which halves the time for a big file.
const std::vector<JsonKeep> kAuthorKeep = {{"name"}, {"hidden"}};
const std::vector<JsonKeep> kPaperKeep = {{"id"},
                                          {"title"},
                                          {"summary"},
                                          {"authors", nullptr, &kAuthorKeep},
                                          {"upvotes"},
                                          {"publishedAt"},
                                          {"submittedOnDailyAt"},
                                          {"githubRepo"},
                                          {"projectPage"},
                                          {"ai_keywords"}};
// A wrapped item's own title and summary repeat its paper's: they are read (with a bare
// paper's) only when needed, by item_text().
const std::vector<JsonKeep> kItemKeep = {{"paper", &kPaperKeep},
                                         {"publishedAt"},
                                         // A bare paper's own members:
                                         {"id"},
                                         {"authors", nullptr, &kAuthorKeep},
                                         {"upvotes"},
                                         {"submittedOnDailyAt"},
                                         {"githubRepo"},
                                         {"projectPage"},
                                         {"ai_keywords"}};
const std::vector<JsonKeep> kItemTextKeep = {{"title"}, {"summary"}};

class HfApiReader final : public JsonRecordsReader {
 public:
  using JsonRecordsReader::JsonRecordsReader;

 private:
  bool parse_record(ByteRange range, const std::string& path, Json& item) override {
    record_ = range;
    return parse_pruned(text_, range, path, kItemKeep, item, problems);
  }
  bool parse_element(size_t begin, const std::string& path, Json& item, size_t& end) override {
    if (!parse_pruned(text_, ByteRange{begin, text_.size()}, path, kItemKeep, item, problems,
                      &end)) {
      return false;
    }
    record_ = ByteRange{begin, end};
    return true;
  }

  // The item's title and summary (a wrapped item whose paper lacks them).
  Json item_text(const std::string& path) {
    Json text;
    if (!parse_pruned(text_, record_, path, kItemTextKeep, text, problems)) return Json::object();
    return text;
  }

  bool locate(const JsonTop& top) override {
    if (top.kind == '[') {
      walk_array(top.whole, "$");
    } else {
      read_top_as_one_record();
    }
    info.source_name = "Hugging Face papers API";
    info.title = "Hugging Face papers";
    return true;
  }

  bool read(const Json& item, const std::string& path, PaperRecord& paper) override {
    if (!item.is_object()) {
      problems.error(path, std::string("expected a paper object, found ") + json_kind(item));
      return false;
    }
    const size_t errors_before = problems.errors.size() + problems.suppressed;
    const Json* wrapped = json_member(item, "paper");
    if (wrapped && !wrapped->is_object()) {
      problems.error(path + ".paper",
                     std::string("expected an object, found ") + json_kind(*wrapped));
      return false;
    }
    const Json& p = wrapped ? *wrapped : item;
    const std::string ppath = wrapped ? path + ".paper" : path;
    FieldReader pf(p, ppath, problems);
    FieldReader outer(item, path, problems);

    std::string text;
    const bool has_title = pf.string("title", text);
    if (has_title) paper.title = one_line(text);
    std::string summary;
    const bool has_summary = pf.string("summary", summary);
    if (has_summary) paper.abstract = tidy_abstract(summary);
    // A bare paper's title and summary, or a wrapped item's when its paper has none.
    if (!has_title || !has_summary) {
      const Json extra = item_text(path);
      FieldReader extra_fields(extra, path, problems);
      text.clear();
      if (!has_title && extra_fields.string("title", text)) paper.title = one_line(text);
      text.clear();
      if (!has_summary && extra_fields.string("summary", text))
        paper.abstract = tidy_abstract(text);
    }
    if (pf.string("id", text)) {
      if (set_arxiv_id(paper, text)) {
        add_link(paper, "https://huggingface.co/papers/" + *find_external_id(paper, "arxiv"),
                 LinkKind::kPaper, ppath + ".id", problems);
      } else {
        add_external_id(paper, "hf", text);
      }
    }
    read_authors(p, ppath, paper);
    pf.date("publishedAt", paper.date);
    // Featured: paper.submittedOnDailyAt when the schema has it (since 2025: it is the
    // Daily Papers date, while the item's publishedAt there is the arXiv date again, a few
    // hours earlier); else the item's publishedAt (the Daily Papers date in older schemas).
    if (!pf.date("submittedOnDailyAt", paper.featured) && wrapped) {
      outer.date("publishedAt", paper.featured);
    }
    if (paper.featured.known()) featured_ = true;
    int64_t upvotes = 0;
    if (pf.integer("upvotes", INT32_MIN, INT32_MAX, upvotes)) {
      paper.upvotes = static_cast<int32_t>(std::max<int64_t>(0, upvotes));
    }
    text.clear();
    if (pf.string("githubRepo", text))
      add_link(paper, text, LinkKind::kCode, ppath + ".githubRepo", problems);
    text.clear();
    if (pf.string("projectPage", text)) {
      add_link(paper, text, LinkKind::kProject, ppath + ".projectPage", problems);
    }
    std::vector<std::string> keywords;
    if (pf.strings("ai_keywords", keywords)) {
      for (const std::string& keyword : keywords) add_tag(paper, TagKind::kKeyword, keyword);
    }
    if (problems.errors.size() + problems.suppressed != errors_before) return false;
    if (!finish_record(paper, path, problems)) {
      ++skipped;
      return false;
    }
    if (featured_) info.title = "Hugging Face Daily Papers";
    return true;
  }

  // [{name, hidden, user, …}] (hidden authors are not shown on Hugging Face: left out), or
  // names as strings.
  void read_authors(const Json& p, const std::string& ppath, PaperRecord& paper) {
    const Json* authors = json_member(p, "authors");
    if (!authors) return;
    if (!authors->is_array()) {
      problems.error(ppath + ".authors",
                     std::string("expected an array, found ") + json_kind(*authors));
      return;
    }
    size_t i = 0;
    for (const Json& author : *authors) {
      const std::string apath = ppath + ".authors[" + std::to_string(i++) + "]";
      if (author.is_string()) {
        paper.authors.push_back(one_line(author.get_ref<const std::string&>()));
        continue;
      }
      if (!author.is_object()) {
        problems.error(apath, std::string("expected an author object, found ") + json_kind(author));
        continue;
      }
      const Json* hidden = json_member(author, "hidden");
      if (hidden && hidden->is_boolean() && hidden->get<bool>()) continue;
      FieldReader fields(author, apath, problems);
      std::string name;
      if (fields.string("name", name)) paper.authors.push_back(one_line(name));
    }
  }

  bool featured_ = false;
  ByteRange record_;  // the item being read
};

}  // namespace

std::unique_ptr<PaperReader> make_hf_api_reader(std::string_view text) {
  return std::make_unique<HfApiReader>(text);
}

}  // namespace ps
