#include "core/explorer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "core/facet_query.h"
#include "core/text_fold.h"

namespace ps {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t days_of(const PaperDate& date) {
  const int32_t first = date.first_day();
  return days_from_civil(first / 10000, static_cast<unsigned>(first / 100 % 100),
                         static_cast<unsigned>(first % 100));
}

// Stable sort of rows by a float key, largest first: LSD radix over the key's bits, which
// keeps rows with equal keys in their incoming order (newest first) and costs four linear
// passes instead of a comparison sort's n log n.
void radix_sort_descending(std::vector<uint32_t>& rows, const std::vector<float>& key_of_row) {
  const size_t n = rows.size();
  std::vector<uint32_t> keys(n), other_rows(n), other_keys(n);
  for (size_t i = 0; i < n; ++i) {
    float f = key_of_row[rows[i]];
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    // Order-preserving map of IEEE floats to unsigned, then inverted for "largest first".
    bits = (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
    keys[i] = ~bits;
  }
  for (int shift = 0; shift < 32; shift += 8) {
    size_t counts[257] = {};
    for (size_t i = 0; i < n; ++i) ++counts[((keys[i] >> shift) & 0xff) + 1];
    for (int b = 0; b < 256; ++b) counts[b + 1] += counts[b];
    for (size_t i = 0; i < n; ++i) {
      const size_t at = counts[(keys[i] >> shift) & 0xff]++;
      other_rows[at] = rows[i];
      other_keys[at] = keys[i];
    }
    rows.swap(other_rows);
    keys.swap(other_keys);
  }
}

}  // namespace

std::string SortOrder::name() const {
  switch (field) {
    case SortField::kRelevance:
      return "relevance";
    case SortField::kTrending:
      return "trending";
    case SortField::kDate:
      return descending ? "date-desc" : "date-asc";
    case SortField::kUpvotes:
      return descending ? "upvotes-desc" : "upvotes-asc";
    case SortField::kTitle:
      return descending ? "title-desc" : "title-asc";
  }
  return "date-desc";
}

bool SortOrder::parse(std::string_view name, SortOrder& out) {
  for (SortField field : {SortField::kRelevance, SortField::kDate, SortField::kUpvotes,
                          SortField::kTitle, SortField::kTrending}) {
    for (bool descending : {true, false}) {
      const SortOrder candidate{field, descending};
      if (candidate.name() == name) {
        out = candidate;
        if (!out.has_direction()) out.descending = true;
        return true;
      }
    }
  }
  return false;
}

IndexingJob::IndexingJob(PaperStore store)
    : store_(std::make_unique<PaperStore>(std::move(store))),
      index_(std::make_unique<SearchIndex>()) {
  index_->begin_build(*store_);
}

IndexingJob::IndexingJob(ChunkedManifest manifest, std::string resident)
    : manifest_(std::make_unique<ChunkedManifest>(std::move(manifest))),
      resident_(std::make_unique<std::string>(std::move(resident))),
      hasher_(std::make_unique<Xxh64>()) {
  if (resident_->size() != manifest_->resident_bytes) {
    error_ = manifest_->resident_file + ": " + std::to_string(resident_->size()) +
             " bytes, the manifest says " + std::to_string(manifest_->resident_bytes);
  }
}

IndexingJob::~IndexingJob() = default;

bool IndexingJob::step(size_t budget) {
  if (!manifest_) return index_->build_step(budget);
  if (!error_.empty()) return true;
  if (hasher_) {  // first the hash, 16 KB per budget unit
    // In 64 bits: with wasm32's size_t a big budget (set_collection's 1 << 20) times 16 KB
    // wrapped to 0, and the hash never advanced.
    const uint64_t step = std::max<uint64_t>(budget, 1) * 16384;
    const size_t end =
        static_cast<size_t>(std::min<uint64_t>(resident_->size(), uint64_t(hashed_) + step));
    hasher_->update(resident_->data() + hashed_, end - hashed_);
    hashed_ = end;
    if (hashed_ < resident_->size()) return false;
    const uint64_t hash = hasher_->digest();
    hasher_.reset();
    if (hash != manifest_->resident_hash) {
      error_ = manifest_->resident_file +
               ": damaged or not the file the manifest names (its hash is " + hash_hex(hash) +
               ", the manifest says " + hash_hex(manifest_->resident_hash) + ")";
      return true;
    }
    decoder_ = std::make_unique<ResidentDecoder>(*manifest_, *resident_);
    return false;
  }
  if (!decoder_->step(budget)) return false;
  if (!decoder_->ok()) error_ = manifest_->resident_file + ": " + decoder_->error();
  return true;
}

double IndexingJob::progress() const {
  if (!manifest_) return index_->build_progress();
  if (hasher_) return resident_->empty() ? 0.1 : 0.1 * hashed_ / resident_->size();
  return decoder_ ? 0.1 + 0.9 * decoder_->progress() : 1.0;
}

void Explorer::set_collection(IndexingJob&& indexed) {
  // 65,536 papers' worth a step: budgets are multiplied into byte counts (16 KB per unit
  // while hashing), which must stay inside wasm32's 32-bit size_t.
  while (!indexed.step(1 << 16)) {
  }
  if (indexed.manifest_) {
    if (!indexed.error_.empty() || !indexed.decoder_) return;  // the caller checks error()
    store_ = std::move(indexed.decoder_->store());
    index_ = std::move(indexed.decoder_->index());
    indexed.decoder_.reset();
    indexed.resident_.reset();
    chunks_ = std::make_unique<ChunkedCollection>(std::move(*indexed.manifest_));
  } else {
    store_ = std::move(*indexed.store_);
    index_ = std::move(*indexed.index_);
    chunks_.reset();
  }
  adopt_collection();
}

void Explorer::set_collection(PaperStore store) {
  store_ = std::move(store);
  index_ = SearchIndex();
  index_.build(store_);
  chunks_.reset();
  adopt_collection();
}

//-----------------------------------------------------------------------------
// Chunked collections
//-----------------------------------------------------------------------------

Explorer::Details Explorer::details(uint32_t row) const {
  if (!chunks_ || row >= store_.size() || store_.details_loaded(row)) return Details::kLoaded;
  return chunks_->state(store_.chunk_of(row)) == ChunkedCollection::State::kFailed
             ? Details::kFailed
             : Details::kLoading;
}

const std::string& Explorer::details_error(uint32_t row) const {
  static const std::string kNone;
  if (!chunks_ || row >= store_.size() || store_.details_loaded(row)) return kNone;
  return chunks_->error(store_.chunk_of(row));
}

void Explorer::want_details(uint32_t row) {
  if (chunks_ && row < store_.size() && !store_.details_loaded(row))
    chunks_->want(store_.chunk_of(row));
}

void Explorer::retry_details(uint32_t row) {
  if (chunks_ && row < store_.size()) chunks_->retry(store_.chunk_of(row));
}

Explorer::DetailsNeed Explorer::need_details(const std::vector<uint32_t>& rows,
                                             uint32_t max_chunks) {
  DetailsNeed need;
  if (!chunks_) return need;
  std::vector<uint32_t> missing;
  for (uint32_t row : rows) {
    if (row >= store_.size() || store_.details_loaded(row)) continue;
    ++need.papers;
    const uint32_t chunk = store_.chunk_of(row);
    if (chunks_->state(chunk) == ChunkedCollection::State::kFailed) {
      ++need.failed;
    } else if (missing.empty() || missing.back() != chunk) {
      missing.push_back(chunk);
    }
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  need.chunks = static_cast<uint32_t>(missing.size());
  for (uint32_t chunk : missing) need.bytes += chunks_->manifest().chunks[chunk].bytes;
  if (need.chunks > 0 && need.chunks <= max_chunks) {
    for (uint32_t chunk : missing) chunks_->want(chunk);
    need.requested = true;
  }
  return need;
}

std::vector<uint32_t> Explorer::take_chunk_requests() {
  return chunks_ ? chunks_->take_wanted() : std::vector<uint32_t>();
}

bool Explorer::attach_chunk(uint32_t chunk, std::string_view bytes, std::string& error) {
  if (!chunks_) {
    error = "the collection shown is not chunked";
    return false;
  }
  return chunks_->attach(chunk, bytes, store_, error);
}

void Explorer::chunk_failed(uint32_t chunk, std::string message) {
  if (chunks_) chunks_->failed(chunk, std::move(message));
}

namespace {

bool asks_only_abstracts(const QueryNode* node) {
  if (!node) return false;
  if ((node->kind == QueryNode::Kind::kWords || node->kind == QueryNode::Kind::kPhrase) &&
      node->fields == kInAbstract) {
    return true;
  }
  for (const auto& child : node->children) {
    if (asks_only_abstracts(child.get())) return true;
  }
  return false;
}

}  // namespace

std::string Explorer::query_notice() const {
  if (index_.indexes_abstracts() || !asks_only_abstracts(parsed_.root.get())) return {};
  return "abstract: finds nothing in this collection: its abstracts are not indexed (a chunked "
         "collection fetches them only to show a paper)";
}

void Explorer::adopt_collection() {
  evaluator_.reset(&store_, &index_);
  evaluator_.set_reading_list(&reading_list_);
  facet_index_.build(store_);
  related_.reset();
  match_valid_ = false;
  for (auto& order : orders_) order.clear();
  first_year_ = last_year_ = 0;
  PaperDate newest;
  for (uint32_t row = 0; row < store_.size(); ++row) {
    const PaperDate d = store_.date(row);
    if (!d.known()) continue;
    if (!first_year_ || d.year < first_year_) first_year_ = d.year;
    if (d.year > last_year_) last_year_ = d.year;
    if (d.last_day() > newest.last_day()) newest = d;
  }
  reference_date_ = store_.info.created.known() ? store_.info.created : newest;
  dirty_ = true;
}

void Explorer::set_query(std::string_view text) {
  if (text == query_) return;
  query_ = std::string(text);
  ParsedQuery parsed = parse_query(query_);
  if (!parsed.ok()) {
    // Keep showing the last good results; the view says what is wrong and where.
    query_error_ = parsed.error;
    query_error_column_ = parsed.error_column;
    return;
  }
  query_error_.clear();
  query_error_column_ = 0;
  parsed_ = std::move(parsed);
  dirty_ = true;
}

void Explorer::prime_searches() {
  if (!query_.empty() || store_.empty()) return;
  for (const char* query : {"a", "ab", "ab cd", "\xc3\xa9t", "zqxjkvw", "ab -\"cd ef\" OR g"}) {
    set_query(query);
    results();
    corrections();
  }
  set_query("");
  results();
}

void Explorer::set_sort(SortOrder sort) {
  if (!sort.has_direction()) sort.descending = true;
  if (!automatic_sort_ && sort == sort_) return;
  sort_ = sort;
  automatic_sort_ = false;
  dirty_ = true;
}

void Explorer::set_automatic_sort() {
  if (automatic_sort_) return;
  automatic_sort_ = true;
  dirty_ = true;
}

SortOrder Explorer::sort() {
  if (!automatic_sort_) return sort_;
  return parsed_.has_text ? SortOrder{SortField::kRelevance, true}
                          : SortOrder{SortField::kDate, true};
}

void Explorer::set_filters(const Filters& filters) {
  if (filters == filters_) return;
  filters_ = filters;
  dirty_ = true;
}

void Explorer::set_show_hidden(bool show) {
  if (show == show_hidden_) return;
  show_hidden_ = show;
  dirty_ = true;
}

uint32_t Explorer::hidden_matches() {
  results();
  return hidden_matches_;
}

const std::vector<uint32_t>& Explorer::results() {
  if (reading_list_.version() != evaluated_list_version_) {
    dirty_ = true;
    match_valid_ = false;  // is: and mytag: terms may have changed
  }
  if (dirty_) recompute();
  return results_;
}

const std::vector<SearchedWord>& Explorer::searched_words() {
  results();
  return match_.positive_words;
}

const std::vector<Correction>& Explorer::corrections() {
  results();
  return match_.corrections;
}

bool Explorer::rows_for(std::string_view query, std::vector<uint32_t>& rows) {
  rows.clear();
  const ParsedQuery parsed = parse_query(query);
  if (!parsed.ok()) return false;
  QueryMatch match;
  evaluator_.evaluate(parsed.root.get(), match);
  apply_filters(match.rows);
  if (!show_hidden_ && !parsed.mentions_hidden && reading_list_.size()) {
    RowSet hidden;
    reading_list_.rows_with(store_, Mark::kHidden, hidden);
    match.rows.subtract(hidden);
  }
  match.rows.for_each([&](uint32_t row) { rows.push_back(row); });
  return true;
}

std::vector<FacetValue> Explorer::facet_counts(FacetField field) {
  auto count = [&](const std::vector<uint32_t>& rows) {
    return field == FacetField::kMyTag ? count_my_tags(store_, reading_list_, rows)
                                       : facet_index_.count(store_, rows, field);
  };
  const std::vector<uint32_t>& current = results();
  if (field == FacetField::kTag || field == FacetField::kVenue || field == FacetField::kMyTag) {
    FacetChoices choices = split_facet_choices(query_);
    FacetChoices::Field& own = choices.field(field);
    if (own.any_of && !own.included.empty() && query_error_.empty()) {
      own.included.clear();
      std::vector<uint32_t> rows;
      if (rows_for(compose_query(choices), rows)) return count(rows);
    }
  }
  return count(current);
}

Timeline Explorer::timeline() {
  const std::vector<uint32_t>& current = results();
  if (timeline_generation_ == generation_ && timeline_list_version_ == reading_list_.version() &&
      timeline_query_ == query_) {
    return timeline_;
  }
  timeline_generation_ = generation_;
  timeline_list_version_ = reading_list_.version();
  timeline_query_ = query_;
  FacetChoices choices = split_facet_choices(query_);
  if (!choices.date_range.empty() && query_error_.empty()) {
    choices.date_range.clear();
    std::vector<uint32_t> rows;
    if (rows_for(compose_query(choices), rows)) {
      timeline_ = make_timeline(store_, rows, first_year_, last_year_);
      return timeline_;
    }
  }
  timeline_ = make_timeline(store_, current, first_year_, last_year_);
  return timeline_;
}

std::vector<std::pair<uint32_t, float>> Explorer::related(uint32_t row, size_t k) {
  return related_.find(index_, row, k);
}

std::string Explorer::more_like_this(uint32_t row) {
  std::string query;
  for (const std::string& word : related_.top_words(index_, row, 6)) {
    query += (query.empty() ? "(" : " OR ") + word;
  }
  return query.empty() ? query : query + ")";
}

double Explorer::trending_score(uint32_t row) const {
  const PaperDate d = store_.date(row);
  if (!d.known() || !reference_date_.known()) return -1.0;  // undated: after every dated one
  const double age = std::max<int64_t>(0, days_of(reference_date_) - days_of(d));
  return store_.upvotes(row) / std::pow(age + 2.0, 1.5);
}

void Explorer::apply_filters(RowSet& rows) const {
  if (!filters_.any()) return;
  const bool by_year = filters_.year_min || filters_.year_max;
  const int lo = filters_.year_min ? filters_.year_min : -1;
  const int hi = filters_.year_max ? filters_.year_max : 1 << 30;
  RowSet kept(store_.size());
  rows.for_each([&](uint32_t row) {
    if (filters_.has_code_only && !store_.has_code(row)) return;
    if (by_year) {
      const PaperDate d = store_.date(row);
      if (!d.known() || d.year < lo || d.year > hi) return;
    }
    kept.set(row);
  });
  rows = std::move(kept);
}

const std::vector<uint32_t>& Explorer::order_for(SortOrder sort) {
  std::vector<uint32_t>& order =
      orders_[static_cast<int>(sort.field) * 2 + (sort.descending ? 1 : 0)];
  if (!order.empty() || store_.empty()) return order;
  order.resize(store_.size());
  std::iota(order.begin(), order.end(), 0u);
  const PaperStore& s = store_;
  const bool desc = sort.descending;
  // Ties: newest first, then row order, so every order is total and stable.
  auto newer = [&](uint32_t a, uint32_t b) {
    const int32_t ka = s.date(a).sort_key(), kb = s.date(b).sort_key();
    return ka != kb ? ka > kb : a < b;
  };
  switch (sort.field) {
    case SortField::kRelevance:  // ranked per query, from the newest-first order
    case SortField::kDate: {
      // One 64-bit key per paper, its date's rank above its row, sorted as numbers: several
      // times faster than comparing dates looked up in the store, and every load sorts by
      // date (the first view).
      std::vector<uint64_t> keys(store_.size());
      for (uint32_t row = 0; row < store_.size(); ++row) {
        const int32_t date = s.date(row).sort_key();
        uint32_t rank = static_cast<uint32_t>(date) ^ 0x80000000u;  // keeps the order
        if (desc) rank = ~rank;
        // Undated last, either direction.
        rank = date == 0 ? 0xffffffffu : std::min(rank, 0xfffffffeu);
        keys[row] = uint64_t{rank} << 32 | row;
      }
      std::sort(keys.begin(), keys.end());
      for (size_t i = 0; i < keys.size(); ++i) order[i] = static_cast<uint32_t>(keys[i]);
      break;
    }
    case SortField::kUpvotes:
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int32_t ua = s.upvotes(a), ub = s.upvotes(b);
        if (ua != ub) return desc ? ua > ub : ua < ub;
        return newer(a, b);
      });
      break;
    case SortField::kTitle: {
      std::vector<std::string> keys(store_.size());
      for (uint32_t row = 0; row < store_.size(); ++row)
        keys[row] = fold_words_joined(s.title(row));
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int c = keys[a].compare(keys[b]);
        if (c != 0) return desc ? c > 0 : c < 0;
        return newer(a, b);
      });
      break;
    }
    case SortField::kTrending: {
      std::vector<double> score(store_.size());
      for (uint32_t row = 0; row < store_.size(); ++row) score[row] = trending_score(row);
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (score[a] != score[b]) return score[a] > score[b];
        return newer(a, b);
      });
      break;
    }
  }
  return order;
}

