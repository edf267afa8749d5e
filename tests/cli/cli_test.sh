#!/bin/sh
# CLI tests: run the built paperscope on the fixtures and check exit codes and output.
#   cli_test.sh PAPERSCOPE DATA_DIR CASE
# Registered in ctest as cli.<case> (CMakeLists.txt). Prints what failed and exits 1.
set -u
PS="$1"
DATA="$2"
CASE="$3"
REAL="$DATA/real"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
FAILED=0

fail() { echo "FAIL: $*"; FAILED=1; }

# run EXPECTED_STATUS ARGS...: runs paperscope, keeps stdout/stderr in $TMP/out, $TMP/err.
run() {
  expected="$1"; shift
  "$PS" "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "paperscope $* exited $status, expected $expected"
    sed 's/^/  stdout: /' "$TMP/out" | head -20
    sed 's/^/  stderr: /' "$TMP/err" | head -20
  fi
  if [ "$status" -ge 128 ]; then fail "paperscope $* died of a signal ($status)"; fi
}

has() {  # has FILE TEXT: the file contains TEXT (fixed string)
  grep -qF -- "$2" "$TMP/$1" || { fail "expected $1 to contain: $2"; sed "s/^/  $1: /" "$TMP/$1" | head -20; }
}

first_line() {  # first_line FILE TEXT
  [ "$(head -n 1 "$TMP/$1")" = "$2" ] || fail "expected the first line of $1 to be \"$2\", got \"$(head -n 1 "$TMP/$1")\""
}

