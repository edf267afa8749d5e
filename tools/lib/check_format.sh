#!/bin/sh
# Fails (listing the files) when a C++ source differs from what clang-format makes of it
# with the repo's .clang-format. Fix with: clang-format-14 -i FILE...
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
format=$(command -v clang-format-14 || command -v clang-format)
cd "$root"
files=$(find src tests fuzz -name '*.cpp' -o -name '*.h' | sort)
# One run over every file (fast); on failure, name the files.
if "$format" --dry-run -Werror $files >/dev/null 2>&1; then exit 0; fi
for file in $files; do
  "$format" --dry-run -Werror "$file" >/dev/null 2>&1 || echo "not clang-formatted: $file"
done
exit 1
