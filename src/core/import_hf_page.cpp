// The list Paperscope's default collection was made from: papers as read off a Hugging Face
// Daily Papers search page ({"source": …, "papers": [{title, summary, author_count,
// published, upvotes, links}]}). Author names are not on that page, only their count.
#include "core/import_common.h"
#include "core/importers.h"
#include "core/paper_ids.h"

namespace ps {

namespace {

class HfPageListReader final : public PaperReader {
 public:
  explicit HfPageListReader(std::string_view text) : text_(text) {}

  bool step(size_t max_papers, std::vector<PaperRecord>& out) override {
    if (done_) return true;
    if (!started_ && !start()) return done_ = true;
    for (size_t n = 0; n < max_papers; ++n) {
      Json item;
      std::string path;
      const JsonArrayWalker::Next next = papers_.next(item, path, problems);
      if (next != JsonArrayWalker::Next::kItem) return done_ = true;
      PaperRecord paper;
      if (read(item, path, paper)) out.push_back(std::move(paper));
    }
    return false;
  }

  double progress() const override { return done_ ? 1.0 : papers_.progress(); }

 private:
  bool start() {
    started_ = true;
    JsonTop top;
    if (!scan_json_top(text_, top, problems)) return false;
    if (const JsonTop::Member* source = top.member("source")) {
      Json value;
      if (parse_json_range(text_, source->value, "$.source", value, problems) &&
          value.is_string()) {
        info.source_name = value.get<std::string>();
      }
    }
    const JsonTop::Member* papers = top.member("papers");
    if (!papers || text_[papers->value.begin] != '[') {
      problems.error("$.papers", "expected an array of papers");
      return false;
    }
    papers_ = JsonArrayWalker(text_, papers->value, "$.papers");
    return true;
  }

  bool read(const Json& item, const std::string& path, PaperRecord& paper) {
    if (!item.is_object()) {
      problems.error(path, std::string("expected a paper object, found ") + json_kind(item));
      return false;
    }
    FieldReader fields(item, path, problems);
    std::string title;
    fields.string("title", title);
    paper.title = one_line(title);
    std::string summary;
    fields.string("summary", summary);
    paper.abstract = tidy_abstract(summary);
    int64_t number = 0;
    if (fields.integer("author_count", 0, 100000000, number)) {
      paper.author_count = static_cast<uint32_t>(number);
    }
    if (fields.integer("upvotes", 0, 2147483647, number)) {
      paper.upvotes = static_cast<int32_t>(number);
    }
    fields.date("published", paper.date);
    std::vector<std::string> urls;
    fields.strings("links", urls);
    for (const std::string& url : urls)
      add_link(paper, url, LinkKind::kOther, path + ".links", problems);
    if (!finish_record(paper, path, problems)) {
      ++skipped;
      return false;
    }
    // This list has no ids: papers are known by their titles (the rule's third step).
    paper.id = title_hash_id(paper.title);
    return true;
  }

  std::string_view text_;
  JsonArrayWalker papers_;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<PaperReader> make_hf_page_list_reader(std::string_view text) {
  return std::make_unique<HfPageListReader>(text);
}

}  // namespace ps