void Explorer::order_by_relevance(const RowSet& rows) {
  // Newest first, then a stable sort by score: equal scores stay newest first.
  for (uint32_t row : order_for(SortOrder{SortField::kDate, true})) {
    if (rows.test(row)) results_.push_back(row);
  }
  if (match_.positive_words.empty()) return;
  evaluator_.score(match_, results_, scores_);
  radix_sort_descending(results_, scores_);
}

void Explorer::recompute() {
  dirty_ = false;
  ++generation_;
  results_.clear();
  if (store_.empty()) {
    match_ = QueryMatch{};
    return;
  }
  // Typing on at the end of the query narrows the last results; anything else evaluates
  // the query (single terms come from the evaluator's cache).
  const bool narrowed = match_valid_ && evaluator_.narrow(parse_query(evaluated_query_).root.get(),
                                                          parsed_.root.get(), match_);
  if (!narrowed) evaluator_.evaluate(parsed_.root.get(), match_);
  match_valid_ = true;
  evaluated_query_ = query_;
  evaluated_list_version_ = reading_list_.version();
  RowSet rows = match_.rows;
  apply_filters(rows);
  hidden_matches_ = 0;
  if (!show_hidden_ && !parsed_.mentions_hidden && reading_list_.size()) {
    RowSet hidden;
    reading_list_.rows_with(store_, Mark::kHidden, hidden);
    hidden.intersect(rows);
    hidden_matches_ = hidden.count();
    rows.subtract(hidden);
  }
  const uint32_t matched = rows.count();
  results_.reserve(matched);
  if (matched == 0) return;
  const SortOrder order = sort();
  if (order.field == SortField::kRelevance) {
    order_by_relevance(rows);
    return;
  }
  for (uint32_t row : order_for(order)) {
    if (rows.test(row)) results_.push_back(row);
  }
}

}  // namespace ps
