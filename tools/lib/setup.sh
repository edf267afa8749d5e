# Shared set-up for tools/serve and tools/test (sourced, not run).
#
# Installs what is missing, idempotently, from the only two registries this project may
# use: Debian's packages and npm. When everything is present it costs a few dpkg queries.
#
# Provides: ps_setup [--browser] ; ps_build [native|native-sanitize|wasm|fuzz|all] ; ps_root ;
# PS_TOP

set -euo pipefail
PS_TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PS_CACHE="$PS_TOP/.cache"
PS_DEPS="$PS_CACHE/deps"

# Third-party sources taken from Debian's source packages (never committed).
# name=version as apt-get source wants it; the suite that carries that version.
PS_SOURCE_PACKAGES=(
  "imgui=1.90.1+ds-1:trixie"
  "utf8proc=2.8.0-1:bookworm"
  "pugixml=1.13-0.2:bookworm"
)

ps_say() { printf '\033[1m[paperscope]\033[0m %s\n' "$*" >&2; }

ps_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else ps_say "need root for: $*  (no sudo found)"; return 1
  fi
}

# Debian packages the build and tests need. Each line: package [command-that-proves-it].
ps_debian_packages() {
  cat <<'EOF'
g++
make
cmake
ninja-build
clang-14
clang-format-14
libclang-rt-14-dev
emscripten
nlohmann-json3-dev
doctest-dev
fonts-inter
fonts-noto-core
python3-fonttools
dpkg-dev
xz-utils
ca-certificates
EOF
  command -v node >/dev/null 2>&1 || echo nodejs
  command -v npm >/dev/null 2>&1 || echo npm
}

ps_browser_packages() { echo chromium; }

ps_apt_updated=0
ps_apt_update() {
  if [ "$ps_apt_updated" -eq 0 ]; then
    ps_say "apt-get update"
    ps_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    ps_apt_updated=1
  fi
}

ps_install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ps_say "installing Debian packages: ${missing[*]}"
  ps_apt_update
  ps_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# A deb-src entry for the suites we take sources from. Source entries only: binary
# packages keep coming from the machine's own suite.
ps_ensure_deb_src() {
  local list=/etc/apt/sources.list.d/paperscope-src.sources
  if [ ! -f "$list" ]; then
    ps_say "adding deb-src entry $list"
    ps_root tee "$list" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    ps_apt_updated=0
  fi
  ps_apt_update
}

# Unpacks NAME's orig tarball into $PS_DEPS/NAME (stamp file records the version).
ps_fetch_sources() {
  local entry spec name version stamp work tarball
  mkdir -p "$PS_DEPS"
  for entry in "${PS_SOURCE_PACKAGES[@]}"; do
    spec="${entry%:*}"; name="${spec%%=*}"; version="${spec#*=}"
    stamp="$PS_DEPS/$name/.paperscope-version"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ] && continue
    ps_ensure_deb_src
    ps_say "fetching $name $version from Debian's source packages"
    work="$(mktemp -d)"
    # apt verifies every file against the signed Sources index.
    (cd "$work" && apt-get source --download-only -q "$spec" >/dev/null 2>&1) || {
      ps_say "apt-get source $spec failed"; rm -rf "$work"; return 1; }
    tarball="$(ls "$work"/*.orig.tar.* | head -n 1)"
    rm -rf "$PS_DEPS/$name" && mkdir -p "$PS_DEPS/$name"
    tar -xf "$tarball" -C "$PS_DEPS/$name" --strip-components=1
    echo "$version" >"$stamp"
    rm -rf "$work"
  done
}

ps_npm_install() {
  local dir="$1"
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    ps_say "npm ci in ${dir#$PS_TOP/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

ps_setup() {
  local want_browser=0
  [ "${1:-}" = "--browser" ] && want_browser=1
  local pkgs
  mapfile -t pkgs < <(ps_debian_packages; [ $want_browser -eq 1 ] && ps_browser_packages)
  ps_install_missing "${pkgs[@]}"
  ps_fetch_sources
  # shellcheck source=../../emsdk.env
  . "$PS_TOP/emsdk.env"
  [ $want_browser -eq 1 ] && ps_npm_install "$PS_TOP/tests/browser"
  return 0
}

# Configure (once) and build one of the presets. "all" is native and wasm.
ps_build() {
  local what="${1:-all}"
  cd "$PS_TOP"
  case "$what" in
    all) ps_build native && ps_build wasm; return ;;
    native) ps_say "building native (core, CLI, unit tests)" ;;
    native-sanitize) ps_say "building native with AddressSanitizer + UBSan (clang-14)" ;;
    wasm) ps_say "building wasm (site in build/site)" ;;
    fuzz) ps_say "building the fuzz targets (clang-14, libFuzzer + ASan + UBSan)" ;;
    *) ps_say "ps_build: unknown preset $what"; return 1 ;;
  esac
  # A failed configure or build is a failure (callers run with set +e).
  [ -f "build/$what/CMakeCache.txt" ] || cmake --preset "$what" >/dev/null || return 1
  cmake --build --preset "$what" || return 1
}
