// The reading list: stars, read marks, hidden papers, notes and your own tags, kept per
// stable paper id (so they survive reloads and new versions of a bundle). No account: the
// platform stores it in the browser (localStorage) as JSON.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.h"
#include "core/load_result.h"
#include "core/paper_store.h"

namespace ps {

enum class Mark : uint8_t { kStarred, kRead, kHidden };
const char* mark_name(Mark mark);  // "starred", "read", "hidden"
bool parse_mark(std::string_view name, Mark& mark);

struct PaperMarks {
  bool starred = false;
  bool read = false;
  bool hidden = false;
  std::string note;               // a short note, at most kMaxNoteBytes
  std::vector<std::string> tags;  // your own tags, sorted, unique
  bool empty() const { return !starred && !read && !hidden && note.empty() && tags.empty(); }
  bool get(Mark mark) const;
  void set(Mark mark, bool on);
};

class ReadingList {
 public:
  static constexpr size_t kMaxNoteBytes = 2000;
  static constexpr size_t kMaxTagBytes = 60;

  const PaperMarks* find(std::string_view id) const;
  PaperMarks marks(std::string_view id) const;
  // Each change bumps version() (views and the platform use it to know when to save).
  void set_mark(const std::string& id, Mark mark, bool on);
  void set_note(const std::string& id, std::string note);
  void add_tag(const std::string& id, std::string tag);
  void remove_tag(const std::string& id, const std::string& tag);
  uint64_t version() const { return version_; }
  size_t size() const { return entries_.size(); }
  const std::map<std::string, PaperMarks>& entries() const { return entries_; }

  // JSON: {"format":"paperscope-reading-list","version":1,"papers":{"<id>":{"starred":true,
  // "read":true,"hidden":false,"note":"…","tags":["…"]}}}
  std::string to_json() const;
  // Replaces (or, with merge, adds to) the list from JSON; problems say what and where, and
  // on an error nothing changes.
  bool from_json(std::string_view text, bool merge, Problems& problems);

  // The rows of a collection that carry a mark / one of your tags.
  void rows_with(const PaperStore& store, Mark mark, RowSet& out) const;
  void rows_with_tag(const PaperStore& store, const std::string& folded_tag, RowSet& out) const;

 private:
  void changed(const std::string& id);
  std::map<std::string, PaperMarks> entries_;
  uint64_t version_ = 1;
};

}  // namespace ps
