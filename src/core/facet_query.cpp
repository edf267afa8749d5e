#include "core/facet_query.h"

#include <algorithm>
#include <iterator>

#include "core/text_fold.h"

namespace ps {

namespace {

// Top-level tokens: split at spaces outside quotes and parentheses. balanced: false when a
// quote or a parenthesis is still open at the end (the last token runs to the end).
std::vector<std::string> top_level_tokens(std::string_view text, bool* balanced = nullptr) {
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
  if (balanced) *balanced = !quoted && depth == 0;
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
  // compose_query writes the rest first and the choices after it. For a split of what it
  // wrote to give the same choices (and the same meaning) back: a single-valued choice
  // (has:code, a date range) is the last such term, earlier ones stay in the rest; an OR
  // group is a choice only when it is its field's only inclusion, else `tag:"x" (tag:"a" OR
  // tag:"b")` would come back as one group of three values, which means something else.
  // A quote or a parenthesis left open makes it all rest: choices written after it would
  // end up inside it.
  bool balanced = true;
  const std::vector<std::string> tokens = top_level_tokens(query, &balanced);
  enum class Kind { kRest, kInclude, kExclude, kGroup, kHasCode, kDate };
  struct Token {
    Kind kind = Kind::kRest;
    FacetField field = FacetField::kTag;
    std::string value;
    std::vector<std::string> group;
  };
  std::vector<Token> parsed(tokens.size());
  // The fields whose values are lists, and their names in the query.
  constexpr FacetField kListFields[] = {FacetField::kTag, FacetField::kVenue, FacetField::kMyTag};
  constexpr const char* kListNames[] = {"tag", "venue", "mytag"};
  constexpr size_t kLists = std::size(kListFields);
  auto list_index = [&](FacetField field) {
    return static_cast<size_t>(std::find(kListFields, kListFields + kLists, field) - kListFields);
  };
  size_t includes[kLists] = {}, groups[kLists] = {};
  size_t last_has_code = tokens.size(), last_date = tokens.size();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    Token& t = parsed[i];
    if (!balanced) break;
    for (size_t f = 0; f < kLists; ++f) {
      const FacetField field = kListFields[f];
      const std::string name = kListNames[f];
      if (quoted_value(token, name, t.value)) {
        t.kind = Kind::kInclude;
        ++includes[f];
      } else if (quoted_value(token, "-" + name, t.value)) {
        t.kind = Kind::kExclude;
      } else if (or_group(token, name, t.group)) {
        t.kind = Kind::kGroup;
        ++groups[f];
      } else {
        continue;
      }
      t.field = field;
      break;
    }
    if (t.kind != Kind::kRest) continue;
    if (token == "has:code" || token == "-has:code") {
      t.kind = Kind::kHasCode;
      last_has_code = i;
    } else if (token.rfind("date:", 0) == 0 && token.size() > 5 &&
               token.find_first_of("\"()") == std::string::npos) {
      t.kind = Kind::kDate;
      last_date = i;
    }
  }

  FacetChoices choices;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& t = parsed[i];
    FacetChoices::Field& field = choices.field(t.field);
    const size_t f = list_index(t.field);
    bool taken = true;
    switch (t.kind) {
      case Kind::kInclude:
        field.included.push_back(std::move(t.value));
        break;
      case Kind::kExclude:
        field.excluded.push_back(std::move(t.value));
        break;
      case Kind::kGroup:
        taken = groups[f] == 1 && includes[f] == 0;
        if (taken) {
          field.included = std::move(t.group);
          field.any_of = true;
        }
        break;
      case Kind::kHasCode:
        taken = i == last_has_code;
        if (taken) choices.has_code = tokens[i][0] == '-' ? -1 : 1;
        break;
      case Kind::kDate:
        taken = i == last_date;
        if (taken) choices.date_range = tokens[i].substr(5);
        break;
      case Kind::kRest:
        taken = false;
        break;
    }
    if (!taken) choices.rest += (choices.rest.empty() ? "" : " ") + tokens[i];
  }
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
  add_field(choices.mytags, "mytag");
  if (choices.has_code) parts.push_back(choices.has_code > 0 ? "has:code" : "-has:code");
  if (!choices.date_range.empty()) parts.push_back("date:" + choices.date_range);
  std::string query;
  for (const std::string& p : parts) query += (query.empty() ? "" : " ") + p;
  return query;
}

}  // namespace ps
