// arXiv API responses: Atom XML (export.arxiv.org/api/query), read with pugixml.
//   <feed xmlns="http://www.w3.org/2005/Atom"> <title/> <entry> <id>http://arxiv.org/abs/ID</id>
//   <published/> <updated/> <title/> <summary/> <author><name/></author> <link rel= href=/>
//   <category term=/> <arxiv:primary_category term=/> <arxiv:doi/> <arxiv:journal_ref/>
//   <arxiv:comment/> </entry> </feed>
// Two dialects are in the wild: the classic one (namespace declarations on each arxiv: and
// opensearch: element, http links) and the one served since late 2025 (declarations on the
// feed, https links, another element order, errors as entries whose id holds /api/errors#).
// Elements are matched by namespace URI, not by prefix, so both read the same, and any
// other Atom feed (such as `paperscope feed` output) reads as far as Atom allows.
#include <pugixml.hpp>

#include "core/import_common.h"
#include "core/importers.h"
#include "core/json_cursor.h"
#include "core/latex_text.h"

namespace ps {

namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kArxivNs = "http://arxiv.org/schemas/atom";

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The namespace URI of an element: its prefix looked up in the xmlns declarations of the
// element and its ancestors (a feed is shallow: a few levels at most).
std::string_view namespace_of(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const size_t colon = name.find(':');
  std::string attribute = "xmlns";
  if (colon != std::string_view::npos) attribute += ":" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute(attribute.c_str())) return a.value();
  }
  return {};
}

bool is(const pugi::xml_node& node, std::string_view ns, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node) == local && namespace_of(node) == ns;
}

// The text of an element: its character data and CDATA children (not deeper elements).
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
  }
  return out;
}

class ArxivAtomReader final : public PaperReader {
 public:
  explicit ArxivAtomReader(std::string_view text) : text_(text), lines_(text) {
    info.source_name = "arXiv API";
  }

  bool step(size_t max_papers, std::vector<PaperRecord>& out) override {
    if (done_) return true;
    if (!parsed_ && !parse()) return done_ = true;
    for (size_t n = 0; n < max_papers && entry_; ++n) {
      ++entry_index_;
      PaperRecord paper;
      if (read(entry_, paper)) out.push_back(std::move(paper));
      entry_ = next_entry(entry_.next_sibling());
      if (problems.full()) return done_ = true;
    }
    return done_ = !entry_;
  }

  double progress() const override {
    if (done_) return 1.0;
    if (!parsed_ || !entry_ || text_.empty()) return 0.0;
    return static_cast<double>(entry_.offset_debug()) / text_.size();
  }

