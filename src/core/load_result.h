// Errors as values: every problem found in input names its place, either a JSON path
// ("$.papers[12].title") or a line and column, so the UI and the CLI can say what and where.
#pragma once
#include <string>
#include <vector>

namespace ps {

// text with every ill-formed UTF-8 sequence replaced by U+FFFD. Messages quote the input
// (a value cut to 40 bytes, the bytes a parser read last), and the page and the terminal
// need them well-formed.
std::string well_formed_utf8(std::string text);

struct Problem {
  std::string where;    // "$.papers[12].title", "line 3, column 14", or "" (whole input)
  std::string message;  // "expected a string, found a number"
  std::string source;   // which input, when several were read together ("refs.bib"), or ""
  std::string to_string() const {
    std::string text = source.empty() ? std::string() : source + ": ";
    if (!where.empty()) text += where + ": ";
    return text + message;
  }
};

struct Problems {
  std::vector<Problem> errors;
  std::vector<Problem> warnings;   // kept going, but the user should know (dropped links, ...)
  size_t max_errors = 20;          // stop collecting after this many
  size_t suppressed = 0;           // errors beyond max_errors, counted only
  size_t suppressed_warnings = 0;  // warnings beyond max_errors, counted only

  bool ok() const { return errors.empty() && suppressed == 0; }
  bool full() const { return errors.size() >= max_errors; }
  void error(std::string where, std::string message) {
    if (full()) {
      ++suppressed;
      return;
    }
    errors.push_back(
        Problem{well_formed_utf8(std::move(where)), well_formed_utf8(std::move(message)), {}});
  }
  void warning(std::string where, std::string message) {
    if (warnings.size() < max_errors) {
      warnings.push_back(
          Problem{well_formed_utf8(std::move(where)), well_formed_utf8(std::move(message)), {}});
    } else {
      ++suppressed_warnings;
    }
  }
  // The first error, with a count of the others: what a status line shows.
  std::string summary() const {
    if (errors.empty()) return {};
    std::string text = errors.front().to_string();
    const size_t others = errors.size() - 1 + suppressed;
    if (others) text += " (and " + std::to_string(others) + " more)";
    return text;
  }
};

}  // namespace ps
