// The JSON boundary: nlohmann_json, used only through these non-throwing helpers (the core is
// built with exceptions off, where a nlohmann type error would abort). Each reader checks the
// type before reading and reports a problem with the value's JSON path.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/json_cursor.h"
#include "core/load_result.h"
#include "core/paper_date.h"

namespace ps {

using Json = nlohmann::json;

// Parses one value (a byte range of text) into out. On failure records a problem placed by
// line and column in the whole text, naming `path` too, and returns false.
bool parse_json_range(std::string_view text, ByteRange range, const std::string& path, Json& out,
                      Problems& problems);

// Parses a whole document, its structure and nesting checked by the scanner before the
// parser sees it. Problems are placed by line and column; false on failure.
bool parse_json_document(std::string_view text, Json& out, Problems& problems);

// Whether text is a JSON object whose "format" member is the string `format`. Only the
// top-level members are looked at (values skipped, not parsed), the first 64 at most.
bool json_format_is(std::string_view text, std::string_view format);

// "a string", "an array", … for messages.
const char* json_kind(const Json& value);

// Readers for a field of an object. Absent or null counts as missing: required fields
// report it, optional ones leave out unchanged. A wrong type always reports.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string path, Problems& problems)
      : object_(object), path_(std::move(path)), problems_(problems) {}

  const Json* find(const char* key) const;  // nullptr when absent or null
  std::string path_of(const char* key) const { return path_ + "." + key; }

  bool string(const char* key, std::string& out, bool required = false);
  bool integer(const char* key, int64_t min, int64_t max, int64_t& out, bool required = false);
  bool date(const char* key, PaperDate& out, bool required = false);
  // An array of strings.
  bool strings(const char* key, std::vector<std::string>& out);
  void missing(const char* key) const {
    problems_.error(path_of(key), "required field is missing");
  }
  void wrong_type(const char* key, const char* expected, const Json& found) const;

 private:
  const Json& object_;
  std::string path_;
  Problems& problems_;
};

}  // namespace ps
