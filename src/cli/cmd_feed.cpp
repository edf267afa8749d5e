// paperscope feed FILE [--query Q] [--limit N] -o feed.xml
// The papers come from the core Explorer (the same query rules as the explorer's search
// box), sorted newest first; the XML is written with pugixml, which escapes it.
#include <pugixml.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "cli/cli.h"
#include "core/explorer.h"
#include "core/paper_ids.h"
#include "core/text_fold.h"

namespace cli {

namespace {

const char* kFeedUsage =
    "usage: paperscope feed FILE... [--query Q] [--limit N] -o feed.xml\n"
    "                       [--title T] [--self URL]\n"
    "\n"
    "Writes an Atom feed of the newest papers of a collection that match a query, so a\n"
    "filtered view can be followed in any feed reader. The query works as in the explorer's\n"
    "search box: every word must start a word of the title, authors, abstract or tags.\n"
    "Papers without a date are left out (a feed orders entries by date).\n"
    "\n"
    "  --query Q      the query (default: every paper)\n"
    "  --limit N      at most N entries (default 50)\n"
    "  -o, --output   the feed to write (required; \"-\" for standard output)\n"
    "  --title T      the feed's title (default: the collection's title and the query)\n"
    "  --self URL     where the feed will be published (its rel=\"self\" link)\n"
    "\n"
    "Exit status: 0 written, 1 an input has problems, 2 usage.\n";

// XML 1.0 cannot hold most control characters, even escaped.
std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
         static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

// An RFC 3339 time for a date of any precision: its first day, at midnight UTC.
std::string atom_time(const ps::PaperDate& date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", date.year, date.month ? date.month : 1,
                date.day ? date.day : 1);
  return buf;
}

// A stable IRI for a paper: its arXiv or DOI page when it has one, else a URN.
std::string entry_id(const ps::PaperStore& store, uint32_t row) {
  for (const ps::ExternalIdRef& ext : store.external_ids(row)) {
    const std::string_view scheme = store.external_id_scheme(ext);
    if (scheme == "arxiv")
      return "https://arxiv.org/abs/" + std::string(store.external_id_value(ext));
  }
  for (const ps::ExternalIdRef& ext : store.external_ids(row)) {
    if (store.external_id_scheme(ext) == "doi") {
      return "https://doi.org/" + std::string(store.external_id_value(ext));
    }
  }
  std::string urn = "urn:paperscope:paper:";
  for (unsigned char c : store.id(row)) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      urn += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      urn += hex;
    }
  }
  return urn;
}

void text_element(pugi::xml_node parent, const char* name, std::string_view text) {
  parent.append_child(name).text().set(xml_text(text).c_str());
}

}  // namespace