 private:
  bool parse() {
    parsed_ = true;
    const pugi::xml_parse_result result =
        doc_.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_auto);
    if (!result) {
      problems.error(line_column(text_, static_cast<size_t>(result.offset)),
                     std::string("not well-formed XML: ") + result.description());
      return false;
    }
    const pugi::xml_node feed = doc_.document_element();
    if (!is(feed, kAtomNs, "feed")) {
      problems.error(where(feed), "expected an Atom <feed> (namespace " + std::string(kAtomNs) +
                                      "), found <" + std::string(feed.name()).substr(0, 40) + ">");
      return false;
    }
    for (pugi::xml_node child = feed.first_child(); child; child = child.next_sibling()) {
      if (is(child, kAtomNs, "title")) info.title = one_line(text_of(child));
      if (is(child, kAtomNs, "link") &&
          std::string_view(child.attribute("rel").value()) == "self") {
        const std::string href = child.attribute("href").value();
        if (is_openable_url(href)) info.source_url = href;
      }
    }
    entry_ = next_entry(feed.first_child());
    return true;
  }

  pugi::xml_node next_entry(pugi::xml_node node) const {
    while (node && !is(node, kAtomNs, "entry")) node = node.next_sibling();
    return node;
  }

  std::string where(const pugi::xml_node& node) {
    // pugixml gives the offset of an element's name: its '<' is one before.
    const ptrdiff_t offset = node.offset_debug();
    return offset > 0 ? lines_.at(static_cast<size_t>(offset - 1)) : std::string("<feed>");
  }

  bool read(const pugi::xml_node& entry, PaperRecord& paper) {
    const std::string place = where(entry) + " (entry " + std::to_string(entry_index_) + ")";
    std::string id, summary, comment, primary;
    std::vector<Tag> categories;
    for (pugi::xml_node child = entry.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view ns = namespace_of(child);
      const std::string_view name = local_name(child);
      if (ns == kAtomNs) {
        if (name == "id") id = one_line(text_of(child));
        if (name == "title")
          paper.title = one_line(latex_to_unicode(text_of(child), latex_prose_options()));
        if (name == "summary" || (name == "content" && summary.empty())) summary = text_of(child);
        if (name == "published") parse_iso_date(one_line(text_of(child)), paper.date);
        if (name == "updated" && !paper.date.known())
          parse_iso_date(one_line(text_of(child)), updated_);
        if (name == "author") {
          for (pugi::xml_node n = child.first_child(); n; n = n.next_sibling()) {
            if (is(n, kAtomNs, "name"))
              paper.authors.push_back(tidy_name(latex_to_unicode(text_of(n))));
          }
        }
        if (name == "category") {
          // paperscope feed writes the tag's kind as the label; arXiv writes none.
          TagKind kind = TagKind::kCategory;
          parse_tag_kind(child.attribute("label").value(), kind);
          categories.push_back({kind, child.attribute("term").value()});
        }
        if (name == "link") read_link(child, paper, place);
      } else if (ns == kArxivNs) {
        if (name == "primary_category") primary = child.attribute("term").value();
        if (name == "doi") set_doi(paper, one_line(text_of(child)));
        if (name == "journal_ref") paper.venue = one_line(latex_to_unicode(text_of(child)));
        if (name == "comment") comment = text_of(child);
      }
    }
    if (id.find("/api/errors") != std::string::npos) {
      problems.error(place, "the arXiv API answered with an error: " +
                                one_line(summary.empty() ? id : summary).substr(0, 200));
      return false;
    }
    if (!set_arxiv_id(paper, id, /*with_pdf=*/true)) {
      if (is_openable_url(id)) add_link(paper, id, LinkKind::kOther, place, problems);
      add_external_id(paper, "atom", id);
    }
    if (!paper.date.known() && updated_.known()) paper.date = updated_;
    updated_ = PaperDate();
    paper.abstract = tidy_abstract(latex_to_unicode(summary, latex_prose_options()));
    add_links_from_text(paper, comment);          // "Code: https://github.com/…"
    add_tag(paper, TagKind::kCategory, primary);  // the primary category first
    for (const Tag& category : categories) add_tag(paper, category.kind, category.value);
    if (!finish_record(paper, place, problems)) {
      ++skipped;
      return false;
    }
    return true;
  }

  // Links arXiv generates (abstract page, PDF, DOI) are made canonical by set_arxiv_id and
  // set_doi; others are kept.
  void read_link(const pugi::xml_node& link, PaperRecord& paper, const std::string& place) {
    const std::string href = one_line(link.attribute("href").value());
    const std::string_view title = link.attribute("title").value();
    const std::string_view type = link.attribute("type").value();
    const std::string host = url_host(href);
    if (host == "arxiv.org" || host == "export.arxiv.org" || host == "www.arxiv.org") return;
    if (title == "doi" || host == "dx.doi.org" || host == "doi.org") {
      set_doi(paper, href);
      return;
    }
    LinkKind kind = LinkKind::kOther;
    if (title == "pdf" || type == "application/pdf") kind = LinkKind::kPdf;
    add_link(paper, href, kind, place, problems);
  }

  std::string_view text_;
  LineColumns lines_;  // where each entry is (entries come in order)
  pugi::xml_document doc_;
  pugi::xml_node entry_;
  size_t entry_index_ = 0;
  PaperDate updated_;
  bool parsed_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<PaperReader> make_arxiv_atom_reader(std::string_view text) {
  return std::make_unique<ArxivAtomReader>(text);
}

}  // namespace ps
