#include <doctest/doctest.h>

#include "core/query.h"

namespace {

std::string tree(const char* text) {
  ps::ParsedQuery q = ps::parse_query(text);
  REQUIRE_MESSAGE(q.ok(), q.error);
  return ps::describe(q.root.get());
}

std::string error(const char* text) {
  ps::ParsedQuery q = ps::parse_query(text);
  REQUIRE_MESSAGE(!q.ok(), "parsed: " << ps::describe(q.root.get()));
  return q.error;
}

}  // namespace

TEST_CASE("bare words, phrases, exclusions") {
  CHECK(tree("") == "(all)");
  CHECK(tree("   ") == "(all)");
  CHECK(tree("diffusion") == "(words diffusion)");
  CHECK(tree("Diffusion Models") == "(and (words diffusion) (words models))");
  CHECK(tree("Med-VQA") == "(words med vqa)");
  CHECK(tree("\"neural fields\"") == "(phrase neural fields)");
  CHECK(tree("\"single\"") == "(words single)");
  CHECK(tree("-survey") == "(not (words survey))");
  CHECK(tree("gan -\"large language\"") == "(and (words gan) (not (phrase large language)))");
  CHECK(tree("!!! ...") == "(all)");
}

TEST_CASE("OR binds tighter than the implicit AND; parentheses group") {
  CHECK(tree("a b OR c") == "(and (words a) (or (words b) (words c)))");
  CHECK(tree("a | b | c") == "(or (words a) (words b) (words c))");
  CHECK(tree("a|b") == "(or (words a) (words b))");
  CHECK(tree("(a OR b) c") == "(and (or (words a) (words b)) (words c))");
  CHECK(tree("(a b) OR c") == "(or (and (words a) (words b)) (words c))");
  CHECK(tree("-(a OR b)") == "(not (or (words a) (words b)))");
  CHECK(tree("or") == "(words or)");  // lower case is a word
  CHECK(tree("ORACLE") == "(words oracle)");
}

TEST_CASE("fields") {
  CHECK(tree("title:implicit") == "(words title: implicit)");
  CHECK(tree("TITLE:Implicit") == "(words title: implicit)");
  CHECK(tree("author:\"Ada Lovelace\"") == "(phrase author: ada lovelace)");
  CHECK(tree("abs:reward abstract:x") == "(and (words abstract: reward) (words abstract: x))");
  CHECK(tree("tag:cs.CV") == "(phrase tag: cs cv)");
  CHECK(tree("tag:\"cs.CV\"") == "(tag= cs cv)");
  CHECK(tree("venue:\"NeurIPS 2024\"") == "(venue= neurips 2024)");
  CHECK(tree("cat:cs.LG") == "(phrase tag: cs lg)");
  CHECK(tree("venue:NeurIPS") == "(words venue: neurips)");
  CHECK(tree("id:2504.02345") == "(id 2504.02345)");
  CHECK(tree("year:2021") == "(year 2021..2021)");
  CHECK(tree("year:2019..2023") == "(year 2019..2023)");
  CHECK(tree("year:>=2020") == "(year 2020..*)");
  CHECK(tree("year:>2020") == "(year 2021..*)");
  CHECK(tree("year:<2020") == "(year *..2019)");
  CHECK(tree("year:..2020") == "(year *..2020)");
  CHECK(tree("date:>=2024-06") == "(date 20240601..*)");
  CHECK(tree("date:>2024-06") == "(date 20240701..*)");
  CHECK(tree("date:<2024-06") == "(date *..20240531)");
  CHECK(tree("date:<=2024-06") == "(date *..20240630)");
  CHECK(tree("date:2024-02") == "(date 20240201..20240229)");
  CHECK(tree("date:2023..2024-03-15") == "(date 20230101..20240315)");
  CHECK(tree("upvotes:>10") == "(upvotes 11..*)");
  CHECK(tree("upvotes:5..20") == "(upvotes 5..20)");
  CHECK(tree("has:code has:project has:abstract") ==
        "(and (has:code) (has:project) (has:abstract))");
  CHECK(tree("-has:code") == "(not (has:code))");
  CHECK(tree("https://github.com/x") == "(words https github com x)");
  CHECK(tree("is:starred -is:read mytag:To-Read") ==
        "(and (is:starred) (not (is:read)) (mytag to read))");
  CHECK(ps::parse_query("is:hidden OR x").mentions_hidden);
  CHECK_FALSE(ps::parse_query("is:starred").mentions_hidden);
}

TEST_CASE("every parse error says where and what") {
  CHECK(error("(gan") == "column 1: '(' is never closed");
  CHECK(error("gan)") == "column 4: ')' without a matching '('");
  CHECK(error("a ()") == "column 3: empty parentheses");
  CHECK(error("\"neural fields") == "column 1: '\"' is never closed");
  CHECK(error("x \"\"") == "column 3: empty phrase");
  CHECK(error("a OR") == "column 3: OR needs a term after it");
  CHECK(error("a OR )") == "column 3: OR needs a term after it");
  CHECK(error("OR b") == "column 1: OR needs a term before it");
  CHECK(error("a | | b") == "column 3: OR needs a term after it");
  CHECK(error("a - b") == "column 3: '-' needs a term right after it (as in -word)");
  CHECK(error("foo:bar") ==
        "column 1: unknown field 'foo' (fields: title, author, abstract, tag, venue, id, year, "
        "date, upvotes, has, is, mytag)");
  CHECK(error("title:") == "column 1: title: needs a value");
  CHECK(error("x year:") == "column 3: year: needs a value");
  CHECK(error("title:!!!") == "column 7: '!!!' has no letters or digits to search for");
  CHECK(error("year:20x1") == "column 6: year: '20x1' is not a whole number");
  CHECK(error("year:99") == "column 6: year: 99 is not a four-digit year");
  CHECK(error("year:2023..2019") ==
        "column 6: the range 2023..2019 is empty (its start is after its end)");
  CHECK(error("year:..") == "column 6: a range needs at least one end (as in 2019..2023)");
  CHECK(error("date:2023-13") == "column 6: date: '2023-13': month 13 is out of range");
  CHECK(error("date:>=soon") ==
        "column 8: date: 'soon': expected a date like 2024, 2024-06 or 2024-06-30");
  CHECK(error("upvotes:>many") == "column 10: upvotes: 'many' is not a whole number");
  CHECK(error("has:wings") ==
        "column 5: has: takes code, project, abstract, pdf, video, authors or date (not 'wings')");
  CHECK(error("id:\"x") == "column 4: '\"' is never closed");
  CHECK(error("is:great") == "column 4: is: takes starred, read, unread or hidden (not 'great')");
  CHECK(error("mytag:!!") == "column 7: '!!' has no letters or digits to search for");
  // Columns count characters, not bytes.
  CHECK(error("éé (x") == "column 4: '(' is never closed");
}

TEST_CASE("has_text tells whether results are ranked") {
  CHECK(ps::parse_query("diffusion").has_text);
  CHECK(ps::parse_query("year:2020 \"a b\"").has_text);
  CHECK_FALSE(ps::parse_query("year:2020 has:code").has_text);
  CHECK_FALSE(ps::parse_query("-diffusion").has_text);
  CHECK_FALSE(ps::parse_query("").has_text);
}
