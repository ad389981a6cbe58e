# Sourced by scripts/run and scripts/test: installs whatever this machine is missing, from the
# package registries only (crates.io, npm, Debian), and puts the tools on PATH.
# cargo-leptos would otherwise try to download wasm-bindgen and wasm-opt itself, which fails here.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10" # the newest that builds on Rust 1.95
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "installing $* from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once per machine)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly: a mismatch only shows in the
# browser. Installed without --locked: its own lockfile pins a crate the registry no longer serves.
ensure_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock")"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# npm packages: wasm-opt (binaryen; Debian's is too old to hydrate) and Playwright.
ensure_node_packages() {
  command -v npm >/dev/null || apt_install nodejs npm
  local stamp="$ROOT/end2end/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/end2end/package-lock.json" -nt "$stamp" ]; then
    say "installing the npm packages in end2end/"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_node_packages
}

# Sets BIN and SITE_ROOT to the release server and its site: QH_BIN and QH_SITE_ROOT name
# another build; otherwise this tree's, built (split) when missing.
ensure_release_build() {
  BIN="${QH_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/quarterhour}"
  SITE_ROOT="${QH_SITE_ROOT:-$ROOT/target/site}"
  if [ ! -x "$BIN" ] || [ ! -f "$SITE_ROOT/pkg/quarterhour.wasm" ]; then
    if [ -n "${QH_BIN:-}" ]; then echo "no server at $BIN (or no site at $SITE_ROOT)"; exit 1; fi
    ensure_build_tools
    cargo leptos build --release --split
  fi
}

# Waits until the server at URL (process PID, log LOG) answers /healthz, and then until it has
# compressed the client's files, which it does in the background after it starts, largest first
# (server/src/assets.rs): a measurement starts once the smallest is done, not while a core is
# still busy. Exits with the log when the server does not come up.
wait_for_measurable_server() {
  local url="$1" pid="$2" log="$3" smallest
  for _ in $(seq 300); do
    curl -fs --max-time 2 -o /dev/null "$url/healthz" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  curl -fs --max-time 2 -o /dev/null "$url/healthz" || {
    echo "the server did not start"; cat "$log"; exit 1
  }
  smallest="$(cd "$SITE_ROOT/pkg" && ls -S -- *.wasm *.js *.css | tail -1)"
  for _ in $(seq 300); do
    curl -fsI -H 'Accept-Encoding: br' "$url/pkg/$smallest" | grep -qi '^etag:' && break
    sleep 0.1
  done
}
