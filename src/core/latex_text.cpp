// LaTeX text to Unicode: one pass over the text, no recursion (braces are tracked on an
// explicit stack, so 100,000 nested braces cost memory, not stack).
//
// Index of this file
// [SECTION] Tables: accents, letters, symbols
// [SECTION] Converter
// [SECTION] Public API
#include "core/latex_text.h"

#include <utf8proc.h>

#include <cstring>
#include <vector>

#include "core/text_fold.h"

namespace ps {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Tables: accents, letters, symbols
//-----------------------------------------------------------------------------

struct NameValue {
  const char* name;
  const char* value;
};

// Accent command → combining mark (as a code point).
int32_t accent_mark(std::string_view name) {
  if (name.size() == 1) {
    switch (name[0]) {
      case '\'':
        return 0x0301;
      case '`':
        return 0x0300;
      case '^':
        return 0x0302;
      case '"':
        return 0x0308;
      case '~':
        return 0x0303;
      case '=':
        return 0x0304;
      case '.':
        return 0x0307;
      case 'u':
        return 0x0306;
      case 'v':
        return 0x030C;
      case 'H':
        return 0x030B;
      case 'c':
        return 0x0327;
      case 'k':
        return 0x0328;
      case 'r':
        return 0x030A;
      case 'd':
        return 0x0323;
      case 'b':
        return 0x0331;
      case 't':
        return 0x0361;
      default:
        return 0;
    }
  }
  return 0;
}

// Letters and symbols that are commands in text mode.
const NameValue kTextCommands[] = {
    {"o", "ø"},
    {"O", "Ø"},
    {"l", "ł"},
    {"L", "Ł"},
    {"ss", "ß"},
    {"SS", "SS"},
    {"ae", "æ"},
    {"AE", "Æ"},
    {"oe", "œ"},
    {"OE", "Œ"},
    {"aa", "å"},
    {"AA", "Å"},
    {"i", "ı"},
    {"j", "ȷ"},
    {"dh", "ð"},
    {"DH", "Ð"},
    {"th", "þ"},
    {"TH", "Þ"},
    {"ng", "ŋ"},
    {"NG", "Ŋ"},
    {"dj", "đ"},
    {"DJ", "Đ"},
    {"&", "&"},
    {"%", "%"},
    {"$", "$"},
    {"#", "#"},
    {"_", "_"},
    {"{", "{"},
    {"}", "}"},
    {" ", " "},
    {",", " "},
    {";", " "},
    {":", " "},
    {"!", ""},
    {"-", ""},
    {"/", ""},
    {"\\", " "},
    {"@", ""},
    {"quad", " "},
    {"qquad", " "},
    {"newline", " "},
    {"par", " "},
    {"linebreak", " "},
    {"noindent", ""},
    {"relax", ""},
    {"protect", ""},
    {"textbackslash", "\\"},
    {"ldots", "…"},
    {"dots", "…"},
    {"textellipsis", "…"},
    {"textendash", "–"},
    {"textemdash", "—"},
    {"textquoteleft", "‘"},
    {"textquoteright", "’"},
    {"textquotedblleft", "“"},
    {"textquotedblright", "”"},
    {"S", "§"},
    {"P", "¶"},
    {"copyright", "©"},
    {"textcopyright", "©"},
    {"pounds", "£"},
    {"textsterling", "£"},
    {"euro", "€"},
    {"texteuro", "€"},
    {"textregistered", "®"},
    {"texttrademark", "™"},
    {"textdegree", "°"},
    {"guillemotleft", "«"},
    {"guillemotright", "»"},
    {"guillemetleft", "«"},
    {"guillemetright", "»"},
    {"textless", "<"},
    {"textgreater", ">"},
    {"textbar", "|"},
    {"textasciitilde", "~"},
    {"textasciicircum", "^"},
    {"textunderscore", "_"},
    {"textperiodcentered", "·"},
    {"textbullet", "•"},
    {"dag", "†"},
    {"ddag", "‡"},
    {"LaTeX", "LaTeX"},
    {"TeX", "TeX"},
    {"BibTeX", "BibTeX"},
    {"LaTeXe", "LaTeX2e"},
    {"XeTeX", "XeTeX"},
    {"AmS", "AMS"},
    {"textordfeminine", "ª"},
    {"textordmasculine", "º"},
};

// Symbols in math mode (also understood in text, where people write $\alpha$ loosely).
const NameValue kMathCommands[] = {
    {"alpha", "α"},
    {"beta", "β"},
    {"gamma", "γ"},
    {"delta", "δ"},
    {"epsilon", "ϵ"},
    {"varepsilon", "ε"},
    {"zeta", "ζ"},
    {"eta", "η"},
    {"theta", "θ"},
    {"vartheta", "ϑ"},
    {"iota", "ι"},
    {"kappa", "κ"},
    {"lambda", "λ"},
    {"mu", "μ"},
    {"nu", "ν"},
    {"xi", "ξ"},
    {"pi", "π"},
    {"varpi", "ϖ"},
    {"rho", "ρ"},
    {"varrho", "ϱ"},
    {"sigma", "σ"},
    {"varsigma", "ς"},
    {"tau", "τ"},
    {"upsilon", "υ"},
    {"phi", "ϕ"},
    {"varphi", "φ"},
    {"chi", "χ"},
    {"psi", "ψ"},
    {"omega", "ω"},
    {"Gamma", "Γ"},
    {"Delta", "Δ"},
    {"Theta", "Θ"},
    {"Lambda", "Λ"},
    {"Xi", "Ξ"},
    {"Pi", "Π"},
    {"Sigma", "Σ"},
    {"Upsilon", "Υ"},
    {"Phi", "Φ"},
    {"Psi", "Ψ"},
    {"Omega", "Ω"},
    {"ell", "ℓ"},
    {"infty", "∞"},
    {"pm", "±"},
    {"mp", "∓"},
    {"times", "×"},
    {"cdot", "·"},
    {"div", "÷"},
    {"le", "≤"},
    {"leq", "≤"},
    {"ge", "≥"},
    {"geq", "≥"},
    {"ne", "≠"},
    {"neq", "≠"},
    {"approx", "≈"},
    {"sim", "∼"},
    {"simeq", "≃"},
    {"cong", "≅"},
    {"equiv", "≡"},
    {"propto", "∝"},
    {"to", "→"},
    {"rightarrow", "→"},
    {"leftarrow", "←"},
    {"gets", "←"},
    {"Rightarrow", "⇒"},
    {"Leftarrow", "⇐"},
    {"leftrightarrow", "↔"},
    {"Leftrightarrow", "⇔"},
    {"mapsto", "↦"},
    {"longrightarrow", "⟶"},
    {"in", "∈"},
    {"notin", "∉"},
    {"ni", "∋"},
    {"subset", "⊂"},
    {"subseteq", "⊆"},
    {"supset", "⊃"},
    {"supseteq", "⊇"},
    {"cup", "∪"},
    {"cap", "∩"},
    {"emptyset", "∅"},
    {"varnothing", "∅"},
    {"forall", "∀"},
    {"exists", "∃"},
    {"neg", "¬"},
    {"lnot", "¬"},
    {"wedge", "∧"},
    {"land", "∧"},
    {"vee", "∨"},
    {"lor", "∨"},
    {"partial", "∂"},
    {"nabla", "∇"},
    {"sum", "∑"},
    {"prod", "∏"},
    {"coprod", "∐"},
    {"int", "∫"},
    {"oint", "∮"},
    {"sqrt", "√"},
    {"circ", "∘"},
    {"bullet", "•"},
    {"star", "⋆"},
    {"ast", "∗"},
    {"dagger", "†"},
    {"ddagger", "‡"},
    {"hbar", "ℏ"},
    {"Re", "ℜ"},
    {"Im", "ℑ"},
    {"aleph", "ℵ"},
    {"wp", "℘"},
    {"langle", "⟨"},
    {"rangle", "⟩"},
    {"lfloor", "⌊"},
    {"rfloor", "⌋"},
    {"lceil", "⌈"},
    {"rceil", "⌉"},
    {"cdots", "⋯"},
    {"prime", "′"},
    {"otimes", "⊗"},
    {"oplus", "⊕"},
    {"ll", "≪"},
    {"gg", "≫"},
    {"perp", "⊥"},
    {"parallel", "∥"},
    {"mid", "∣"},
    {"setminus", "∖"},
    {"vert", "|"},
    {"lbrace", "{"},
    {"rbrace", "}"},
    {"colon", ":"},
    {"left", ""},
    {"right", ""},
    {"big", ""},
    {"Big", ""},
    {"bigl", ""},
    {"bigr", ""},
    {"Bigl", ""},
    {"Bigr", ""},
    {"displaystyle", ""},
    {"textstyle", ""},
    {"limits", ""},
    {"nolimits", ""},
    {"lvert", "|"},
    {"rvert", "|"},
    {"triangle", "△"},
    {"angle", "∠"},
    {"degree", "°"},
    {"top", "⊤"},
    {"bot", "⊥"},
    {"vdash", "⊢"},
    {"models", "⊨"},
    {"hookrightarrow", "↪"},
    {"uparrow", "↑"},
    {"downarrow", "↓"},
    {"leadsto", "⇝"},
    {"lesssim", "≲"},
    {"gtrsim", "≳"},
    {"preceq", "⪯"},
    {"succeq", "⪰"},
    {"prec", "≺"},
    {"succ", "≻"},
    {"sharp", "♯"},
    {"flat", "♭"},
    {"natural", "♮"},
    {"square", "□"},
    {"Box", "□"},
    {"diamond", "⋄"},
};

// Commands whose argument is kept and whose own name is dropped (formatting).
const char* const kFormattingCommands[] = {
    "emph",
    "textbf",
    "textit",
    "textrm",
    "textsf",
    "texttt",
    "textsc",
    "textsl",
    "textup",
    "textmd",
    "textnormal",
    "mbox",
    "hbox",
    "text",
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathtt",
    "mathcal",
    "mathfrak",
    "mathscr",
    "operatorname",
    "boldsymbol",
    "bm",
    "em",
    "it",
    "bf",
    "rm",
    "sc",
    "sf",
    "tt",
    "sl",
    "up",
    "small",
    "large",
    "Large",
    "footnotesize",
    "normalsize",
    "ensuremath",
    "NoCaseChange",
    "textsuperscript",
    "textsubscript",
    "hat",
    "bar",
    "tilde",
    "vec",
    "dot",
    "ddot",
    "widehat",
    "widetilde",
    "overline",
    "underline",
    "mathring",
    "check",
    "breve",
    "acute",
    "grave",
    "uppercase",
    "lowercase",
    "MakeUppercase",
    "MakeLowercase",
    "textnormal",
    "nocite",
    "emphasize",
};

const char* lookup(const NameValue* table, size_t count, std::string_view name) {
  for (size_t i = 0; i < count; ++i) {
    if (name == table[i].name) return table[i].value;
  }
  return nullptr;
}

template <size_t N>
const char* lookup(const NameValue (&table)[N], std::string_view name) {
  return lookup(table, N, name);
}

bool is_formatting(std::string_view name) {
  for (const char* f : kFormattingCommands) {
    if (name == f) return true;
  }
  return false;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void append_code_point(std::string& out, int32_t cp) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// base + combining mark, composed (NFC) when Unicode has a precomposed letter. Into a
// buffer of our own (utf8proc_map's sizing pass does pointer arithmetic on NULL).
void append_accented(std::string& out, std::string_view base, int32_t mark) {
  std::string pair(base);
  append_code_point(pair, mark);
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  utf8proc_int32_t code_points[16];
  utf8proc_ssize_t n =
      utf8proc_decompose(reinterpret_cast<const utf8proc_uint8_t*>(pair.data()),
                         static_cast<utf8proc_ssize_t>(pair.size()), code_points, 16, options);
  if (n > 0 && n <= 16) n = utf8proc_normalize_utf32(code_points, n, options);
  if (n <= 0 || n > 16) {  // not valid UTF-8, or longer than a letter can be: as it is
    out += pair;
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) append_code_point(out, code_points[i]);
}

//-----------------------------------------------------------------------------
// [SECTION] Converter
//-----------------------------------------------------------------------------

class Converter {
 public:
  Converter(std::string_view text, const LatexOptions& options) : s_(text), opt_(options) {
    out_.reserve(text.size());
  }

  std::string run() {
    while (i_ < s_.size()) step();
    return std::move(out_);
  }

 private:
  // What to do with the '}' that closes a group opened here.
  enum Close : uint8_t { kDropClose, kKeepClose };

  // Characters that may start something to convert with these options.
  bool is_special(char c) const {
    if (c == '\\' || c == '{' || c == '}' || c == '$') return true;
    return opt_.typographic && (c == '~' || c == '-' || c == '`' || c == '\'');
  }

  void step() {
    const char c = s_[i_];
    if (!is_special(c)) {  // a run of ordinary text, copied in one go
      const size_t begin = i_;
      while (i_ < s_.size() && !is_special(s_[i_])) ++i_;
      out_.append(s_.data() + begin, i_ - begin);
      return;
    }
    switch (c) {
      case '\\':
        return command();
      case '{':
        return open_group(opt_.drop_braces ? kDropClose : kKeepClose);
      case '}':
        return close_group();
      case '$':
        return dollar();
      case '~':
        ++i_;
        out_ += opt_.typographic ? " " : "~";
        return;
      case '-':
        if (opt_.typographic && !in_math_ && s_.substr(i_, 3) == "---") {
          out_ += "—";
          i_ += 3;
        } else if (opt_.typographic && !in_math_ && s_.substr(i_, 2) == "--") {
          out_ += "–";
          i_ += 2;
        } else {
          out_ += c;
          ++i_;
        }
        return;
      case '`':
        if (opt_.typographic && s_.substr(i_, 2) == "``") {
          out_ += "“";
          i_ += 2;
          return;
        }
        break;
      case '\'':
        if (opt_.typographic && s_.substr(i_, 2) == "''") {
          out_ += "”";
          i_ += 2;
          return;
        }
        break;
      default:
        break;
    }
    out_ += c;
    ++i_;
  }

  void open_group(Close close) {
    ++i_;
    groups_.push_back(close);
    if (close == kKeepClose) out_ += '{';
  }

  void close_group() {
    ++i_;
    if (groups_.empty()) {  // a stray '}': BibTeX would have refused it; keep going
      if (!opt_.drop_braces) out_ += '}';
      return;
    }
    if (groups_.back() == kKeepClose) out_ += '}';
    groups_.pop_back();
  }

  // $…$ and $$…$$.
  void dollar() {
    const bool display = s_.substr(i_, 2) == "$$";
    const size_t len = display ? 2 : 1;
    if (opt_.math == LatexMath::kKeep) return copy_math(display ? "$$" : "$", len);
    i_ += len;
    in_math_ = !in_math_;
  }

  // Copies math verbatim from the opening delimiter to the closing one (or the end).
  void copy_math(std::string_view close, size_t open_len) {
    const size_t begin = i_;
    size_t end = s_.find(close, i_ + open_len);
    // An escaped delimiter (\$) inside does not close.
    while (end != std::string_view::npos && close == "$" && end > 0 && s_[end - 1] == '\\') {
      end = s_.find(close, end + 1);
    }
    end = end == std::string_view::npos ? s_.size() : end + close.size();
    out_.append(s_.data() + begin, end - begin);
    i_ = end;
  }

  // The name of the command at i_ (just after the backslash): a run of letters, or one
  // other character. Advances past it, and past spaces after a control word in text (as
  // TeX does: "Stra\ss e" is "Straße"); in math the spaces stay for readability.
  std::string_view command_name() {
    const size_t begin = i_;
    if (i_ < s_.size() && is_ascii_letter(s_[i_])) {
      while (i_ < s_.size() && is_ascii_letter(s_[i_])) ++i_;
      std::string_view name = s_.substr(begin, i_ - begin);
      if (!in_math_) {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n')) ++i_;
      }
      return name;
    }
    if (i_ < s_.size()) ++i_;
    return s_.substr(begin, i_ - begin);
  }

  void command() {
    ++i_;  // the backslash
    if (i_ >= s_.size()) {
      out_ += '\\';
      return;
    }
    // Math delimiters \( \) \[ \].
    const char next = s_[i_];
    if (next == '(' || next == '[') {
      if (opt_.math == LatexMath::kKeep) {
        --i_;
        return copy_math(next == '(' ? "\\)" : "\\]", 2);
      }
      ++i_;
      in_math_ = true;
      return;
    }
    if (next == ')' || next == ']') {
      ++i_;
      if (opt_.math == LatexMath::kKeep) {
        out_ += '\\';
        out_ += next;
      } else {
        in_math_ = false;
      }
      return;
    }
    const size_t name_begin = i_;
    const std::string_view name = command_name();
    if (const int32_t mark = accent_mark(name); mark && !in_math_) return accent(mark, name);
    if (name == "url") return verbatim_argument();
    if (name == "href") {
      skip_argument();  // the URL; the text that follows is kept
      return;
    }
    if (in_math_ && name == "mathbb") return blackboard();
    if (const char* value = in_math_ ? lookup(kMathCommands, name) : nullptr) {
      out_ += value;
      return;
    }
    if (const char* value = lookup(kTextCommands, name)) {
      out_ += value;
      return;
    }
    if (const char* value = lookup(kMathCommands, name)) {
      out_ += value;
      return;
    }
    if (is_formatting(name)) {
      // Its argument group, if any, loses its braces even where braces are kept.
      if (i_ < s_.size() && s_[i_] == '{') open_group(kDropClose);
      return;
    }
    // Unknown: in math keep the name (readers still recognise "sqrt", "log"); in text
    // drop it. Prose mode keeps unknown commands as they were.
    if (opt_.math == LatexMath::kKeep) {
      out_ += '\\';
      out_.append(s_.data() + name_begin, name.size());
      if (i_ > name_begin + name.size()) out_ += ' ';
    } else if (in_math_ && is_ascii_letter(name.empty() ? ' ' : name[0])) {
      out_.append(name.data(), name.size());
    }
  }

  // An accent: its argument is a letter, a {group} whose first letter takes the accent, or
  // \i / \j (dotless, which take accents as i and j).
  void accent(int32_t mark, std::string_view name) {
    if (name.size() == 1 && !is_ascii_letter(name[0])) {
      // Control symbols (\' \") take no spaces before their argument in TeX, but BibTeX
      // files written by hand do it anyway.
      while (i_ < s_.size() && s_[i_] == ' ') ++i_;
    }
    bool in_group = false;
    if (i_ < s_.size() && s_[i_] == '{') {
      size_t j = i_ + 1;
      while (j < s_.size() && s_[j] == ' ') ++j;
      if (j < s_.size() && s_[j] == '}') {  // \'{}: the accent on its own
        i_ = j + 1;
        append_code_point(out_, mark);
        return;
      }
      in_group = true;
      i_ = j;
    }
    std::string base;
    if (i_ + 1 < s_.size() && s_[i_] == '\\' && (s_[i_ + 1] == 'i' || s_[i_ + 1] == 'j') &&
        (i_ + 2 >= s_.size() || !is_ascii_letter(s_[i_ + 2]))) {
      base = s_[i_ + 1];
      i_ += 2;
      while (in_group && i_ < s_.size() && s_[i_] == ' ') ++i_;
    } else if (i_ < s_.size() && s_[i_] != '\\' && s_[i_] != '}') {
      int32_t cp = -1;
      const size_t len = decode_utf8(s_, i_, cp);
      base.assign(s_.data() + i_, len);
      i_ += len;
    }
    if (base.empty()) {
      append_code_point(out_, mark);
    } else {
      append_accented(out_, base, mark);
    }
    if (in_group) {
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;  // the group held just the letter
      } else {
        groups_.push_back(kDropClose);  // more inside: the rest is read as usual
      }
    }
  }

  // \url{…}: the argument as it is.
  void verbatim_argument() {
    if (i_ >= s_.size() || s_[i_] != '{') return;
    const size_t end = s_.find('}', i_ + 1);
    const size_t stop = end == std::string_view::npos ? s_.size() : end;
    out_.append(s_.data() + i_ + 1, stop - i_ - 1);
    i_ = end == std::string_view::npos ? s_.size() : end + 1;
  }

  // Skips one {balanced} argument (iteratively).
  void skip_argument() {
    if (i_ >= s_.size() || s_[i_] != '{') return;
    size_t depth = 0;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '\\') {
        ++i_;
        continue;
      }
      if (s_[i_] == '{') ++depth;
      if (s_[i_] == '}' && --depth == 0) {
        ++i_;
        return;
      }
    }
  }

  // \mathbb{R} → ℝ, and the other blackboard letters Unicode has.
  void blackboard() {
    if (s_.substr(i_, 1) == "{" && i_ + 2 < s_.size() && s_[i_ + 2] == '}') {
      const char* value = nullptr;
      switch (s_[i_ + 1]) {
        case 'R':
          value = "ℝ";
          break;
        case 'N':
          value = "ℕ";
          break;
        case 'Z':
          value = "ℤ";
          break;
        case 'Q':
          value = "ℚ";
          break;
        case 'C':
          value = "ℂ";
          break;
        case 'P':
          value = "ℙ";
          break;
        case 'H':
          value = "ℍ";
          break;
        default:
          break;
      }
      if (value) {
        out_ += value;
        i_ += 3;
        return;
      }
    }
    if (s_.substr(i_, 1) == "{") open_group(kDropClose);
  }

  std::string_view s_;
  const LatexOptions& opt_;
  size_t i_ = 0;
  bool in_math_ = false;
  std::vector<Close> groups_;
  std::string out_;
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public API
//-----------------------------------------------------------------------------

std::string latex_to_unicode(std::string_view text, const LatexOptions& options) {
  // Fast path: nothing these options would change (with math and braces kept and no
  // typography, only a backslash changes anything).
  bool plain = true;
  for (char c : text) {
    if (c == '\\' || (options.math == LatexMath::kConvert && c == '$') ||
        (options.drop_braces && (c == '{' || c == '}')) ||
        (options.typographic && (c == '~' || c == '-' || c == '`' || c == '\''))) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(text);
  return Converter(text, options).run();
}

LatexOptions latex_prose_options() {
  LatexOptions options;
  options.math = LatexMath::kKeep;
  options.drop_braces = false;
  options.typographic = false;
  return options;
}

}  // namespace ps
