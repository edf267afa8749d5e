// The fast way to read one paper of a bundle: SAX events (json_events, one pass over the
// bytes) straight into a PaperRecord, with no JSON tree built. It only takes papers that are
// entirely well formed; anything else (a wrong type, a bad date, a link that is not http(s), broken
// JSON) makes it give up, and the caller reads that paper the careful way (read_paper on a parsed
// tree), which says exactly what is wrong and where. Measured: docs/benchmarks.md, "Reading
// bundles".
#include "core/bundle_paper_sax.h"

#include "core/json_events.h"
#include "core/json_read.h"
#include "core/paper_ids.h"

namespace ps {

namespace {

class PaperSax : public nlohmann::json_sax<Json> {
 public:
  explicit PaperSax(PaperRecord& paper) : paper_(paper) {}
  bool failed = false;

  bool null() override { return value_null(); }
  bool boolean(bool) override { return skip_scalar() || give_up(); }
  bool number_integer(number_integer_t v) override { return integer(v); }
  bool number_unsigned(number_unsigned_t v) override {
    return v > 2147483647u ? give_up() : integer(static_cast<int64_t>(v));
  }
  bool number_float(number_float_t, const string_t&) override { return skip_scalar() || give_up(); }
  bool string(string_t& v) override;
  bool binary(binary_t&) override { return give_up(); }
  bool start_object(std::size_t) override;
  bool key(string_t& k) override;
  bool end_object() override;
  bool start_array(std::size_t) override;
  bool end_array() override;
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return give_up();
  }

 private:
  enum class Field : uint8_t {
    kNone,
    kId,
    kTitle,
    kAbstract,
    kVenue,
    kAuthors,
    kSources,
    kAuthorCount,
    kUpvotes,
    kDate,
    kFeatured,
    kTags,
    kLinks,
    kExternalIds,
    kSkip
  };
  bool give_up() {
    failed = true;
    return false;
  }
  bool skipping() const { return skip_depth_ > 0; }
  // A scalar value of a member this reader skips (or inside a skipped value).
  bool skip_scalar() {
    if (skipping()) return true;
    if (field_ == Field::kSkip && depth_ == 1) {
      field_ = Field::kNone;
      return true;
    }
    return false;
  }
  // An object or array that starts the value of a skipped member.
  bool start_skipping() {
    if (field_ == Field::kSkip && depth_ == 2) {
      skip_depth_ = 1;
      return true;
    }
    return false;
  }
  bool value_null();
  bool integer(int64_t v);

