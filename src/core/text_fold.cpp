#include "core/text_fold.h"

#include <cstring>

#include <utf8proc.h>

namespace ps {

// kAsciiFold: see text_fold.h.
const unsigned char kAsciiFold[256] = {
#define PS_FOLD(c)                                                   \
  static_cast<unsigned char>((c) >= 0x80                  ? 0xFF     \
                             : ((c) >= 'a' && (c) <= 'z') ? (c)      \
                             : ((c) >= '0' && (c) <= '9') ? (c)      \
                             : ((c) >= 'A' && (c) <= 'Z') ? (c) + 32 \
                                                          : 0)
#define PS_ROW(r)                                                                                 \
  PS_FOLD(r + 0), PS_FOLD(r + 1), PS_FOLD(r + 2), PS_FOLD(r + 3), PS_FOLD(r + 4), PS_FOLD(r + 5), \
      PS_FOLD(r + 6), PS_FOLD(r + 7), PS_FOLD(r + 8), PS_FOLD(r + 9), PS_FOLD(r + 10),            \
      PS_FOLD(r + 11), PS_FOLD(r + 12), PS_FOLD(r + 13), PS_FOLD(r + 14), PS_FOLD(r + 15)
    PS_ROW(0),   PS_ROW(16),  PS_ROW(32),  PS_ROW(48),  PS_ROW(64),  PS_ROW(80),
    PS_ROW(96),  PS_ROW(112), PS_ROW(128), PS_ROW(144), PS_ROW(160), PS_ROW(176),
    PS_ROW(192), PS_ROW(208), PS_ROW(224), PS_ROW(240),
#undef PS_ROW
#undef PS_FOLD
};

namespace {

// Letters that NFKD leaves alone but that readers treat as plain Latin letters.
// Applied after case folding, so only lower-case forms appear here.
const char* extra_fold(int32_t cp) {
  switch (cp) {
    case 0x0142:
      return "l";  // ł
    case 0x00F8:
      return "o";  // ø
    case 0x0111:
      return "d";  // đ
    case 0x00F0:
      return "d";  // ð
    case 0x0127:
      return "h";  // ħ
    case 0x0131:
      return "i";  // dotless ı
    case 0x0167:
      return "t";  // ŧ
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x00FE:
      return "th";  // þ
    case 0x0138:
      return "k";  // ĸ
    case 0x0192:
      return "f";  // ƒ
    default:
      return nullptr;
  }
}

bool is_word_category(utf8proc_category_t cat) {
  switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_mark_category(utf8proc_category_t cat) {
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
}

void append_utf8(int32_t cp, std::string& out) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

}  // namespace

size_t decode_utf8(std::string_view text, size_t pos, int32_t& code_point) {
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t len =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (len <= 0) {
    code_point = -1;
    return 1;
  }
  code_point = cp;
  return static_cast<size_t>(len);
}

FoldClass fold_code_point(int32_t cp, std::string& out) {
  const auto cat = utf8proc_category(cp);
  if (is_mark_category(cat)) return FoldClass::kMark;
  if (!is_word_category(cat)) return FoldClass::kSeparator;
  utf8proc_int32_t decomposed[32];
  int last_boundary = 0;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  const utf8proc_ssize_t n = utf8proc_decompose_char(cp, decomposed, 32, options, &last_boundary);
  if (n <= 0 || n > 32) {
    append_utf8(cp, out);
    return FoldClass::kWord;
  }
  bool any = false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const int32_t part = decomposed[i];
    const auto part_cat = utf8proc_category(part);
    if (is_mark_category(part_cat)) continue;
    // "½" decomposes to "1⁄2": the fraction slash separates, as a reader would expect,
    // but one code point yields one word here, so keep only its letters and digits.
    if (!is_word_category(part_cat)) continue;
    if (const char* plain = extra_fold(part)) {
      out += plain;
    } else if (part < 0x80) {
      out.push_back(static_cast<char>(part));
    } else {
      append_utf8(part, out);
    }
    any = true;
  }
  return any ? FoldClass::kWord : FoldClass::kMark;
}

std::vector<std::string> split_words(std::string_view utf8) {
  std::vector<std::string> words;
  for_each_word(utf8, [&](const FoldedWord& w) { words.emplace_back(w.folded); });
  return words;
}

std::string fold_words_joined(std::string_view utf8) {
  std::string joined;
  for_each_word(utf8, [&](const FoldedWord& w) {
    if (!joined.empty()) joined.push_back(' ');
    joined.append(w.folded);
  });
  return joined;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Mostly ASCII: eight bytes at a time while none has its high bit set.
    for (uint64_t block; i + 8 <= s.size(); i += 8) {
      std::memcpy(&block, s.data() + i, 8);
      if (block & 0x8080808080808080ull) break;
    }
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace ps
