// Folding papers from several sources into one collection. Two records are the same paper
// when they share an arXiv id; else when they share a DOI; else when their normalised titles
// (paper_ids.h) are equal and no arXiv id or DOI says otherwise. docs/formats.md, "Merging",
// describes how the fields of duplicates combine.
#pragma once
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

  size_t size() const { return papers_.size(); }
  size_t added() const { return added_; }
  size_t folded() const { return folded_; }

  // The merged papers as a store, in the order they were first seen. Papers that were folded
  // get their id again by the stable-id rule (they may have gained an arXiv id or a DOI);
  // the others keep theirs. An id that two different papers would share (possible only with
  // ids a bundle chose) gets a suffix, with a warning.
  PaperStore take_store(Problems& problems);

 private:
  struct Keys {
    std::string arxiv, doi, title;
  };
  static Keys keys_of(const PaperRecord& paper);
  int64_t find_duplicate(const Keys& keys) const;
  void index(uint32_t at, const Keys& keys);

  std::vector<PaperRecord> papers_;
  std::vector<Keys> keys_;           // per paper: what it is indexed under
  std::vector<uint8_t> was_folded_;  // per paper
  std::unordered_map<std::string, uint32_t> by_arxiv_, by_doi_, by_title_;
  size_t added_ = 0, folded_ = 0;
};

}  // namespace ps
