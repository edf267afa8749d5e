#include "core/facet_query.h"

#include <algorithm>

#include "core/text_fold.h"

namespace ps {

namespace {

// Top-level tokens: split at spaces outside quotes and parentheses.
std::vector<std::string> top_level_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  int depth = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == '(')
      ++depth;
    else if (!quoted && c == ')' && depth > 0)
      --depth;
    if (!quoted && depth == 0 && (c == ' ' || c == '\t')) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// `name:"value"` → value (quotes required, no quote inside).
bool quoted_value(std::string_view token, std::string_view name, std::string& value) {
  if (token.size() < name.size() + 3 || token.substr(0, name.size()) != name ||
      token[name.size()] != ':' || token[name.size() + 1] != '"' || token.back() != '"') {
    return false;
  }
  value = std::string(token.substr(name.size() + 2, token.size() - name.size() - 3));
  return value.find('"') == std::string::npos && !value.empty();
}

// "(tag:"a" OR tag:"b")" → {a, b} for name "tag".
bool or_group(std::string_view token, std::string_view name, std::vector<std::string>& values) {
  if (token.size() < 2 || token.front() != '(' || token.back() != ')') return false;
  const std::vector<std::string> parts = top_level_tokens(token.substr(1, token.size() - 2));
  if (parts.size() < 3 || parts.size() % 2 == 0) return false;
  std::vector<std::string> found;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i % 2) {
      if (parts[i] != "OR" && parts[i] != "|") return false;
      continue;
    }
    std::string value;
    if (!quoted_value(parts[i], name, value)) return false;
    found.push_back(value);
  }
  values = std::move(found);
  return true;
}

std::string quote(std::string_view name, std::string_view value) {
  std::string clean;
  for (char c : value) clean.push_back(c == '"' ? ' ' : c);  // a quote would end the value
  return std::string(name) + ":\"" + clean + "\"";
}

bool same(std::string_view a, std::string_view b) {
  return fold_words_joined(a) == fold_words_joined(b);
}

void remove_value(std::vector<std::string>& list, std::string_view value) {
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const std::string& v) { return same(v, value); }),
             list.end());
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& v) { return same(v, value); });
}

}  // namespace

int FacetChoices::state_of(FacetField f, std::string_view value) const {
  if (f == FacetField::kHasCode) return has_code;
  const Field& fc = field(f);
  if (contains(fc.included, value)) return 1;
  if (contains(fc.excluded, value)) return -1;
  return 0;
}

void FacetChoices::toggle(FacetField f, std::string_view value, bool exclude) {
  if (f == FacetField::kHasCode) {
    const int want = exclude ? -1 : 1;
    has_code = has_code == want ? 0 : want;
    return;
  }
  Field& fc = field(f);
  const int state = state_of(f, value);
  remove_value(fc.included, value);
  remove_value(fc.excluded, value);
  if (exclude && state != -1) fc.excluded.emplace_back(value);
  if (!exclude && state != 1) fc.included.emplace_back(value);
}

FacetChoices split_facet_choices(std::string_view query) {
  FacetChoices choices;
  std::vector<std::string> rest;
  for (const std::string& token : top_level_tokens(query)) {
    std::string value;
    std::vector<std::string> group;
    bool taken = true;
    if (quoted_value(token, "tag", value))
      choices.tags.included.push_back(value);
    else if (quoted_value(token, "-tag", value))
      choices.tags.excluded.push_back(value);
    else if (quoted_value(token, "venue", value))
      choices.venues.included.push_back(value);
    else if (quoted_value(token, "-venue", value))
      choices.venues.excluded.push_back(value);
    else if (or_group(token, "tag", group) && choices.tags.included.empty()) {
      choices.tags.included = group;
      choices.tags.any_of = true;
    } else if (or_group(token, "venue", group) && choices.venues.included.empty()) {
      choices.venues.included = group;
      choices.venues.any_of = true;
    } else if (token == "has:code" && !choices.has_code)
      choices.has_code = 1;
    else if (token == "-has:code" && !choices.has_code)
      choices.has_code = -1;
    else if (token.rfind("date:", 0) == 0 && token.size() > 5 && choices.date_range.empty() &&
             token.find_first_of("\"()") == std::string::npos) {
      choices.date_range = token.substr(5);
    } else {
      taken = false;
    }
    if (!taken) rest.push_back(token);
  }
  for (const std::string& token : rest) choices.rest += (choices.rest.empty() ? "" : " ") + token;
  return choices;
}

std::string compose_query(const FacetChoices& choices) {
  std::vector<std::string> parts;
  if (!choices.rest.empty()) parts.push_back(choices.rest);
  auto add_field = [&](const FacetChoices::Field& field, std::string_view name) {
    if (field.any_of && field.included.size() > 1) {
      std::string group = "(";
      for (size_t i = 0; i < field.included.size(); ++i) {
        group += (i ? " OR " : "") + quote(name, field.included[i]);
      }
      parts.push_back(group + ")");
    } else {
      for (const std::string& v : field.included) parts.push_back(quote(name, v));
    }
    for (const std::string& v : field.excluded) parts.push_back("-" + quote(name, v));
  };
  add_field(choices.tags, "tag");
  add_field(choices.venues, "venue");
  if (choices.has_code) parts.push_back(choices.has_code > 0 ? "has:code" : "-has:code");
  if (!choices.date_range.empty()) parts.push_back("date:" + choices.date_range);
  std::string query;
  for (const std::string& p : parts) query += (query.empty() ? "" : " ") + p;
  return query;
}

}  // namespace ps
