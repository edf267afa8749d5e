#include "core/json_read.h"

#include "core/json_events.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace ps {

namespace {

// nlohmann's tree builder behind the json_sax interface json_events sends to.
class TreeBuilder : public nlohmann::json_sax<Json> {
 public:
  explicit TreeBuilder(Json& out) : tree_(out, /*allow_exceptions_=*/false) {}
  bool null() override { return tree_.null(); }
  bool boolean(bool v) override { return tree_.boolean(v); }
  bool number_integer(number_integer_t v) override { return tree_.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) override { return tree_.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t& s) override {
    return tree_.number_float(v, s);
  }
  bool string(string_t& v) override { return tree_.string(v); }
  bool binary(binary_t& v) override { return tree_.binary(v); }
  bool start_object(std::size_t n) override { return tree_.start_object(n); }
  bool key(string_t& k) override { return tree_.key(k); }
  bool end_object() override { return tree_.end_object(); }
  bool start_array(std::size_t n) override { return tree_.start_array(n); }
  bool end_array() override { return tree_.end_array(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  nlohmann::detail::json_sax_dom_parser<Json> tree_;
};

// Keeps only the reason of a nlohmann parse error:
// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
// parsing value - invalid literal; last read: 'tru'" → "syntax error while parsing value -
// invalid literal; last read: 'tru'"; "[json.exception.out_of_range.406] number overflow
// parsing '1e999'" → "number overflow parsing '1e999'".
std::string reason_of(const std::string& what) {
  if (what.rfind("[json.exception.parse_error.", 0) == 0) {
    const size_t colon = what.find(": ");
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  if (what.rfind("[json.exception.", 0) == 0) {
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) return what.substr(bracket + 2);
  }
  return what;
}

// Accepts every event and remembers the first parse error.
struct ErrorCatcher : nlohmann::json_sax<Json> {
  size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position = pos;
    message = reason_of(ex.what());  // made well-formed UTF-8 by Problems
    return false;
  }
};

}  // namespace

bool parse_json_range(std::string_view text, ByteRange range, const std::string& path, Json& out,
                      Problems& problems) {
  const char* first = text.data() + range.begin;
  const char* last = text.data() + range.end;
  // nlohmann takes a NUL byte for the end of the input ("1\0garbage" would read as 1). NUL
  // is never valid in JSON text, raw in a string or outside one.
  if (const void* nul = std::memchr(first, '\0', range.end - range.begin)) {
    const size_t offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    problems.error(line_column(text, offset) + " (in " + path + ")",
                   "a NUL byte (0x00) is not allowed in JSON");
    return false;
  }
  // The fast way first: json_events reads the text in one pass and nlohmann builds the tree
  // from its events (they are nlohmann's own events, checked by tests and fuzz_bundle).
  // What it does not accept goes through nlohmann's parser, which says what is wrong.
  {
    Json tree;
    TreeBuilder builder(tree);
    if (send_json_events(std::string_view(first, range.end - range.begin), builder)) {
      out = std::move(tree);
      return true;
    }
  }
  out = Json::parse(first, last, nullptr, /*allow_exceptions=*/false);
  if (!out.is_discarded()) return true;
  ErrorCatcher catcher;
  Json::sax_parse(first, last, &catcher);
  // nlohmann counts the byte it stopped at as read: the problem is the byte before.
  const size_t offset = range.begin + (catcher.position ? catcher.position - 1 : 0);
  problems.error(line_column(text, offset) + " (in " + path + ")",
                 catcher.message.empty() ? "invalid JSON" : catcher.message);
  return false;
}

const char* json_kind(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "a whole number";
    case Json::value_t::number_float:
      return "a number with a fraction";
    default:
      return "something else";
  }
}

