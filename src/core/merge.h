// Folding papers from several sources into one collection. Two records are the same paper
// when they share an arXiv id; else when they share a DOI; else when their normalised titles
// (paper_ids.h) are equal and no arXiv id or DOI says otherwise. docs/formats.md, "Merging",
// describes how the fields of duplicates combine.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/load_result.h"
#include "core/paper_store.h"

namespace ps {

// Combines `from` into `into` (the paper seen first): the richer value of each field, the
// union of tags, links, external ids and sources.
void combine_papers(PaperRecord& into, const PaperRecord& from);

class Merger {
 public:
  // Adds a paper, folding it into an earlier one when they are the same paper. Returns true
  // when it was folded.
  bool add(PaperRecord paper);
  // Adds every paper of a store; papers that record no source get default_source.
  void add_store(const PaperStore& store, std::string_view default_source);

  size_t size() const { return store_.size(); }
  // Reserves room for `scale` times the papers added so far (a loader that has read a
  // sample of a big input knows how many more will come).
  void reserve_scaled(double scale);
  size_t added() const { return added_; }
  size_t folded() const { return folded_; }

  // The merged papers as a store, in the order they were first seen. Papers that were folded
  // get their id again by the stable-id rule (they may have gained an arXiv id or a DOI);
  // the others keep theirs. A folded paper's new id that another paper already has (possible
  // only with ids a bundle chose) gets a suffix, with a warning.
  PaperStore take_store(Problems& problems);

 private:
  // A paper's keys as 64-bit FNV-1a hashes (0: none): no strings kept per paper. Two
  // different keys with the same hash would fold two papers; with 64 bits that is about a
  // one-in-a-billion chance for a million papers.
  struct Keys {
    uint64_t arxiv = 0, doi = 0, title = 0;
  };
  static Keys keys_of(const PaperRecord& paper);
  int64_t find_duplicate(const Keys& keys) const;
  void index(uint32_t at, const Keys& keys);
  // An id no paper has yet: the paper's own, or with a suffix (and a warning).
  std::string unused_id(const std::string& id, const std::string& title,
                        const std::function<bool(const std::string&)>& taken);

  // Papers go straight into the store as they come (most are never folded, and a store holds
  // them far more compactly than records do); a paper that a later one folds into is kept
  // as a record beside it until take_store() rebuilds the store.
  PaperStore store_;
  std::unordered_map<uint32_t, PaperRecord> combined_;  // row → the paper after folds
  std::vector<Keys> keys_;                              // per row: what it is indexed under
  std::unordered_map<uint64_t, uint32_t> by_arxiv_, by_doi_, by_title_;
  Problems problems_;  // ids changed to stay unique
  size_t added_ = 0, folded_ = 0;
};

}  // namespace ps
