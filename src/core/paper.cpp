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

}  // namespace ps
