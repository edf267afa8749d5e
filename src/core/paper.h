// One paper as importers produce it and exporters consume it (owning, easy to build).
// The PaperStore keeps papers in columns; this struct is the way in and out.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/links.h"
#include "core/paper_date.h"

namespace ps {

enum class TagKind : uint8_t { kCategory, kKeyword, kFieldOfStudy, kUser };
const char* tag_kind_name(TagKind kind);  // "category", "keyword", "field", "user"
bool parse_tag_kind(std::string_view name, TagKind& kind);

struct Tag {
  TagKind kind = TagKind::kKeyword;
  std::string value;
  bool operator==(const Tag& o) const { return kind == o.kind && value == o.value; }
};

struct Link {
  LinkKind kind = LinkKind::kOther;
  std::string url;  // always http(s): see is_openable_url
  bool operator==(const Link& o) const { return kind == o.kind && url == o.url; }
};

// An identifier in another system: scheme "arxiv", "doi", "s2", "pmid", "dblp", ...
struct ExternalId {
  std::string scheme;
  std::string value;
  bool operator==(const ExternalId& o) const { return scheme == o.scheme && value == o.value; }
};

struct PaperRecord {
  std::string id;  // stable id (paper_ids.h)
  std::string title;
  std::string abstract;
  std::vector<std::string> authors;  // names, in order; may be empty when unknown
  uint32_t author_count = 0;         // >= authors.size(); a count when names are unknown
  PaperDate date;                    // publication date with its precision
  PaperDate featured;                // when a curated feed featured it (e.g. HF Daily Papers)
  int32_t upvotes = 0;
  std::vector<Tag> tags;
  std::string venue;
  std::vector<ExternalId> external_ids;
  std::vector<Link> links;
  std::vector<std::string> sources;  // where it was read from: file names or URLs, in order

  bool has_code() const;
  // Back to an empty record, keeping the memory its strings and lists hold: a reader that
  // reuses one record for every paper allocates nothing for most of them.
  void clear();
  // author_count, or the number of names when no count was given.
  uint32_t effective_author_count() const {
    return author_count > authors.size() ? author_count : static_cast<uint32_t>(authors.size());
  }
};

// At most this many author names are kept per paper. A collaboration paper lists a few
// thousand; a list of a million is a broken or hostile file whose names would cost seconds
// and hundreds of megabytes in the index. The names past it are dropped (with a warning from
// the reader) and author_count keeps the whole count.
constexpr size_t kMaxAuthorNames = 10000;
// Drops the names past kMaxAuthorNames, keeping the count. Returns how many names there
// were when some were dropped, else 0.
size_t limit_author_names(PaperRecord& paper);
// The warning a reader gives for that.
std::string author_limit_message(size_t names);

// What a collection says about itself (bundle top level).
struct CollectionInfo {
  std::string title;
  std::string description;
  PaperDate created;  // when the collection was made
  std::string source_name;
  std::string source_url;
};

}  // namespace ps
