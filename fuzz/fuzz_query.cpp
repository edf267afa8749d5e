// The query language and its evaluation against a small fixed collection: parse_query, then
// Explorer::set_query / results / facet_counts / timeline / related / more_like_this, with
// sorts, filters and a reading list. Input lines are typed one after another (the last one
// its last characters one at a time); after each, the explorer's results (computed
// incrementally: cached terms, narrowing) must equal another evaluation of the query.
#include <algorithm>
#include <functional>
#include <vector>

#include "core/explorer.h"
#include "core/facet_query.h"
#include "fuzz_common.h"

namespace {

ps::PaperDate date_of(const char* text) {
  ps::PaperDate date;
  std::string error;
  if (*text) ps::parse_date(text, date, error);
  return date;
}

// 48 papers with every kind of field: accents, CJK, emoji and right-to-left words, dates at
// each precision and none, tags of each kind, venues, links of each kind.
ps::PaperStore make_collection() {
  static const char* const kWords[] = {
      "diffusion", "models", "attention", "transformer", "graph",  "neural", "fields",
      "Été",       "Straße", "Łódź",      "学习",        "🙂",   "שלום",   "Med-VQA",
      "GAN",       "GANs",   "language",  "large",       "survey", "x",      "3D",
      "point",     "clouds", "learning",  "vision",      "naïve",  "ﬁne",    "İstanbul"};
  static const char* const kDates[] = {"2017-06-12", "2021",       "2023-02", "",
                                       "2024-12-31", "2020-02-29", "1999-01", "2025-10-01"};
  static const char* const kVenues[] = {"", "NeurIPS 2024", "ICML 2024", "arXiv", "Nature"};
  static const char* const kTags[] = {"cs.CV", "cs.LG", "cs.CL", "survey", "diffusion", "Été"};
  const size_t nwords = sizeof(kWords) / sizeof(kWords[0]);
  ps::PaperStore store;
  for (uint32_t i = 0; i < 48; ++i) {
    ps::PaperRecord p;
    p.id = i % 3 ? "t-" + std::to_string(1000 + i)
                 : "24" + std::to_string(10 + i) + ".0000" + std::to_string(i % 10);
    for (uint32_t w = 0; w < 2 + i % 5; ++w) {
      p.title += (w ? " " : "") + std::string(kWords[(i * 7 + w * 3) % nwords]);
    }
    for (uint32_t w = 0; w < i % 11; ++w) {
      p.abstract += (w ? " " : "") + std::string(kWords[(i * 5 + w * 11) % nwords]);
    }
    for (uint32_t a = 0; a < i % 4; ++a) {
      p.authors.push_back(std::string(kWords[(i + a) % nwords]) + " " +
                          kWords[(i * 3 + a) % nwords]);
    }
    p.author_count = static_cast<uint32_t>(p.authors.size()) + (i % 5 == 0 ? 3 : 0);
    p.date = date_of(kDates[i % 8]);
    p.featured = date_of(kDates[(i + 3) % 8]);
    p.upvotes = static_cast<int32_t>((i * 37) % 101);
    p.venue = kVenues[i % 5];
    if (i % 2) p.tags.push_back({ps::TagKind::kCategory, kTags[i % 3]});
    if (i % 3 == 0) p.tags.push_back({ps::TagKind::kKeyword, kTags[3 + i % 3]});
    if (i % 7 == 0) p.tags.push_back({ps::TagKind::kFieldOfStudy, "Computer Science"});
    if (i % 4 == 1)
      p.links.push_back({ps::LinkKind::kCode, "https://github.com/a/b" + std::to_string(i)});
    if (i % 6 == 2) p.links.push_back({ps::LinkKind::kProject, "https://example.org/p"});
    if (i % 9 == 3) p.links.push_back({ps::LinkKind::kVideo, "https://youtube.com/x"});
    if (i % 5 == 4) p.links.push_back({ps::LinkKind::kPdf, "https://arxiv.org/pdf/x"});
    store.add(p);
  }
  store.info.title = "fuzz";
  return store;
}

ps::Explorer& explorer() {
  static ps::Explorer* e = [] {
    auto* made = new ps::Explorer();
    made->set_collection(make_collection());
    made->evaluator().always_narrow = true;  // the incremental path, whenever it applies
    ps::ReadingList& list = made->reading_list();
    for (uint32_t row = 0; row < made->store().size(); row += 5) {
      const std::string id(made->store().id(row));
      list.set_mark(id, ps::Mark::kStarred, true);
      if (row % 2) list.set_mark(id, ps::Mark::kRead, true);
      if (row % 3 == 0) list.set_mark(id, ps::Mark::kHidden, true);
      list.add_tag(id, row % 2 ? "to read" : "GAN");
    }
    return made;
  }();
  return *e;
}

// What the results must be: the query evaluated by another evaluator (no narrowing; its own
// cache of terms, with another history, or none at all for one input in eight), filtered.
std::vector<uint32_t> reference(ps::Explorer& e, const std::string& query, bool uncached) {
  const ps::ParsedQuery parsed = ps::parse_query(query);
  FUZZ_CHECK(parsed.ok());
  static ps::QueryEvaluator* cached = [&e] {
    auto* made = new ps::QueryEvaluator();
    made->reset(&e.store(), &e.index());
    made->set_reading_list(&e.reading_list());
    return made;
  }();
  ps::QueryEvaluator fresh;
  fresh.reset(&e.store(), &e.index());
  fresh.set_reading_list(&e.reading_list());
  ps::QueryMatch match;
  (uncached ? fresh : *cached).evaluate(parsed.root.get(), match);
  const ps::Filters& f = e.filters();
  std::vector<uint32_t> rows;
  match.rows.for_each([&](uint32_t row) {
    if (f.has_code_only && !e.store().has_code(row)) return;
    if (f.year_min || f.year_max) {
      const ps::PaperDate d = e.store().date(row);
      if (!d.known() || (f.year_min && d.year < f.year_min) ||
          (f.year_max && d.year > f.year_max)) {
        return;
      }
    }
    if (!e.show_hidden() && !parsed.mentions_hidden &&
        e.reading_list().marks(e.store().id(row)).hidden) {
      return;
    }
    rows.push_back(row);
  });
  return rows;
}

void check_results(ps::Explorer& e, const std::string& good_query, bool uncached) {
  const std::vector<uint32_t>& results = e.results();
  std::vector<uint32_t> sorted = results;
  std::sort(sorted.begin(), sorted.end());
  FUZZ_CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  for (uint32_t row : sorted) FUZZ_CHECK(row < e.store().size());
  if (sorted != reference(e, good_query, uncached)) {
    std::fprintf(stderr, "results of \"%s\" differ from another evaluation%s\n", good_query.c_str(),
                 uncached ? " (uncached)" : "");
    FUZZ_CHECK(false);
  }
  const ps::SortOrder order = e.sort();
  if (order.field == ps::SortField::kDate) {
    for (size_t i = 1; i < results.size(); ++i) {
      const int32_t a = e.store().date(results[i - 1]).sort_key();
      const int32_t b = e.store().date(results[i]).sort_key();
      if (a == 0 || b == 0) {
        FUZZ_CHECK(b == 0);  // undated last
        continue;
      }
      FUZZ_CHECK(order.descending ? a >= b : a <= b);
    }
  }
  for (const ps::SearchedWord& word : e.searched_words()) FUZZ_CHECK(word.first <= word.last);
}

void look_around(ps::Explorer& e) {
  for (ps::FacetField field : {ps::FacetField::kTag, ps::FacetField::kVenue, ps::FacetField::kYear,
                               ps::FacetField::kHasCode}) {
    for (const ps::FacetValue& value : e.facet_counts(field)) FUZZ_CHECK(value.count > 0);
  }
  (void)e.timeline();
  (void)e.hidden_matches();
  (void)e.corrections();
  const std::vector<uint32_t> results = e.results();
  if (results.empty()) return;
  for (const auto& [row, score] : e.related(results.front(), 5)) {
    FUZZ_CHECK(row < e.store().size() && row != results.front());
    (void)score;
  }
  const std::string more = e.more_like_this(results.front());
  FUZZ_CHECK(more.empty() || ps::parse_query(more).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  ps::Explorer& e = explorer();
  e.set_query("");
  e.set_automatic_sort();
  e.set_filters({});
  e.set_show_hidden(false);
  std::string good;  // the last query that parsed: what the results show
  const bool uncached = std::hash<std::string_view>()(text) % 8 == 0;

  std::vector<std::string> lines;
  for (size_t begin = 0; begin <= text.size() && lines.size() < 8;) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const ps::ParsedQuery parsed = ps::parse_query(line);
    (void)ps::describe(parsed.root.get());
    if (!parsed.ok())
      FUZZ_CHECK(parsed.error_column >= 1 && parsed.error_column <= line.size() + 1);

    // Sort, filters and hidden papers as the line's hash says.
    const size_t h = std::hash<std::string>()(line);
    if (h % 11 == 10) {
      e.set_automatic_sort();
    } else {
      e.set_sort(ps::SortOrder{static_cast<ps::SortField>(h % 5), (h >> 3) % 2 == 0});
    }
    ps::Filters filters;
    if ((h >> 4) % 3 == 0) {
      filters.year_min = (h >> 6) % 2 ? 2000 + static_cast<int>((h >> 8) % 26) : 0;
      filters.year_max = (h >> 7) % 2 ? 2015 + static_cast<int>((h >> 12) % 12) : 0;
      filters.has_code_only = (h >> 16) % 2;
    }
    e.set_filters(filters);
    e.set_show_hidden((h >> 17) % 5 == 0);

    if (i + 1 == lines.size()) {  // typed a character at a time
      for (size_t n = line.size() > 12 ? line.size() - 12 : 0; n <= line.size(); ++n) {
        const std::string prefix = line.substr(0, n);
        e.set_query(prefix);
        if (ps::parse_query(prefix).ok()) good = prefix;
        check_results(e, good, uncached);
      }
    } else {
      e.set_query(line);
      if (parsed.ok()) good = line;
      check_results(e, good, uncached);
    }
    FUZZ_CHECK(e.query_error().empty() == parsed.ok());
    look_around(e);
    std::vector<uint32_t> rows;
    FUZZ_CHECK(e.rows_for(line, rows) == parsed.ok());
  }
  return 0;
}
