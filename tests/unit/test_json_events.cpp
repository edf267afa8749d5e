// json_events, the bundle reader's fast JSON pass: it must send exactly nlohmann's SAX events
// for what it accepts, and never accept what nlohmann rejects (then the careful path runs).
#include <doctest/doctest.h>

#include <random>

#include "core/json_events.h"

namespace {

struct Outcome {
  bool ours = false, theirs = false;
  std::string ours_log, theirs_log;
};

Outcome both(const std::string& text) {
  ps::JsonEventLog ours, theirs;
  Outcome o;
  o.ours = ps::send_json_events(text, ours);
  o.theirs = ps::Json::sax_parse(text.begin(), text.end(), &theirs,
                                 nlohmann::detail::input_format_t::json, true);
  o.ours_log = ours.log;
  o.theirs_log = theirs.log;
  return o;
}

// What must always hold: ours accepts only what nlohmann accepts, with the same events.
void check_agrees(const std::string& text) {
  INFO("input: " << text);
  const Outcome o = both(text);
  if (o.ours) {
    CHECK(o.theirs);
    CHECK(o.ours_log == o.theirs_log);
  }
}

}  // namespace

TEST_CASE("json_events sends nlohmann's events for valid JSON") {
  const char* valid[] = {
      R"({})",
      R"([])",
      R"( { "a" : [ 1 , -2 , 3.5 , 1e3 , -0 , 0.0e-1 ] } )",
      R"({"id":"2401.00001","title":"Zoë \"quoted\" \\ \/ \b\f\n\r\t","authors":["Łukasz"]})",
      R"({"u":"\u00e9\u4e2d\ud83d\ude00","n":null,"t":true,"f":false})",
      R"({"big":18446744073709551615,"bigger":18446744073709551616,"neg":-9223372036854775808})",
      R"({"nested":{"a":[{"b":[[],{}]}]},"a":1,"a":2})",
      R"("just a string")",
      R"(42)",
      "{\"raw\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}",
      R"({"nul":"a\u0000b"})",
  };
  for (const char* text : valid) {
    INFO("input: " << text);
    const Outcome o = both(text);
    CHECK(o.ours);
    CHECK(o.theirs);
    CHECK(o.ours_log == o.theirs_log);
  }
}

TEST_CASE("json_events gives up on what is not strictly JSON") {
  const std::string invalid[] = {
      "",
      " ",
      "{",
      "{\"a\":1,}",
      "[1,]",
      "[01]",
      "[1.]",
      "[.5]",
      "[1e]",
      "[+1]",
      "[NaN]",
      "[Infinity]",
      "[1e400]",
      "[tru]",
      "[nul]",
      "{'a':1}",
      "{\"a\" 1}",
      "{\"a\":1}}",
      "{\"a\":1} x",
      "[\"\\x\"]",
      "[\"\\u12\"]",
      "[\"\\ud800\"]",
      "[\"\\udc00\"]",
      "[\"\\ud800\\u0041\"]",
      "[\"tab\there\"]",
      std::string("[\"nul") + '\0' + "\"]",
      "[\"\xc0\xaf\"]",                               // overlong '/'
      "[\"\xed\xa0\x80\"]",                           // a surrogate in UTF-8
      "[\"\xf4\x90\x80\x80\"]",                       // past U+10FFFF
      "[\"\xc3\"]",                                   // cut short
      "[\"\xc3\\u00a9\"]",                            // a lead byte, then an escape
      "[\"abcdefgh\xff ijklmnopqr\"]",                // a bad byte where eight are read at once
      "[\"abcdefghijklmnopq\xc3\"]",                  // cut short after a long ASCII run
      std::string(300, '[') + std::string(300, ']'),  // deeper than the cursor allows
  };
  for (const std::string& text : invalid) {
    INFO("input: " << text);
    ps::JsonEventLog log;
    CHECK_FALSE(ps::send_json_events(text, log));
    check_agrees(text);
  }
}

TEST_CASE("json_events agrees with nlohmann on mutated inputs") {
  // Seeded byte flips, insertions and cuts of a bundle-like paper: whatever ours accepts,
  // nlohmann accepts with the same events.
  const std::string base =
      R"({"id":"2401.00001","title":"Graph \"Nets\" for Zoë","abstract":"a\nb \u00e9 \ud83d\ude00",)"
      R"("authors":["Ada","Łukasz"],"upvotes":12,"score":-1.5e2,"tags":[{"kind":"category",)"
      R"("value":"cs.LG"}],"ok":true,"none":null,"list":[[],{},[0,1]]})";
  const std::string alphabet = "{}[]\",:\\u0123456789.eE+-tfnrl \t\n\xc3\xa9\xff";
  std::mt19937 random(12345);
  size_t accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(text.begin() + static_cast<long>(at), c);
          break;
        default:
          text.erase(at, 1 + random() % 3);
          break;
      }
      if (text.empty()) text = "x";
    }
    const Outcome o = both(text);
    if (o.ours) {
      ++accepted;
      INFO("input: " << text);
      REQUIRE(o.theirs);
      REQUIRE(o.ours_log == o.theirs_log);
    }
  }
  // Some mutations stay valid JSON (a changed letter inside a string): the check above ran.
  CHECK(accepted > 1000);
}

TEST_CASE("parse_json_range builds from json_events the tree nlohmann's parser builds") {
  const std::string texts[] = {
      R"({"a":[1,-2,3.5,1e3,true,null,"x\u00e9"],"b":{"c":{}},"a":"last wins"})",
      R"([{"paper":{"id":"2401.1","authors":[{"name":"Zoë","hidden":false}]},"upvotes":18446744073709551615}])",
      "\"caf\xc3\xa9\"",
  };
  for (const std::string& text : texts) {
    INFO("input: " << text);
    ps::Json tree;
    ps::Problems problems;
    REQUIRE(ps::parse_json_range(text, ps::ByteRange{0, text.size()}, "$", tree, problems));
    CHECK(tree == ps::Json::parse(text));
  }
  // What json_events refuses still gets nlohmann's message.
  ps::Json tree;
  ps::Problems problems;
  const std::string broken = "{\"a\": [1, 2,]}";
  CHECK_FALSE(ps::parse_json_range(broken, ps::ByteRange{0, broken.size()}, "$", tree, problems));
  CHECK(problems.summary().find("line 1, column 13") != std::string::npos);
}

TEST_CASE("json_events_prefix reads the value at the start and says where it ends") {
  struct Case {
    std::string text;
    size_t end;  // where the first value ends, before any white space (0: not well formed)
  };
  const Case cases[] = {
      {"{\"a\":[1,2,{\"b\":\"}\"}]},{\"next\":1}]", 21},
      {"[\"x\"] trailing", 5},
      {"{ } ,", 3},
      {"\"str\\\"ing\"]", 10},
      {"12 34", 2},
      {"{\"a\":1", 0},          // cut short
      {"{\"a\" 1}, {}", 0},     // broken inside
      {"{\"a\":\"\x01\"}", 0},  // a control character in a string
  };
  for (const Case& c : cases) {
    INFO("input: " << c.text);
    ps::JsonEventLog prefix_log, whole_log;
    size_t consumed = 12345;
    const bool ok = ps::send_json_events_prefix(c.text, prefix_log, consumed);
    CHECK(ok == (c.end != 0));
    if (!ok) continue;
    CHECK(consumed == c.end);
    // The same events as for the value on its own.
    REQUIRE(ps::send_json_events(c.text.substr(0, consumed), whole_log));
    CHECK(prefix_log.log == whole_log.log);
  }
}
