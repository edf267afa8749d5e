#include "core/merge.h"

#include <algorithm>
#include <unordered_set>

#include "core/paper_ids.h"

namespace ps {

namespace {

const std::string* external(const PaperRecord& paper, std::string_view scheme) {
  for (const ExternalId& ext : paper.external_ids) {
    if (ext.scheme == scheme) return &ext.value;
  }
  return nullptr;
}

// The more precise date; of two equally precise ones, the earlier (a preprint's date is
// usually the one people mean).
PaperDate better_date(const PaperDate& a, const PaperDate& b) {
  if (!a.known()) return b;
  if (!b.known()) return a;
  if (a.precision != b.precision) return a.precision > b.precision ? a : b;
  return b.sort_key() < a.sort_key() ? b : a;
}

}  // namespace

void combine_papers(PaperRecord& into, const PaperRecord& from) {
  if (into.title.empty()) into.title = from.title;
  if (from.abstract.size() > into.abstract.size()) into.abstract = from.abstract;
  if (from.authors.size() > into.authors.size()) into.authors = from.authors;
  into.author_count = std::max(into.effective_author_count(), from.effective_author_count());
  if (into.author_count == into.authors.size()) into.author_count = 0;  // names say it all
  into.date = better_date(into.date, from.date);
  // Featured: the first time a feed featured it.
  if (!into.featured.known() ||
      (from.featured.known() && from.featured.sort_key() < into.featured.sort_key())) {
    if (from.featured.known()) into.featured = from.featured;
  }
  into.upvotes = std::max(into.upvotes, from.upvotes);
  if (into.venue.empty()) into.venue = from.venue;
  for (const Tag& tag : from.tags) {
    bool have = false;
    for (const Tag& t : into.tags) have = have || t == tag;
    if (!have) into.tags.push_back(tag);
  }
  for (const ExternalId& ext : from.external_ids) {
    if (!external(into, ext.scheme)) into.external_ids.push_back(ext);
  }
  for (const Link& link : from.links) {
    bool have = false;
    for (const Link& l : into.links) have = have || l.url == link.url;
    if (!have) into.links.push_back(link);
  }
  for (const std::string& source : from.sources) {
    bool have = false;
    for (const std::string& s : into.sources) have = have || s == source;
    if (!have) into.sources.push_back(source);
  }
}

namespace {

// 0 means "no key": a hash that happens to be 0 becomes 1.
uint64_t key_hash(const std::string& key) {
  if (key.empty()) return 0;
  const uint64_t h = fnv1a64(key);
  return h ? h : 1;
}

}  // namespace

Merger::Keys Merger::keys_of(const PaperRecord& paper) {
  Keys keys;
  if (const std::string* arxiv = external(paper, "arxiv")) {
    keys.arxiv = key_hash(normalize_arxiv_id(*arxiv));
  }
  if (const std::string* doi = external(paper, "doi")) keys.doi = key_hash(normalize_doi(*doi));
  keys.title = key_hash(normalized_title(paper.title));
  return keys;
}

int64_t Merger::find_duplicate(const Keys& keys) const {
  if (keys.arxiv) {
    auto it = by_arxiv_.find(keys.arxiv);
    if (it != by_arxiv_.end()) return it->second;
  }
  // A match on a weaker key counts only when no stronger key contradicts it.
  auto compatible = [&](uint32_t at, bool check_doi) {
    const Keys& other = keys_[at];
    if (keys.arxiv && other.arxiv && keys.arxiv != other.arxiv) return false;
    if (check_doi && keys.doi && other.doi && keys.doi != other.doi) return false;
    return true;
  };
  if (keys.doi) {
    auto it = by_doi_.find(keys.doi);
    if (it != by_doi_.end() && compatible(it->second, false)) return it->second;
  }
  if (keys.title) {
    auto it = by_title_.find(keys.title);
    if (it != by_title_.end() && compatible(it->second, true)) return it->second;
  }
  return -1;
}

void Merger::index(uint32_t at, const Keys& keys) {
  // The first paper under a key keeps it.
  if (keys.arxiv) by_arxiv_.emplace(keys.arxiv, at);
  if (keys.doi) by_doi_.emplace(keys.doi, at);
  if (keys.title) by_title_.emplace(keys.title, at);
}

std::string Merger::unused_id(const std::string& id, const std::string& title,
                              const std::function<bool(const std::string&)>& taken) {
  if (!taken(id)) return id;
  std::string candidate;
  for (int n = 2;; ++n) {
    candidate = id + "-" + std::to_string(n);
    if (!taken(candidate)) break;
  }
  problems_.warning("", "two different papers have the id \"" + id.substr(0, 60) +
                            "\"; the second (\"" + title.substr(0, 60) + "\") is now \"" +
                            candidate + "\"");
  return candidate;
}

bool Merger::add(PaperRecord paper) {
  ++added_;
  Keys keys = keys_of(paper);
  const int64_t duplicate = find_duplicate(keys);
  if (duplicate >= 0) {
    const uint32_t at = static_cast<uint32_t>(duplicate);
    auto it = combined_.find(at);
    if (it == combined_.end()) it = combined_.emplace(at, store_.record(at)).first;
    combine_papers(it->second, paper);
    Keys& known = keys_[at];
    if (!known.arxiv) known.arxiv = keys.arxiv;
    if (!known.doi) known.doi = keys.doi;
    index(at, keys);
    ++folded_;
    return true;
  }
  const uint32_t at = store_.size();
  if (paper.id.empty()) {
    const std::string* arxiv = external(paper, "arxiv");
    const std::string* doi = external(paper, "doi");
    paper.id =
        make_stable_id(arxiv ? *arxiv : std::string(), doi ? *doi : std::string(), paper.title);
  }
  paper.id =
      unused_id(paper.id, paper.title, [&](const std::string& id) { return store_.find(id) >= 0; });
  store_.add(paper);
  index(at, keys);
  keys_.push_back(keys);
  return false;
}

void Merger::add_store(const PaperStore& store, std::string_view default_source) {
  for (uint32_t row = 0; row < store.size(); ++row) {
    PaperRecord paper = store.record(row);
    if (paper.sources.empty() && !default_source.empty()) {
      paper.sources.emplace_back(default_source);
    }
    add(std::move(paper));
  }
}

void Merger::reserve_scaled(double scale) {
  store_.reserve_scaled(scale);
  const size_t papers = static_cast<size_t>(store_.size() * scale);
  keys_.reserve(papers);
  for (auto* map : {&by_arxiv_, &by_doi_, &by_title_}) {
    map->reserve(static_cast<size_t>(map->size() * scale));
  }
}

PaperStore Merger::take_store(Problems& problems) {
  PaperStore out;
  if (combined_.empty()) {
    out = std::move(store_);
  } else {
    // Folded papers changed: they get their ids again by the rule, and the store is rebuilt
    // with them in their places. The papers between them are copied a run of rows at a time
    // (most papers are never folded). Unchanged papers keep their ids, which are unique; a
    // changed paper's new id that another paper holds gets a suffix.
    std::vector<uint32_t> changed_rows;
    changed_rows.reserve(combined_.size());
    for (const auto& entry : combined_) changed_rows.push_back(entry.first);
    std::sort(changed_rows.begin(), changed_rows.end());
    std::unordered_set<std::string> changed_ids;
    auto taken = [&](uint32_t row, const std::string& id) {
      const int64_t holder = store_.find(id);
      if (holder >= 0 && static_cast<uint32_t>(holder) != row &&
          !combined_.count(static_cast<uint32_t>(holder))) {
        return true;
      }
      return changed_ids.count(id) > 0;
    };
    out = store_.empty_like();
    uint32_t next = 0;
    for (const uint32_t row : changed_rows) {
      out.append_rows(store_, next, row);
      PaperRecord& paper = combined_[row];
      const std::string* arxiv = external(paper, "arxiv");
      const std::string* doi = external(paper, "doi");
      paper.id =
          make_stable_id(arxiv ? *arxiv : std::string(), doi ? *doi : std::string(), paper.title);
      paper.id =
          unused_id(paper.id, paper.title, [&](const std::string& id) { return taken(row, id); });
      changed_ids.insert(paper.id);
      out.add(paper);
      next = row + 1;
    }
    out.append_rows(store_, next, store_.size());
  }
  for (const Problem& p : problems_.warnings) problems.warning(p.where, p.message);
  *this = Merger();
  return out;
}

}  // namespace ps