int cmd_feed(const std::vector<std::string>& raw) {
  Args args(raw, {"--query", "-q", "--limit", "-n", "-o", "--output", "--title", "--self"},
            {"-h", "--help"});
  if (args.ok() && (args.has("-h") || args.has("--help"))) {
    std::fputs(kFeedUsage, stdout);
    return kOk;
  }
  const std::string output = args.value("-o", args.value("--output"));
  const std::string query = args.value("--query", args.value("-q"));
  std::string problem = args.error();
  if (problem.empty() && args.positional().empty()) problem = "no input file";
  if (problem.empty() && output.empty()) problem = "no output file (-o feed.xml)";
  size_t limit = 50;
  const std::string limit_text = args.value("--limit", args.value("-n"));
  if (problem.empty() && !limit_text.empty()) {
    char* end = nullptr;
    limit = std::strtoul(limit_text.c_str(), &end, 10);
    if (*end || limit == 0) problem = "--limit: expected a positive number";
  }
  const std::string self = args.value("--self");
  if (problem.empty() && !self.empty() && !ps::is_openable_url(self)) {
    problem = "--self: expected an http(s) URL";
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "paperscope feed: %s\n\n%s", problem.c_str(), kFeedUsage);
    return kUsage;
  }

  Loaded loaded = load_files(args.positional());
  if (!loaded.ok) return kInvalid;
  ps::Explorer explorer;
  explorer.set_collection(std::move(loaded.result.store));
  explorer.set_sort(ps::SortOrder{ps::SortField::kDate, /*descending=*/true});
  explorer.set_query(query);
  const ps::PaperStore& store = explorer.store();
  std::vector<uint32_t> rows;
  size_t matching = 0, undated = 0;
  for (uint32_t row : explorer.results()) {
    ++matching;
    if (!store.date(row).known()) {
      ++undated;
      continue;
    }
    if (rows.size() < limit) rows.push_back(row);
  }

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  std::string title = args.value("--title");
  if (title.empty()) {
    title = store.info.title.empty() ? "Papers" : store.info.title;
    if (!query.empty()) title += " — \"" + query + "\"";
  }
  text_element(feed, "title", title);
  const std::string subtitle = "The newest " + std::to_string(rows.size()) + " of " +
                               std::to_string(matching) + " papers" +
                               (query.empty() ? std::string() : " matching \"" + query + "\"");
  text_element(feed, "subtitle", subtitle);
  // The feed's id depends on what it shows, not on when it was made, so readers that fetch
  // it again see the same feed.
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(ps::fnv1a64(store.info.title + "\n" + query)));
  text_element(feed, "id", self.empty() ? std::string("urn:paperscope:feed:") + hash : self);
  // Updated: the newest entry's date, so the same collection gives the same file.
  text_element(feed, "updated",
               rows.empty() ? atom_time(ps::PaperDate{1970, 1, 1, ps::DatePrecision::kDay})
                            : atom_time(store.date(rows.front())));
  if (!self.empty()) {
    pugi::xml_node link = feed.append_child("link");
    link.append_attribute("rel") = "self";
    link.append_attribute("href") = self.c_str();
  }
  pugi::xml_node generator = feed.append_child("generator");
  generator.text().set("Paperscope");
  // Entries without authors take the feed's (Atom wants one for each entry).
  text_element(feed.append_child("author"), "name", "Paperscope");

  for (uint32_t row : rows) {
    pugi::xml_node entry = feed.append_child("entry");
    text_element(entry, "id", entry_id(store, row));
    text_element(entry, "title", store.title(row));
    text_element(entry, "updated", atom_time(store.date(row)));
    text_element(entry, "published", atom_time(store.date(row)));
    for (uint32_t i = 0; i < store.named_author_count(row); ++i) {
      text_element(entry.append_child("author"), "name", store.author(row, i));
    }
    bool alternate = false;
    for (const ps::LinkRef& ref : store.links(row)) {
      pugi::xml_node link = entry.append_child("link");
      const std::string url = xml_text(store.link_url(ref));
      // The first paper page is the entry's own link; the rest are related.
      const bool is_alternate = !alternate && ref.kind == ps::LinkKind::kPaper;
      alternate = alternate || is_alternate;
      link.append_attribute("rel") = is_alternate ? "alternate" : "related";
      link.append_attribute("href") = url.c_str();
      link.append_attribute("title") = ps::link_kind_name(ref.kind);
      if (ref.kind == ps::LinkKind::kPdf) link.append_attribute("type") = "application/pdf";
    }
    for (const ps::TagRef& tag : store.tags(row)) {
      pugi::xml_node category = entry.append_child("category");
      category.append_attribute("term") = xml_text(store.tag_value(tag.value)).c_str();
      category.append_attribute("label") = ps::tag_kind_name(tag.kind);
    }
    if (!store.abstract(row).empty()) text_element(entry, "summary", store.abstract(row));
  }

  std::ostringstream xml;
  doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
  std::string error;
  if (!write_file(output, xml.str(), error)) {
    std::fprintf(stderr, "%s: error: cannot write the file: %s\n", output.c_str(), error.c_str());
    return kInvalid;
  }
  std::fprintf(stderr, "wrote %zu entries to %s (%zu papers match", rows.size(), output.c_str(),
               matching);
  if (undated) std::fprintf(stderr, "; %zu without a date left out", undated);
  std::fprintf(stderr, ")\n");
  return kOk;
}

}  // namespace cli
