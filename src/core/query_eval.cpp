// QueryEvaluator
// [SECTION] Single terms: words, typos, phrases, ids, ranges, has:
// [SECTION] The tree: AND, OR, NOT, and the term cache
// [SECTION] Ranking: BM25F
#include "core/query_eval.h"

#include <algorithm>
#include <cmath>

#include "core/text_fold.h"

namespace ps {

namespace {

// How much a word counts in each field when ranking (title > authors > tags > abstract).
constexpr float kTitleWeight = 3.0f;
constexpr float kAuthorsWeight = 2.0f;
constexpr float kTagsWeight = 1.5f;
constexpr float kAbstractWeight = 1.0f;
constexpr float kVenueWeight = 1.0f;
constexpr float kK1 = 1.2f;  // BM25 term-frequency saturation
constexpr float kB = 0.75f;  // BM25 length normalisation

std::u32string to_code_points(const std::string& utf8) {
  std::u32string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    int32_t cp = -1;
    pos += decode_utf8(utf8, pos, cp);
    if (cp >= 0) out.push_back(static_cast<char32_t>(cp));
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Calls f(word id) for each dictionary word a searched word stands for.
template <class F>
void for_each_word_id(const SearchedWord& word, F&& f) {
  if (word.corrected) {
    for (uint32_t id : word.word_ids) f(id);
  } else {
    for (uint32_t id = word.first; id < word.last; ++id) f(id);
  }
}

}  // namespace

void QueryEvaluator::reset(const PaperStore* store, const SearchIndex* index) {
  store_ = store;
  index_ = index;
  folded_tags_.clear();
  folded_venues_.clear();
  cache_.clear();
  cache_index_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] Single terms: words, typos, phrases, ids, ranges, has:
//-----------------------------------------------------------------------------

std::vector<uint32_t> QueryEvaluator::words_within_one_edit(const std::string& word) const {
  const std::u32string w = to_code_points(word);
  std::u32string alphabet = U"abcdefghijklmnopqrstuvwxyz0123456789";
  for (char32_t c : w) {
    if (alphabet.find(c) == std::u32string::npos) alphabet.push_back(c);
  }
  std::vector<std::u32string> variants;
  for (size_t i = 0; i < w.size(); ++i) {  // deletions
    variants.push_back(w.substr(0, i) + w.substr(i + 1));
  }
  for (size_t i = 0; i + 1 < w.size(); ++i) {  // swaps of neighbours
    std::u32string v = w;
    std::swap(v[i], v[i + 1]);
    if (v != w) variants.push_back(v);
  }
  for (size_t i = 0; i <= w.size(); ++i) {
    for (char32_t c : alphabet) {
      if (i < w.size() && c != w[i]) {  // substitutions
        std::u32string v = w;
        v[i] = c;
        variants.push_back(v);
      }
      std::u32string v = w;  // insertions
      v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), c);
      variants.push_back(v);
    }
  }
  // Each variant stands for the words it begins, as a typed word does.
  std::vector<uint32_t> ids;
  for (const std::u32string& v : variants) {
    const auto range = index_->prefix_range(to_utf8(v));
    for (uint32_t id = range.first; id < range.second; ++id) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
    return index_->document_count(a) > index_->document_count(b);
  });
  return ids;
}

void QueryEvaluator::word_rows(SearchedWord& word, RowSet& out) const {
  out.reset(store_->size(), false);
  auto add_postings = [&](uint32_t id) {
    const Span<uint32_t> rows = index_->rows(id);
    const Span<TermCounts> counts = index_->counts(id);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (counts[i].fields() & word.fields) out.set(rows[i]);
    }
  };
  if (word.whole_word) {
    const int64_t id = index_->find_word(word.typed);
    word.first = id < 0 ? 0 : static_cast<uint32_t>(id);
    word.last = id < 0 ? 0 : word.first + 1;
  } else {
    const auto range = index_->prefix_range(word.typed);
    word.first = range.first;
    word.last = range.second;
    const RowSet* initial = word.typed.size() == 1 && word.fields == kInAnyText
                                ? index_->initial_rows(word.typed[0])
                                : nullptr;
    if (initial && initial->size() == store_->size()) {
      out = *initial;  // one letter: too short for a typo fallback
      return;
    }
  }
  for (uint32_t id = word.first; id < word.last; ++id) add_postings(id);
  if (word.whole_word || out.count() > 0) return;
  const size_t length = to_code_points(word.typed).size();
  if (length < kMinTypoLength || length > kMaxTypoLength) return;
  // No paper has a word starting like this: try the words one edit away.
  word.word_ids = words_within_one_edit(word.typed);
  if (word.word_ids.empty()) return;
  word.corrected = true;
  for (uint32_t id : word.word_ids) add_postings(id);
}

