#include "core/paper.h"

namespace ps {

const char* tag_kind_name(TagKind kind) {
  switch (kind) {
    case TagKind::kCategory:
      return "category";
    case TagKind::kKeyword:
      return "keyword";
    case TagKind::kFieldOfStudy:
      return "field";
    case TagKind::kUser:
      return "user";
  }
  return "keyword";
}

bool parse_tag_kind(std::string_view name, TagKind& kind) {
  for (TagKind k :
       {TagKind::kCategory, TagKind::kKeyword, TagKind::kFieldOfStudy, TagKind::kUser}) {
    if (name == tag_kind_name(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

bool PaperRecord::has_code() const {
  for (const Link& link : links) {
    if (link.kind == LinkKind::kCode) return true;
  }
  return false;
}

void PaperRecord::clear() {
  // Every member (a unit test compares a cleared record with a new one).
  id.clear();
  title.clear();
  abstract.clear();
  authors.clear();
  author_count = 0;
  date = PaperDate{};
  featured = PaperDate{};
  upvotes = 0;
  tags.clear();
  venue.clear();
  external_ids.clear();
  links.clear();
  sources.clear();
}

size_t limit_author_names(PaperRecord& paper) {
  const size_t names = paper.authors.size();
  if (names <= kMaxAuthorNames) return 0;
  paper.author_count = paper.effective_author_count();
  paper.authors.resize(kMaxAuthorNames);
  paper.authors.shrink_to_fit();
  return names;
}

std::string author_limit_message(size_t names) {
  return "kept the first " + std::to_string(kMaxAuthorNames) + " of " + std::to_string(names) +
         " author names (the count stays " + std::to_string(names) + ")";
}

}  // namespace ps
