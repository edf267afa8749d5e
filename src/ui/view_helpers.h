// Small drawing helpers shared by the explorer's views.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>

#include "core/paper_store.h"

namespace ps {

inline void text_colored(ImU32 color, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
}

inline void text_wrapped(std::string_view text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
}

// "Ada Lovelace, Alan Turing +3", or "5 authors" when only the count is known.
std::string author_line(const PaperStore& store, uint32_t row, size_t max_names);

// A file name for exports of a collection titled so: "Hugging-Face-Daily-Papers".
std::string file_stem(const std::string& title);

// A field term for a value, quoted when it has more than one word: author:"Ada Lovelace".
std::string field_term(const char* field, std::string_view value);

}  // namespace ps