void QueryEvaluator::phrase_rows(const QueryNode& node, std::vector<SearchedWord>& words,
                                 RowSet& out) const {
  // Candidates: papers with every word (whole words, the last one as a prefix) in the field.
  out.reset(store_->size(), true);
  RowSet one;
  for (size_t i = 0; i < node.words.size(); ++i) {
    SearchedWord word;
    word.typed = node.words[i];
    word.fields = node.fields;
    word.whole_word = i + 1 < node.words.size();
    word_rows(word, one);
    out.intersect(one);
    words.push_back(word);
  }
  // Then the words must follow one another within one field.
  const size_t n = words.size();
  RowSet confirmed(store_->size());
  out.for_each([&](uint32_t row) {
    for (size_t f = 0; f < static_cast<size_t>(FieldSlot::kCount); ++f) {
      if (!(node.fields & (1u << f))) continue;
      const WordSpan text = index_->field_words(row, static_cast<FieldSlot>(f));
      for (size_t at = 0; at + n <= text.size(); ++at) {
        bool match = true;
        for (size_t k = 0; k < n && match; ++k) {
          const uint32_t id = text[at + k];
          match = id >= words[k].first && id < words[k].last;
        }
        if (match) {
          confirmed.set(row);
          return;
        }
      }
    }
  });
  out = std::move(confirmed);
}

void QueryEvaluator::range_rows(const QueryNode& node, RowSet& out) const {
  out.reset(store_->size(), false);
  for (uint32_t row = 0; row < store_->size(); ++row) {
    switch (node.range_field) {
      case QueryNode::RangeField::kUpvotes: {
        const int64_t v = store_->upvotes(row);
        if (v >= node.low && v <= node.high) out.set(row);
        break;
      }
      case QueryNode::RangeField::kYear: {
        const PaperDate d = store_->date(row);
        if (d.known() && d.year >= node.low && d.year <= node.high) out.set(row);
        break;
      }
      case QueryNode::RangeField::kDate: {
        // A date matches when the days it may mean overlap the range.
        const PaperDate d = store_->date(row);
        if (d.known() && d.last_day() >= node.low && d.first_day() <= node.high) out.set(row);
        break;
      }
    }
  }
}

void QueryEvaluator::has_rows(const QueryNode& node, RowSet& out) const {
  out.reset(store_->size(), false);
  // Link kinds and abstracts from the per-paper flags: known before a chunked collection's
  // details arrive.
  for (uint32_t row = 0; row < store_->size(); ++row) {
    bool yes = false;
    switch (node.has) {
      case HasWhat::kCode:
        yes = store_->has_code(row);
        break;
      case HasWhat::kProject:
        yes = store_->has_link_kind(row, LinkKind::kProject);
        break;
      case HasWhat::kPdf:
        yes = store_->has_link_kind(row, LinkKind::kPdf);
        break;
      case HasWhat::kVideo:
        yes = store_->has_link_kind(row, LinkKind::kVideo);
        break;
      case HasWhat::kAbstract:
        yes = store_->has_abstract(row);
        break;
      case HasWhat::kAuthors:
        yes = store_->named_author_count(row) > 0;
        break;
      case HasWhat::kDate:
        yes = store_->date(row).known();
        break;
    }
    if (yes) out.set(row);
  }
}

