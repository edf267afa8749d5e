#include "core/paper_ids.h"

#include <cctype>
#include <cstdio>

#include "core/text_fold.h"

namespace ps {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view strip_prefix_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return s;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return s;
  }
  return s.substr(prefix.size());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Drops a trailing "v12" version.
std::string_view strip_version(std::string_view id) {
  size_t i = id.size();
  while (i > 0 && is_digit(id[i - 1])) --i;
  if (i < id.size() && i > 0 && (id[i - 1] == 'v' || id[i - 1] == 'V')) return id.substr(0, i - 1);
  return id;
}

// New style: 4 digits, '.', 4 or 5 digits.
bool is_new_style(std::string_view id) {
  if (id.size() != 9 && id.size() != 10) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 4) {
      if (id[i] != '.') return false;
    } else if (!is_digit(id[i])) {
      return false;
    }
  }
  return true;
}

// Old style: archive[.subject-class]/7 digits, e.g. "hep-th/9901001", "math.GT/0309136".
bool is_old_style(std::string_view id) {
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos || slash == 0 || id.size() - slash - 1 != 7) return false;
  for (size_t i = 0; i < slash; ++i) {
    const char c = id[i];
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  }
  for (size_t i = slash + 1; i < id.size(); ++i) {
    if (!is_digit(id[i])) return false;
  }
  return true;
}

}  // namespace

std::string normalize_arxiv_id(std::string_view text) {
  std::string_view s = trim(text);
  for (std::string_view prefix : {"https://", "http://"}) s = strip_prefix_ci(s, prefix);
  s = strip_prefix_ci(s, "www.");
  s = strip_prefix_ci(s, "export.");
  for (std::string_view prefix : {"arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:"}) {
    s = strip_prefix_ci(s, prefix);
  }
  const size_t end = s.find_first_of("?#");
  if (end != std::string_view::npos) s = s.substr(0, end);
  if (s.size() > 4 && s.substr(s.size() - 4) == ".pdf") s.remove_suffix(4);
  s = strip_version(s);
  if (is_new_style(s)) return std::string(s);
  if (is_old_style(s)) {
    // The archive is lower case; a subject class ("math.GT") keeps its case.
    return std::string(s);
  }
  return {};
}

std::string normalize_doi(std::string_view text) {
  std::string_view s = trim(text);
  for (std::string_view prefix : {"https://", "http://"}) s = strip_prefix_ci(s, prefix);
  for (std::string_view prefix : {"dx.doi.org/", "doi.org/", "doi:"})
    s = strip_prefix_ci(s, prefix);
  s = trim(s);
  if (s.size() < 4 || s[0] != '1' || s[1] != '0' || s[2] != '.' ||
      s.find('/') == std::string_view::npos) {
    return {};
  }
  std::string doi;
  doi.reserve(s.size());
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20) return {};  // DOIs hold no spaces
    doi.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return doi;
}

std::string normalized_title(std::string_view title) {
  return fold_words_joined(title);
}

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string title_hash_id(std::string_view title) {
  const uint64_t top48 = fnv1a64(normalized_title(title)) >> 16;
  char buf[20];
  std::snprintf(buf, sizeof buf, "t-%012llx", static_cast<unsigned long long>(top48));
  return buf;
}

std::string make_stable_id(std::string_view arxiv_id, std::string_view doi,
                           std::string_view title) {
  std::string id = normalize_arxiv_id(arxiv_id);
  if (!id.empty()) return id;
  id = normalize_doi(doi);
  if (!id.empty()) return id;
  return title_hash_id(title);
}

}  // namespace ps