  PaperRecord& paper_;
  int depth_ = 0;  // 1 inside the paper object
  Field field_ = Field::kNone;
  int skip_depth_ = 0;     // > 0 while skipping an unknown member's value
  bool in_array_ = false;  // inside the field's array
  bool in_item_ = false;   // inside an object item of tags or links
  std::string item_key_;   // the current key of that item
  Tag tag_;
  Link link_;
  std::string link_kind_, tag_kind_;
  std::string date_text_[2];
};

bool PaperSax::start_object(std::size_t) {
  ++depth_;
  if (skipping()) {
    ++skip_depth_;
    return true;
  }
  if (start_skipping()) return true;
  if (depth_ == 1) return true;
  if (depth_ == 2 && field_ == Field::kExternalIds) return true;
  if (depth_ == 3 && in_array_ && (field_ == Field::kTags || field_ == Field::kLinks)) {
    in_item_ = true;
    tag_ = Tag{};
    link_ = Link{};
    tag_kind_.clear();
    link_kind_.clear();
    return true;
  }
  return give_up();
}

bool PaperSax::end_object() {
  --depth_;
  if (skipping()) {
    if (--skip_depth_ == 0) field_ = Field::kNone;
    return true;
  }
  if (in_item_ && depth_ == 2) {
    in_item_ = false;
    if (field_ == Field::kTags) {
      if (tag_.value.empty()) return give_up();
      if (!tag_kind_.empty() && !parse_tag_kind(tag_kind_, tag_.kind)) return give_up();
      paper_.tags.push_back(std::move(tag_));
    } else {
      if (!is_openable_url(link_.url)) return give_up();
      if (link_kind_.empty())
        link_.kind = classify_link(link_.url);
      else if (!parse_link_kind(link_kind_, link_.kind))
        return give_up();
      paper_.links.push_back(std::move(link_));
    }
    return true;
  }
  if (depth_ == 1 && field_ == Field::kExternalIds) field_ = Field::kNone;
  return true;
}

bool PaperSax::start_array(std::size_t) {
  ++depth_;
  if (skipping()) {
    ++skip_depth_;
    return true;
  }
  if (start_skipping()) return true;
  if (depth_ == 2 && (field_ == Field::kAuthors || field_ == Field::kSources ||
                      field_ == Field::kTags || field_ == Field::kLinks)) {
    in_array_ = true;
    return true;
  }
  return give_up();
}

bool PaperSax::end_array() {
  --depth_;
  if (skipping()) {
    if (--skip_depth_ == 0) field_ = Field::kNone;
    return true;
  }
  in_array_ = false;
  field_ = Field::kNone;
  return true;
}

bool PaperSax::key(string_t& k) {
  if (skipping()) return true;
  if (in_item_) {
    item_key_ = k;
    return true;
  }
  if (depth_ == 2 && field_ == Field::kExternalIds) {
    item_key_ = k;
    return true;
  }
  if (depth_ != 1) return give_up();
  // Names as string_views (their lengths known): every member of every paper is looked up
  // here, and comparing with a C string would measure it first.
  static constexpr struct {
    std::string_view name;
    Field field;
  } kFields[] = {{"id", Field::kId},
                 {"title", Field::kTitle},
                 {"abstract", Field::kAbstract},
                 {"venue", Field::kVenue},
                 {"authors", Field::kAuthors},
                 {"sources", Field::kSources},
                 {"author_count", Field::kAuthorCount},
                 {"upvotes", Field::kUpvotes},
                 {"date", Field::kDate},
                 {"featured", Field::kFeatured},
                 {"tags", Field::kTags},
                 {"links", Field::kLinks},
                 {"external_ids", Field::kExternalIds}};
  field_ = Field::kSkip;  // members this reader does not know are skipped, as read_paper does
  for (const auto& f : kFields) {
    if (std::string_view(k) == f.name) {
      field_ = f.field;
      break;
    }
  }
  // A member given twice counts once, its last value, as in a tree (lists would otherwise
  // collect both).
  switch (field_) {
    case Field::kAuthors:
      paper_.authors.clear();
      break;
    case Field::kSources:
      paper_.sources.clear();
      break;
    case Field::kTags:
      paper_.tags.clear();
      break;
    case Field::kLinks:
      paper_.links.clear();
      break;
    case Field::kExternalIds:
      paper_.external_ids.clear();
      break;
    default:
      break;
  }
  return true;
}

bool PaperSax::value_null() {
  if (skip_scalar()) return true;
  if (depth_ == 1) {  // null is absent
    field_ = Field::kNone;
    return true;
  }
  if (depth_ == 2 && field_ == Field::kExternalIds) return true;
  if (in_item_) return true;  // a null member of a tag or link: absent
  return give_up();           // a null in a list of authors, tags or links
}

bool PaperSax::integer(int64_t v) {
  if (skip_scalar()) return true;
  if (depth_ != 1) return give_up();
  if (field_ == Field::kAuthorCount && v >= 0 && v <= 100000000) {
    paper_.author_count = static_cast<uint32_t>(v);
  } else if (field_ == Field::kUpvotes && v >= 0 && v <= 2147483647) {
    paper_.upvotes = static_cast<int32_t>(v);
  } else {
    return give_up();
  }
  field_ = Field::kNone;
  return true;
}

bool PaperSax::string(string_t& v) {
  if (skip_scalar()) return true;
  if (in_item_) {
    std::string* into = nullptr;
    if (field_ == Field::kTags)
      into = item_key_ == "value" ? &tag_.value : item_key_ == "kind" ? &tag_kind_ : nullptr;
    else
      into = item_key_ == "url" ? &link_.url : item_key_ == "kind" ? &link_kind_ : nullptr;
    if (into) *into = std::move(v);
    return true;
  }
  if (depth_ == 2) {
    switch (field_) {
      case Field::kAuthors:
        paper_.authors.push_back(std::move(v));
        return true;
      case Field::kSources:
        paper_.sources.push_back(std::move(v));
        return true;
      case Field::kTags:  // a bare string is a keyword
        if (!v.empty()) paper_.tags.push_back(Tag{TagKind::kKeyword, std::move(v)});
        return true;
      case Field::kExternalIds:
        paper_.external_ids.push_back(ExternalId{item_key_, std::move(v)});
        return true;
      default:
        return give_up();
    }
  }
  if (depth_ != 1) return give_up();
  // Copied, not moved: the record is reused from paper to paper and v is the reader's buffer,
  // so both keep their memory and a long string costs no allocation. The abstract (most of
  // the bytes) is swapped instead, which keeps both buffers too without copying it: the two
  // take turns, each big enough for an abstract.
  switch (field_) {
    case Field::kId:
      paper_.id.assign(v);
      break;
    case Field::kTitle:
      paper_.title.assign(v);
      break;
    case Field::kAbstract:
      paper_.abstract.swap(v);
      break;
    case Field::kVenue:
      paper_.venue.assign(v);
      break;
    case Field::kDate:
    case Field::kFeatured: {
      std::string error;
      if (!parse_date(v, field_ == Field::kDate ? paper_.date : paper_.featured, error)) {
        return give_up();
      }
      break;
    }
    default:
      return give_up();
  }
  field_ = Field::kNone;
  return true;
}

}  // namespace

bool read_paper_fast(std::string_view text, PaperRecord& paper, size_t& consumed) {
  if (text.empty() || text.front() != '{') return false;
  PaperSax sax(paper);
  if (!send_json_events_prefix(text, sax, consumed) || sax.failed) return false;
  if (paper.title.find_first_not_of(" \t\r\n") == std::string::npos) return false;
  if (paper.id.empty()) {
    std::string arxiv, doi;
    for (const ExternalId& ext : paper.external_ids) {
      if (ext.scheme == "arxiv") arxiv = ext.value;
      if (ext.scheme == "doi") doi = ext.value;
    }
    paper.id = make_stable_id(arxiv, doi, paper.title);
  }
  return true;
}

}  // namespace ps
