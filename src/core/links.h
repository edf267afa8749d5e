// Links of a paper: what kind each is, and which are safe to open.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ps {

enum class LinkKind : uint8_t { kCode, kProject, kPdf, kPaper, kVideo, kOther };

const char* link_kind_name(LinkKind kind);  // "code", "project", ...
bool parse_link_kind(std::string_view name, LinkKind& kind);

// Only http and https URLs are ever opened or kept: no javascript:, data:, file:, etc.
bool is_openable_url(std::string_view url);

// The lower-cased host of an http(s) URL ("github.com"), or "" when there is none.
std::string url_host(std::string_view url);

// Guesses a link's kind from its URL. Code means a repository on github.com, gitlab.com,
// huggingface.co, bitbucket.org or codeberg.org (not *.github.io pages: those are project
// pages). Unknown hosts are kOther.
LinkKind classify_link(std::string_view url);

}  // namespace ps
