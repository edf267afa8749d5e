// One JSON value's SAX events (nlohmann's json_sax interface) from a single pass over its
// bytes: several times faster than nlohmann's own SAX parser, whose lexer builds every string
// a byte at a time, and loading a big bundle is mostly reading strings.
//
// For fast paths only: it accepts strictly valid JSON and gives up (returns false) at
// anything else, or when the handler does; the caller then reads the value with nlohmann,
// which says what is wrong and where. It never accepts what nlohmann rejects, and where both
// accept they send the same events: tests/unit/test_json_events.cpp and fuzz_bundle check.
#pragma once
#include <string>
#include <string_view>

#include "core/json_read.h"

namespace ps {

bool send_json_events(std::string_view text, nlohmann::json_sax<Json>& sax);

// The same for the value at the start of text, whatever follows it: on success, consumed is
// where the value ends (for readers that take values one after another from a bigger text).
bool send_json_events_prefix(std::string_view text, nlohmann::json_sax<Json>& sax,
                             size_t& consumed);

// [Internal] for tests and fuzzing: records events as text, one per line ("key id",
// "string x", "unsigned 5", "start_object", …).
class JsonEventLog : public nlohmann::json_sax<Json> {
 public:
  std::string log;

  bool null() override { return add("null"); }
  bool boolean(bool v) override { return add(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return add("integer " + std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override {
    return add("unsigned " + std::to_string(v));
  }
  bool number_float(number_float_t, const string_t& s) override { return add("float " + s); }
  bool string(string_t& v) override { return add("string " + v); }
  bool binary(binary_t&) override { return add("binary"); }
  bool start_object(std::size_t) override { return add("start_object"); }
  bool key(string_t& k) override { return add("key " + k); }
  bool end_object() override { return add("end_object"); }
  bool start_array(std::size_t) override { return add("start_array"); }
  bool end_array() override { return add("end_array"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool add(const std::string& event) {
    log += event;
    log += '\n';
    return true;
  }
};

}  // namespace ps
