#include "core/links.h"

#include <algorithm>

namespace ps {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

bool host_is(std::string_view host, std::string_view domain) {
  return host == domain || ends_with(host, std::string(".") + std::string(domain));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return out;
}

// The path of an http(s) URL, lower-cased, without query or fragment ("/abs/2401.1").
std::string url_path(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const size_t path_begin = url.find('/', scheme_end + 3);
  if (path_begin == std::string_view::npos) return "/";
  const size_t path_end = url.find_first_of("?#", path_begin);
  return lower(url.substr(path_begin, path_end == std::string_view::npos ? std::string_view::npos
                                                                         : path_end - path_begin));
}

}  // namespace

const char* link_kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::kCode:
      return "code";
    case LinkKind::kProject:
      return "project";
    case LinkKind::kPdf:
      return "pdf";
    case LinkKind::kPaper:
      return "paper";
    case LinkKind::kVideo:
      return "video";
    case LinkKind::kOther:
      return "other";
  }
  return "other";
}

bool parse_link_kind(std::string_view name, LinkKind& kind) {
  for (LinkKind k : {LinkKind::kCode, LinkKind::kProject, LinkKind::kPdf, LinkKind::kPaper,
                     LinkKind::kVideo, LinkKind::kOther}) {
    if (name == link_kind_name(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

bool is_openable_url(std::string_view url) {
  if (!(starts_with_ci(url, "http://") || starts_with_ci(url, "https://"))) return false;
  // No whitespace or control characters anywhere: they hide what a link really is.
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return !url_host(url).empty();
}

std::string url_host(std::string_view url) {
  size_t start;
  if (starts_with_ci(url, "https://"))
    start = 8;
  else if (starts_with_ci(url, "http://"))
    start = 7;
  else
    return {};
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority =
      url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  const size_t at = authority.rfind('@');  // user:pass@host
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  const size_t colon = authority.find(':');
  if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  return lower(authority);
}

LinkKind classify_link(std::string_view url) {
  const std::string host = url_host(url);
  if (host.empty()) return LinkKind::kOther;
  const std::string path = url_path(url);
  if (host_is(host, "github.io") || host_is(host, "gitlab.io") || host == "sites.google.com") {
    return LinkKind::kProject;
  }
  if (host_is(host, "huggingface.co")) {
    if (path.rfind("/papers/", 0) == 0) return LinkKind::kPaper;
    return path.size() > 1 ? LinkKind::kCode : LinkKind::kOther;
  }
  if (host == "github.com" || host == "www.github.com" || host_is(host, "gitlab.com") ||
      host_is(host, "bitbucket.org") || host_is(host, "codeberg.org")) {
    return path.size() > 1 ? LinkKind::kCode : LinkKind::kOther;
  }
  if (ends_with(path, ".pdf") || (host_is(host, "arxiv.org") && path.rfind("/pdf/", 0) == 0)) {
    return LinkKind::kPdf;
  }
  if (host_is(host, "arxiv.org") || host == "doi.org" || host == "dx.doi.org" ||
      host_is(host, "semanticscholar.org") || host_is(host, "openreview.net") ||
      host_is(host, "aclanthology.org")) {
    return LinkKind::kPaper;
  }
  if (host_is(host, "youtube.com") || host == "youtu.be" || host_is(host, "vimeo.com") ||
      host_is(host, "bilibili.com")) {
    return LinkKind::kVideo;
  }
  return LinkKind::kOther;
}

}  // namespace ps