const Json* FieldReader::find(const char* key) const {
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

void FieldReader::wrong_type(const char* key, const char* expected, const Json& found) const {
  problems_.error(path_of(key),
                  std::string("expected ") + expected + ", found " + json_kind(found));
}

bool FieldReader::string(const char* key, std::string& out, bool required) {
  const Json* value = find(key);
  if (!value) {
    if (required) missing(key);
    return false;
  }
  if (!value->is_string()) {
    wrong_type(key, "a string", *value);
    return false;
  }
  out = value->get_ref<const std::string&>();
  return true;
}

bool FieldReader::integer(const char* key, int64_t min, int64_t max, int64_t& out, bool required) {
  const Json* value = find(key);
  if (!value) {
    if (required) missing(key);
    return false;
  }
  if (value->is_number_unsigned()) {
    const uint64_t v = value->get<uint64_t>();
    if (v > static_cast<uint64_t>(max) || (min > 0 && v < static_cast<uint64_t>(min))) {
      problems_.error(path_of(key), "number " + std::to_string(v) + " is out of range (" +
                                        std::to_string(min) + " to " + std::to_string(max) + ")");
      return false;
    }
    out = static_cast<int64_t>(v);
    return true;
  }
  if (value->is_number_integer()) {
    const int64_t v = value->get<int64_t>();
    if (v < min || v > max) {
      problems_.error(path_of(key), "number " + std::to_string(v) + " is out of range (" +
                                        std::to_string(min) + " to " + std::to_string(max) + ")");
      return false;
    }
    out = v;
    return true;
  }
  if (value->is_number_float()) {
    // 5.0 is a whole number; 1e20 (nlohmann reads integers past 64 bits as floats) is one out
    // of range, not "a number with a fraction".
    const double v = value->get<double>();
    if (std::isfinite(v) && v == std::floor(v)) {
      if (v >= static_cast<double>(min) && v <= static_cast<double>(max) &&
          std::fabs(v) < 9.2e18) {  // (max as a double may round up past int64)
        out = static_cast<int64_t>(v);
        return true;
      }
      char text[32];
      std::snprintf(text, sizeof text, "%.17g", v);
      problems_.error(path_of(key), std::string("number ") + text + " is out of range (" +
                                        std::to_string(min) + " to " + std::to_string(max) + ")");
      return false;
    }
  }
  wrong_type(key, "a whole number", *value);
  return false;
}

bool FieldReader::date(const char* key, PaperDate& out, bool required) {
  std::string text;
  if (!string(key, text, required)) return false;
  std::string error;
  if (!parse_date(text, out, error)) {
    problems_.error(path_of(key), "\"" + text.substr(0, 40) + "\": " + error);
    return false;
  }
  return true;
}

bool FieldReader::strings(const char* key, std::vector<std::string>& out) {
  const Json* value = find(key);
  if (!value) return false;
  if (!value->is_array()) {
    wrong_type(key, "an array of strings", *value);
    return false;
  }
  out.clear();
  out.reserve(value->size());
  size_t i = 0;
  for (const Json& item : *value) {
    if (!item.is_string()) {
      problems_.error(path_of(key) + "[" + std::to_string(i) + "]",
                      std::string("expected a string, found ") + json_kind(item));
      return false;
    }
    out.push_back(item.get_ref<const std::string&>());
    ++i;
  }
  return true;
}

bool parse_json_document(std::string_view text, Json& out, Problems& problems) {
  JsonCursor cursor(text);
  ByteRange whole;
  if (!cursor.skip_value(whole)) {
    problems.error(line_column(text, cursor.error_pos()), cursor.error());
    return false;
  }
  return parse_json_range(text, ByteRange{0, text.size()}, "$", out, problems);
}

bool json_format_is(std::string_view text, std::string_view format) {
  JsonCursor cursor(text);
  if (!cursor.consume('{')) return false;
  for (int members = 0; members < 64; ++members) {
    ByteRange key, value;
    if (!cursor.scan_string(key) || !cursor.consume(':')) return false;
    std::string name;
    decode_json_key(key.in(text), name);
    if (name == "format") {
      if (!cursor.skip_value(value)) return false;
      const std::string_view literal = value.in(text);
      return literal.size() == format.size() + 2 && literal.front() == '"' &&
             literal.back() == '"' && literal.substr(1, format.size()) == format;
    }
    if (!cursor.skip_value(value) || !cursor.consume(',')) return false;
  }
  return false;
}

}  // namespace ps
