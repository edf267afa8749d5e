// Helpers for the importer tests: read a fixture, import it, look papers up.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/collection_loader.h"
#include "core/importers.h"
#include "core/paper_store.h"

namespace fixtures {

inline std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// tests/data/real/<name>
inline std::string real(const std::string& name) {
  return read(PS_TEST_DATA "/real/" + name);
}

inline ps::ImportResult import_text(const std::string& text, const std::string& name = "input") {
  return ps::import_collection(text, name);
}

// The paper with this stable id (a failed check when there is none).
inline ps::PaperRecord paper(const ps::PaperStore& store, const std::string& id) {
  const int64_t row = store.find(id);
  REQUIRE_MESSAGE(row >= 0, "no paper with id " << id);
  return store.record(static_cast<uint32_t>(row));
}

inline bool has_tag(const ps::PaperRecord& p, ps::TagKind kind, const std::string& value) {
  for (const ps::Tag& tag : p.tags) {
    if (tag.kind == kind && tag.value == value) return true;
  }
  return false;
}

inline bool has_link(const ps::PaperRecord& p, ps::LinkKind kind, const std::string& url) {
  for (const ps::Link& link : p.links) {
    if (link.kind == kind && link.url == url) return true;
  }
  return false;
}

inline std::string external(const ps::PaperRecord& p, const std::string& scheme) {
  for (const ps::ExternalId& ext : p.external_ids) {
    if (ext.scheme == scheme) return ext.value;
  }
  return {};
}

// The first error as "where: message" (a failed check when there is none).
inline std::string first_error(const ps::ImportResult& result) {
  REQUIRE_FALSE(result.ok());
  REQUIRE_FALSE(result.problems.errors.empty());
  return result.problems.errors.front().to_string();
}

}  // namespace fixtures
