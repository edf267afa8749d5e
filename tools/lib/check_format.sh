#!/bin/sh
# Fails (listing the files) when a C++ source differs from what clang-format makes of it
# with the repo's .clang-format. Fix with: clang-format-14 -i FILE...
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
format=$(command -v clang-format-14 || command -v clang-format)
cd "$root"
bad=0
for file in $(find src tests fuzz -name '*.cpp' -o -name '*.h' | sort); do
  if ! "$format" --dry-run -Werror "$file" >/dev/null 2>&1; then
    echo "not clang-formatted: $file"
    bad=1
  fi
done
exit $bad
