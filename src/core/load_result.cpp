#include "core/load_result.h"

#include "core/text_fold.h"

namespace ps {

std::string well_formed_utf8(std::string text) {
  size_t pos = 0;
  while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
  if (pos == text.size()) return text;  // ASCII, as most messages are
  std::string out = text.substr(0, pos);
  while (pos < text.size()) {
    int32_t code_point = -1;
    const size_t length = decode_utf8(text, pos, code_point);
    if (code_point < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text, pos, length);
    }
    pos += length;
  }
  return out;
}

}  // namespace ps
