#include "core/bundle_writer.h"

#include "core/bundle_reader.h"
#include "core/json_read.h"

namespace ps {

namespace {

// Keys in the order people read them (id and title first), not alphabetical.
using OrderedJson = nlohmann::ordered_json;

// Invalid UTF-8 never reaches a store (the readers reject it), but a dump must not abort
// whatever it is given: replace rather than throw.
std::string dump(const OrderedJson& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
}

OrderedJson paper_object(const PaperRecord& paper) {
  OrderedJson out = OrderedJson::object();
  out["id"] = paper.id;
  out["title"] = paper.title;
  if (!paper.abstract.empty()) out["abstract"] = paper.abstract;
  if (!paper.authors.empty()) out["authors"] = paper.authors;
  if (paper.author_count > paper.authors.size()) out["author_count"] = paper.author_count;
  if (paper.date.known()) out["date"] = paper.date.to_string();
  if (paper.featured.known()) out["featured"] = paper.featured.to_string();
  if (paper.upvotes) out["upvotes"] = paper.upvotes;
  if (!paper.venue.empty()) out["venue"] = paper.venue;
  if (!paper.tags.empty()) {
    OrderedJson tags = OrderedJson::array();
    for (const Tag& tag : paper.tags) {
      tags.push_back({{"kind", tag_kind_name(tag.kind)}, {"value", tag.value}});
    }
    out["tags"] = std::move(tags);
  }
  if (!paper.external_ids.empty()) {
    OrderedJson ids = OrderedJson::object();
    for (const ExternalId& ext : paper.external_ids) ids[ext.scheme] = ext.value;
    out["external_ids"] = std::move(ids);
  }
  if (!paper.links.empty()) {
    OrderedJson links = OrderedJson::array();
    for (const Link& link : paper.links) {
      links.push_back({{"url", link.url}, {"kind", link_kind_name(link.kind)}});
    }
    out["links"] = std::move(links);
  }
  if (!paper.sources.empty()) out["sources"] = paper.sources;
  return out;
}

}  // namespace

std::string paper_json(const PaperRecord& paper) {
  return dump(paper_object(paper));
}

std::string write_bundle(const PaperStore& store, const std::vector<uint32_t>* rows) {
  const CollectionInfo& info = store.info;
  std::string out = "{\n";
  out += "\"format\": \"" + std::string(kBundleFormatName) + "\",\n";
  out += "\"version\": " + std::to_string(kBundleVersion) + ",\n";
  out += "\"title\": " + dump(OrderedJson(info.title)) + ",\n";
  if (!info.description.empty())
    out += "\"description\": " + dump(OrderedJson(info.description)) + ",\n";
  if (info.created.known()) out += "\"created\": \"" + info.created.to_string() + "\",\n";
  if (!info.source_name.empty() || !info.source_url.empty()) {
    OrderedJson source = OrderedJson::object();
    if (!info.source_name.empty()) source["name"] = info.source_name;
    if (!info.source_url.empty()) source["url"] = info.source_url;
    out += "\"source\": " + dump(source) + ",\n";
  }
  out += "\"papers\": [";
  const uint32_t count = rows ? static_cast<uint32_t>(rows->size()) : store.size();
  for (uint32_t i = 0; i < count; ++i) {
    out += i ? ",\n" : "\n";
    out += paper_json(store.record(rows ? (*rows)[i] : i));
  }
  out += "\n]\n}\n";
  return out;
}

}  // namespace ps
