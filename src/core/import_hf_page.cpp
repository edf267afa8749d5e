// The list Paperscope's default collection was made from: papers as read off a Hugging Face
// Daily Papers search page ({"source": …, "papers": [{title, summary, author_count,
// published, upvotes, links}]}). Author names are not on that page, only their count.
#include "core/importers.h"
#include "core/json_read.h"
#include "core/paper_ids.h"

namespace ps {

bool looks_like_hf_page_list(std::string_view text) {
  // Cheap: the first paper object has "summary" and "author_count"/"published" keys.
  const size_t papers = text.find("\"papers\"");
  if (papers == std::string_view::npos || text.find("\"format\"") < papers) return false;
  const std::string_view rest = text.substr(papers, 4096);
  return rest.find("\"summary\"") != std::string_view::npos &&
         (rest.find("\"author_count\"") != std::string_view::npos ||
          rest.find("\"published\"") != std::string_view::npos);
}

ImportResult import_hf_page_list(std::string_view text) {
  ImportResult result;
  result.format = "Hugging Face papers page list";
  Json root;
  JsonCursor cursor(text);
  ByteRange whole;
  if (!cursor.skip_value(whole)) {
    result.problems.error(line_column(text, cursor.error_pos()), cursor.error());
    return result;
  }
  if (!parse_json_range(text, ByteRange{0, text.size()}, "$", root, result.problems)) return result;
  FieldReader top(root, "$", result.problems);
  top.string("source", result.store.info.source_name);
  const Json* papers = top.find("papers");
  if (!papers || !papers->is_array()) {
    result.problems.error("$.papers", "expected an array of papers");
    return result;
  }
  size_t i = 0;
  for (const Json& item : *papers) {
    const std::string path = "$.papers[" + std::to_string(i++) + "]";
    FieldReader fields(item, path, result.problems);
    PaperRecord paper;
    if (!fields.string("title", paper.title, true)) continue;
    fields.string("summary", paper.abstract);
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
    for (const std::string& url : urls) {
      if (!is_openable_url(url)) {
        result.problems.warning(path + ".links", "dropped a link that is not http(s)");
        continue;
      }
      paper.links.push_back(Link{classify_link(url), url});
    }
    paper.id = title_hash_id(paper.title);
    if (result.store.find(paper.id) >= 0) {
      result.problems.warning(path, "same title as an earlier paper: kept the first");
      continue;
    }
    result.store.add(paper);
  }
  return result;
}

}  // namespace ps