void QueryEvaluator::reading_list_rows(const QueryNode& node, RowSet& out) const {
  out.reset(store_->size(), false);
  if (!reading_list_) {
    if (node.kind == QueryNode::Kind::kIs && node.is == QueryNode::IsWhat::kUnread) {
      out.reset(store_->size(), true);
    }
    return;
  }
  if (node.kind == QueryNode::Kind::kMyTag)
    return reading_list_->rows_with_tag(*store_, node.text, out);
  switch (node.is) {
    case QueryNode::IsWhat::kStarred:
      return reading_list_->rows_with(*store_, Mark::kStarred, out);
    case QueryNode::IsWhat::kHidden:
      return reading_list_->rows_with(*store_, Mark::kHidden, out);
    case QueryNode::IsWhat::kRead:
      return reading_list_->rows_with(*store_, Mark::kRead, out);
    case QueryNode::IsWhat::kUnread: {
      RowSet read;
      reading_list_->rows_with(*store_, Mark::kRead, read);
      out.reset(store_->size(), true);
      out.subtract(read);
      return;
    }
  }
}

void QueryEvaluator::value_rows(const QueryNode& node, RowSet& out) {
  out.reset(store_->size(), false);
  if (node.fields == kInTags) {
    if (folded_tags_.size() != store_->tag_value_count()) {
      folded_tags_.clear();
      for (uint32_t v = 0; v < store_->tag_value_count(); ++v) {
        folded_tags_.push_back(fold_words_joined(store_->tag_value(v)));
      }
    }
    for (uint32_t row = 0; row < store_->size(); ++row) {
      for (const TagRef& tag : store_->tags(row)) {
        if (folded_tags_[tag.value] == node.text) {
          out.set(row);
          break;
        }
      }
    }
    return;
  }
  if (folded_venues_.size() != store_->size()) {
    folded_venues_.clear();
    for (uint32_t row = 0; row < store_->size(); ++row) {
      folded_venues_.push_back(fold_words_joined(store_->venue(row)));
    }
  }
  for (uint32_t row = 0; row < store_->size(); ++row) {
    if (folded_venues_[row] == node.text) out.set(row);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] The tree: AND, OR, NOT, and the term cache
//-----------------------------------------------------------------------------

const QueryEvaluator::CachedTerm& QueryEvaluator::cached_term(const QueryNode& node) {
  // Reading-list terms change with the list: its version is part of their key.
  const bool personal = node.kind == QueryNode::Kind::kIs || node.kind == QueryNode::Kind::kMyTag;
  const std::string key =
      describe(&node) +
      (personal && reading_list_ ? "@" + std::to_string(reading_list_->version()) : "");
  auto found = cache_index_.find(key);
  if (found != cache_index_.end()) {
    cache_.splice(cache_.begin(), cache_, found->second);  // most recently used first
    return found->second->second;
  }
  CachedTerm term;
  switch (node.kind) {
    case QueryNode::Kind::kWords: {
      term.rows.reset(store_->size(), true);
      RowSet one;
      for (const std::string& typed : node.words) {
        SearchedWord word;
        word.typed = typed;
        word.fields = node.fields;
        word_rows(word, one);
        term.rows.intersect(one);
        if (word.corrected) {
          term.corrections.push_back(
              Correction{typed, std::string(index_->word(word.word_ids.front()))});
        }
        term.words.push_back(std::move(word));
      }
      break;
    }
    case QueryNode::Kind::kPhrase:
      phrase_rows(node, term.words, term.rows);
      break;
    case QueryNode::Kind::kId: {
      term.rows.reset(store_->size(), false);
      int64_t row = store_->find(node.text);
      if (row < 0) {  // ids are case-insensitive where the rule makes them lower case
        std::string lower = node.text;
        for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        row = store_->find(lower);
      }
      if (row >= 0) term.rows.set(static_cast<uint32_t>(row));
      break;
    }
    case QueryNode::Kind::kRange:
      range_rows(node, term.rows);
      break;
    case QueryNode::Kind::kHas:
      has_rows(node, term.rows);
      break;
    case QueryNode::Kind::kIs:
    case QueryNode::Kind::kMyTag:
      reading_list_rows(node, term.rows);
      break;
    case QueryNode::Kind::kValue:
      value_rows(node, term.rows);
      break;
    default:
      break;
  }
  cache_.emplace_front(key, std::move(term));
  cache_index_[key] = cache_.begin();
  if (cache_.size() > kCacheSize) {
    cache_index_.erase(cache_.back().first);
    cache_.pop_back();
  }
  return cache_.front().second;
}

void QueryEvaluator::eval(const QueryNode* node, bool positive, RowSet& out, QueryMatch& match) {
  switch (node->kind) {
    case QueryNode::Kind::kAnd: {
      out.reset(store_->size(), true);
      RowSet child;
      for (const auto& c : node->children) {
        if (c->kind == QueryNode::Kind::kNot) {
          eval(c->children.front().get(), !positive, child, match);
          out.subtract(child);
        } else {
          eval(c.get(), positive, child, match);
          out.intersect(child);
        }
      }
      return;
    }
    case QueryNode::Kind::kOr: {
      out.reset(store_->size(), false);
      RowSet child;
      for (const auto& c : node->children) {
        eval(c.get(), positive, child, match);
        out.unite(child);
      }
      return;
    }
    case QueryNode::Kind::kNot: {
      RowSet child;
      eval(node->children.front().get(), !positive, child, match);
      out.reset(store_->size(), true);
      out.subtract(child);
      return;
    }
    default: {
      const CachedTerm& cached = cached_term(*node);
      out = cached.rows;
      if (positive) {
        match.positive_words.insert(match.positive_words.end(), cached.words.begin(),
                                    cached.words.end());
        match.corrections.insert(match.corrections.end(), cached.corrections.begin(),
                                 cached.corrections.end());
      }
      return;
    }
  }
}

void QueryEvaluator::evaluate(const QueryNode* root, QueryMatch& out) {
  out.positive_words.clear();
  out.corrections.clear();
  if (!root) {
    out.rows.reset(store_->size(), true);
    return;
  }
  eval(root, true, out.rows, out);
}

namespace {

// The positive bare-words term a query ends with ("… mod"), and the terms before it.
const QueryNode* last_words_term(const QueryNode* root, std::vector<const QueryNode*>& others) {
  if (!root) return nullptr;
  if (root->kind == QueryNode::Kind::kWords) return root;
  if (root->kind != QueryNode::Kind::kAnd || root->children.empty()) return nullptr;
  const QueryNode* last = root->children.back().get();
  if (last->kind != QueryNode::Kind::kWords) return nullptr;
  for (size_t i = 0; i + 1 < root->children.size(); ++i) others.push_back(root->children[i].get());
  return last;
}

}  // namespace

bool QueryEvaluator::narrow(const QueryNode* before, const QueryNode* now,
                            QueryMatch& match) const {
  if (!match.corrections.empty()) return false;  // a typo fallback may come or go
  std::vector<const QueryNode*> before_others, now_others;
  const QueryNode* old_term = last_words_term(before, before_others);
  const QueryNode* new_term = last_words_term(now, now_others);
  if (!old_term || !new_term || old_term->fields != new_term->fields ||
      old_term->words.size() != new_term->words.size() ||
      before_others.size() != now_others.size()) {
    return false;
  }
  for (size_t i = 0; i < now_others.size(); ++i) {
    if (describe(before_others[i]) != describe(now_others[i])) return false;
  }
  const size_t n = new_term->words.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    if (old_term->words[i] != new_term->words[i]) return false;
  }
  const std::string& old_word = old_term->words[n - 1];
  const std::string& new_word = new_term->words[n - 1];
  if (new_word.size() <= old_word.size() || new_word.compare(0, old_word.size(), old_word) != 0) {
    return false;
  }
  // Cheaper than the postings? Each candidate costs its words; the postings cost theirs.
  const auto range = index_->prefix_range(new_word);
  size_t posting_cost = 0;
  for (uint32_t id = range.first; id < range.second; ++id)
    posting_cost += index_->document_count(id);
  const size_t candidates = match.rows.count();
  const size_t per_paper =
      index_->paper_count() ? index_->word_occurrences() / index_->paper_count() : 0;
  if (!always_narrow && candidates * (per_paper + 1) >= posting_cost) return false;

  RowSet kept(store_->size());
  match.rows.for_each([&](uint32_t row) {
    for (size_t f = 0; f < static_cast<size_t>(FieldSlot::kCount); ++f) {
      if (!(new_term->fields & (1u << f))) continue;
      for (uint32_t id : index_->field_words(row, static_cast<FieldSlot>(f))) {
        if (id >= range.first && id < range.second) {
          kept.set(row);
          return;
        }
      }
    }
  });
  if (kept.count() == 0) return false;  // maybe a typo now: let the full evaluation decide
  for (auto it = match.positive_words.rbegin(); it != match.positive_words.rend(); ++it) {
    if (it->typed == old_word && it->fields == new_term->fields && !it->corrected) {
      it->typed = new_word;
      it->first = range.first;
      it->last = range.second;
      break;
    }
  }
  match.rows = std::move(kept);
  ++narrowings;
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Ranking: BM25F
//-----------------------------------------------------------------------------

void QueryEvaluator::score(const QueryMatch& match, const std::vector<uint32_t>& rows,
                           std::vector<float>& scores) const {
  scores.assign(store_->size(), 0.0f);
  if (rows.empty()) return;
  RowSet wanted(store_->size());
  for (uint32_t row : rows) wanted.set(row);
  const float n = static_cast<float>(std::max<uint32_t>(1, store_->size()));
  const float avg_title = index_->average_field_length(FieldSlot::kTitle);
  const float avg_abstract = index_->average_field_length(FieldSlot::kAbstract);
  std::vector<float> weighted(store_->size(), 0.0f);
  std::vector<uint32_t> touched;
  for (const SearchedWord& full_word : match.positive_words) {
    SearchedWord word = full_word;
    // A one-letter prefix starts a word in nearly every paper: it filters, it does not rank.
    // A two-letter prefix ("tr", "gr") stands for thousands of words in most papers: it
    // ranks by the word it spells, if there is one ("ai", "3d"), not by all of them. Scoring
    // every word of either would read most of the index on the first keystrokes, for an
    // order that says little.
    if (!word.corrected && !word.whole_word) {
      const size_t letters = to_code_points(word.typed).size();
      if (letters < 2) continue;
      if (letters == 2) {
        if (word.first >= word.last || index_->word(word.first) != word.typed) continue;
        word.last = word.first + 1;
      }
    }
    // Document frequency of the term: the sum over the words it stands for, at most n.
    float df = 0;
    for_each_word_id(word,
                     [&](uint32_t id) { df += static_cast<float>(index_->document_count(id)); });
    df = std::min(df, n);
    const float idf = std::log(1.0f + (n - df + 0.5f) / (df + 0.5f));
    touched.clear();
    for_each_word_id(word, [&](uint32_t id) {
      const Span<uint32_t> posting_rows = index_->rows(id);
      const Span<TermCounts> counts = index_->counts(id);
      for (size_t i = 0; i < posting_rows.size(); ++i) {
        const uint32_t row = posting_rows[i];
        if (!wanted.test(row)) continue;
        const TermCounts c = counts[i];
        float tf = 0;
        if (word.fields & kInTitle && c.title()) {
          const float norm = 1 - kB + kB * index_->field_length(row, FieldSlot::kTitle) / avg_title;
          tf += kTitleWeight * static_cast<float>(c.title()) / norm;
        }
        if (word.fields & kInAuthors) tf += kAuthorsWeight * static_cast<float>(c.authors());
        if (word.fields & kInTags) tf += kTagsWeight * static_cast<float>(c.tags());
        if (word.fields & kInAbstract && c.abstract()) {
          const float norm =
              1 - kB + kB * index_->field_length(row, FieldSlot::kAbstract) / avg_abstract;
          tf += kAbstractWeight * static_cast<float>(c.abstract()) / norm;
        }
        if (word.fields & kInVenue) tf += kVenueWeight * static_cast<float>(c.venue());
        if (tf <= 0) continue;
        if (weighted[row] == 0) touched.push_back(row);
        weighted[row] += tf;
      }
    });
    for (uint32_t row : touched) {
      const float tf = weighted[row];
      scores[row] += idf * tf * (kK1 + 1) / (tf + kK1);
      weighted[row] = 0;
    }
  }
}

}  // namespace ps
