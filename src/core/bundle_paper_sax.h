// Reading one paper of a bundle from its JSON text without building a tree (see the .cpp).
#pragma once
#include <string_view>

#include "core/paper.h"

namespace ps {

// True when the paper's JSON object at the start of text (anything may follow it) was read
// into paper, and consumed is where it ends; false when it is not entirely well formed: then
// paper holds partial data and the caller reads it the careful way, which reports what is
// wrong.
bool read_paper_fast(std::string_view text, PaperRecord& paper, size_t& consumed);

}  // namespace ps