case "$CASE" in
  help)
    run 0 --help;               has out "commands:"; has out "feed FILE"
    for c in convert merge validate stats feed; do run 0 "$c" --help; has out "usage: paperscope $c"; done
    run 0 help feed;            has out "usage: paperscope feed"
    run 2;                      has err "usage: paperscope"
    run 2 frobnicate;           has err "unknown command \"frobnicate\""
    run 2 convert "$REAL/bibtex-47.bib";  has err "no output file"
    run 2 convert --bogus x;    has err "unknown option --bogus"
    run 2 feed "$REAL/bibtex-47.bib" -o "$TMP/f.xml" --limit zero; has err "--limit"
    run 2 merge "$REAL/bibtex-47.bib" -o "$TMP/m.json"; has err "two inputs"
    ;;
  validate_real)
    for pair in hf-daily-papers-2026-07-01.json:23 hf-daily-papers-2024-05-27.json:13 \
                hf-papers-search-shape-from-daily-2026-07-01.json:7 \
                arxiv-oai-snapshot-head200.jsonl:200 arxiv-api-atom-2-entries.xml:2 \
                arxiv-api-atom-2025-dialect.xml:2 semantic-scholar-author-with-60-papers.json:60 \
                csl-json-47.json:46 bibtex-47.bib:46; do
      file="${pair%%:*}"; count="${pair##*:}"
      run 0 validate "$REAL/$file"
      has out "$REAL/$file: valid: $count papers"
    done
    run 0 validate "$REAL/csl-json-47.json";  has out "1 duplicates folded"
    run 0 validate - <"$REAL/bibtex-47.bib";  has out "-: valid: 46 papers (BibTeX"
    ;;
  validate_bad)
    run 1 validate "$REAL/semantic-scholar-paper-null-values.json"
    has err "semantic-scholar-paper-null-values.json: error: none of its 1 records has a title"
    has out "invalid: 1 error (Semantic Scholar Graph API JSON)"
    run 1 validate "$DATA/bad/truncated.json";  has err "truncated.json: error: line "
    run 1 validate "$DATA/bad/wrong-type.json"; has err "wrong-type.json: error: \$.papers[0].title: expected a string"
    run 1 validate "$DATA/bad/arxiv-api-error.xml"
    has err "arxiv-api-error.xml: error: line 6, column 3 (entry 1): the arXiv API answered with an error"
    printf '@article{a, title = {Fine}}\n@article{b,\n  title {Oops}\n}\n' >"$TMP/bad.bib"
    run 1 validate "$TMP/bad.bib";  has err "bad.bib: error: line 3, column 9: expected '=' after the field name \"title\""
    printf '<!DOCTYPE html><html><body>Not found</body></html>' >"$TMP/page.html"
    run 1 validate "$TMP/page.html"; has err "page.html: error: unknown format: this is an HTML page"
    has err "Paperscope reads: Paperscope bundle v1; Hugging Face papers API JSON"
    : >"$TMP/empty.json"
    run 1 validate "$TMP/empty.json"; has err "the file is empty"
    run 1 validate "$TMP/no-such-file.json"; has err "no-such-file.json: error: cannot read the file"
    # Every file is checked; one bad file makes the whole run invalid.
    run 1 validate "$REAL/bibtex-47.bib" "$TMP/bad.bib"
    has out "bibtex-47.bib: valid: 46 papers"; has out "bad.bib: invalid: 1 error"
    ;;
  convert)
    run 0 convert "$REAL/hf-daily-papers-2026-07-01.json" "$REAL/hf-daily-papers-2024-05-27.json" \
      "$REAL/arxiv-oai-snapshot-head200.jsonl" "$REAL/arxiv-api-atom-2-entries.xml" \
      "$REAL/arxiv-api-atom-2025-dialect.xml" "$REAL/semantic-scholar-author-with-60-papers.json" \
      "$REAL/csl-json-47.json" "$REAL/bibtex-47.bib" -o "$TMP/all.json" --title "Everything" --created 2025-11-01
    has err "wrote 345 papers to $TMP/all.json (49 duplicates folded)"
    has err "read $REAL/bibtex-47.bib: 47 papers (BibTeX)"
    run 0 validate "$TMP/all.json";  has out "valid: 345 papers (Paperscope bundle v1)"
    has all.json '"title": "Everything"'; has all.json '"created": "2025-11-01"'
    has all.json '"sources":["'
    # A bad input: nothing is written.
    printf '@article{b, title = {x}' >"$TMP/bad.bib"
    run 1 convert "$REAL/bibtex-47.bib" "$TMP/bad.bib" -o "$TMP/never.json"
    has err "bad.bib: error: line 1, column 1: @article{b never closes"
    [ -e "$TMP/never.json" ] && fail "convert wrote a file despite errors"
    run 2 convert "$REAL/bibtex-47.bib" -o "$TMP/x.json" --created 2025-13-01; has err "month 13"
    ;;
  merge)
    run 0 merge "$REAL/csl-json-47.json" "$REAL/bibtex-47.bib" -o "$TMP/m.json"
    has err "wrote 46 papers to $TMP/m.json (48 duplicates folded)"
    has m.json '"sources":["'"$REAL"'/csl-json-47.json","'"$REAL"'/bibtex-47.bib"]'
    # A merged bundle merges again with the papers it already has: nothing new.
    run 0 merge "$TMP/m.json" "$REAL/bibtex-47.bib" -o "$TMP/m2.json"
    has err "wrote 46 papers to $TMP/m2.json"
    ;;
  stats)
    run 0 stats "$REAL/arxiv-oai-snapshot-head200.jsonl"
    first_line out "200 papers"
    has out "dates: 2007-03-31 to 2007-04-02"; has out "top tags:"; has out "(category)"; has out "with code: "
    run 0 stats "$REAL/hf-daily-papers-2026-07-01.json" "$REAL/hf-daily-papers-2024-05-27.json"
    first_line out "36 papers"
    has out "with code: 17 of 36 (47%)"; has out "sources:"
    run 0 stats "$REAL/hf-papers-search-shape-from-daily-2026-07-01.json"
    first_line out "7 papers"
    has out "dates: 2026-06-22 to 2026-06-30"; has out "with code: 4 of 7 (57%)"
    has out "reinforcement learning (keyword)"
    # The search results are papers of that day's daily list: all seven fold into it.
    run 0 convert "$REAL/hf-daily-papers-2026-07-01.json" \
      "$REAL/hf-papers-search-shape-from-daily-2026-07-01.json" -o "$TMP/hf-both.json"
    has err "wrote 23 papers to $TMP/hf-both.json (7 duplicates folded)"
    run 1 stats "$REAL/semantic-scholar-paper-null-values.json"
    ;;
  feed)
    run 0 feed "$REAL/arxiv-oai-snapshot-head200.jsonl" --query "graph" --limit 5 -o "$TMP/feed.xml"
    has err "wrote 5 entries to $TMP/feed.xml"
    has feed.xml '<feed xmlns="http://www.w3.org/2005/Atom">'
    has feed.xml '<title>arXiv metadata — "graph"</title>'
    [ "$(grep -c '<entry>' "$TMP/feed.xml")" -eq 5 ] || fail "expected 5 entries"
    # The feed is Atom that Paperscope itself reads back.
    run 0 validate "$TMP/feed.xml"; has out "valid: 5 papers (arXiv API Atom XML)"
    # Escaping: a title with markup stays text.
    printf '@misc{x, title = {Tags <b>bold</b> \\& "quotes"}, year = 2024, url = {https://example.org/?a=1&b=2}}\n' >"$TMP/esc.bib"
    run 0 feed "$TMP/esc.bib" -o "$TMP/esc.xml"
    has esc.xml '<title>Tags &lt;b&gt;bold&lt;/b&gt; &amp; "quotes"</title>'
    has esc.xml 'href="https://example.org/?a=1&amp;b=2"'
    run 0 feed "$REAL/bibtex-47.bib" --query "zzzz-no-match" -o "$TMP/empty.xml"
    has err "wrote 0 entries"
    ;;
  catalogue)
    # The catalogue of bad input (docs/reliability.md, tests/unit/test_bad_input.cpp): each
    # file of tests/data/bad/ is invalid, with a message naming what and where on stderr and
    # exit status 1 (never a signal: run() checks); odd but valid files load.
    BAD="$DATA/bad"
    bad() {  # bad FILE MESSAGE
      run 1 validate "$BAD/$1"; has err "$1: error: $2"; has out "$1: invalid: "
    }
    bad truncated.json 'line 9, column 133 (in $.papers[0]): unterminated string'
    bad trailing-garbage.json 'line 4, column 1: unexpected data after the end of the bundle'
    bad wrong-type.json '$.papers[0].title: expected a string, found a whole number'
    bad missing-title.json '$.papers[1].title: required field is missing'
    bad null-everywhere.json '$.papers[0].title: required field is missing'
    bad nan.json 'line 2, column 39 (in $.papers[0]): syntax error while parsing value - invalid literal'
    bad overlong-utf8.json 'line 2, column 22 (in $.papers[0]): syntax error while parsing value - invalid string: ill-formed UTF-8 byte'
    bad lone-surrogate.json 'line 2, column 28 (in $.papers[0]): syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF'
    bad nul-byte.json 'line 2, column 28 (in $.papers[0]): a NUL byte (0x00) is not allowed in JSON'
    bad empty.json 'unknown format: the file is empty. Paperscope reads: '
    bad bare-number.json 'unknown format: JSON that holds only a number, not papers.'
    bad duplicate-ids.json '$.papers[2].id: duplicate id "a" (first at $.papers[0])'
    bad out-of-range.json '$.papers[0].upvotes: number 1e+20 is out of range (0 to 2147483647)'
    bad impossible-date.json '$.papers[0].date: "2023-13-45": month 13 is out of range'
    bad javascript-link.json '$.papers[0].links[0].url: only http and https links are allowed (found "javascript:alert(document.cookie)")'
    bad data-link.json '$.papers[0].links[0].url: only http and https links are allowed (found "data:text/html,<script>alert(1)</script>")'
    bad file-link.json '$.papers[0].links[0].url: only http and https links are allowed (found "file:///etc/passwd")'
    bad html-page.json 'unknown format: this is an HTML page, not a collection of papers.'
    bad unknown-shape.json 'unknown format: JSON of an unknown shape (an object with the keys "status", "results").'
    bad broken.bib "line 2, column 21: this value never closes (a '{' without its '}')"
    bad arxiv-api-error.xml 'line 6, column 3 (entry 1): the arXiv API answered with an error'
    # No papers: a well-formed bundle (exporting nothing writes one), but nothing to open.
    run 0 validate "$BAD/zero-papers.json"; has out "zero-papers.json: valid: 0 papers (Paperscope bundle v1)"
    run 1 stats "$BAD/zero-papers.json"; has err "zero-papers.json: error: the collection holds no papers"
    run 0 validate "$BAD/right-to-left-emoji.json"; has out "right-to-left-emoji.json: valid: 1 papers"
    # Generated here: too big to keep in the repository.
    head='{"format":"paperscope-bundle","version":1,"papers":[{"title":"Big"'
    awk -v head="$head" 'BEGIN { s = "lorem "; for (i = 0; i < 21; i++) s = s s;
      printf "%s,\"abstract\":\"%s\"}]}\n", head, s }' >"$TMP/10mb-abstract.json"
    run 0 validate "$TMP/10mb-abstract.json"; has out "10mb-abstract.json: valid: 1 papers"
    awk -v head="$head" 'BEGIN { printf "%s,\"x\":", head; for (i = 0; i < 100000; i++) printf "[";
      for (i = 0; i < 100000; i++) printf "]"; print "}]}" }' >"$TMP/deep.json"
    run 1 validate "$TMP/deep.json"
    has err 'deep.json: error: line 1, column 271 (in $.papers[0]): nesting deeper than 200 levels'
    awk -v head="$head" 'BEGIN { printf "%s,\"authors\":[", head;
      for (i = 0; i < 1000000; i++) printf "%s\"Author %d\"", (i ? "," : ""), i; print "]}]}" }' \
      >"$TMP/million-authors.json"
    run 0 validate "$TMP/million-authors.json"
    has out "million-authors.json: valid: 1 papers (Paperscope bundle v1, 1 warning)"
    has err 'million-authors.json: warning: $.papers[0].authors: kept the first 10000 of 1000000 author names'
    ;;
  *)
    echo "unknown case $CASE"; exit 2 ;;
esac
[ "$FAILED" -eq 0 ] && echo "ok: $CASE"
exit "$FAILED"
