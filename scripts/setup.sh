#!/usr/bin/env bash
# Installs what the build needs, skipping whatever is already there (fast when all is): the
# wasm32 target, wasm-pack, the wasm-bindgen CLI of the version Cargo.toml pins, and the npm
# packages. Rust itself (rustup + cargo) must already be installed.
#
# Each install prints one line; what the installer itself prints goes to a log under build/
# (gitignored). On failure: one line on stderr naming what failed and its log, and exit 1.
#
# The build uses stable Rust with no extra flags; nothing here sets RUSTFLAGS, and the tools
# are installed with the caller's build settings cleared, so none can reach them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
logs="$PWD/build"

for tool in cargo rustup; do
  command -v $tool >/dev/null || { echo "setup: $tool not found; install Rust with rustup first" >&2; exit 1; }
done
# Building needs Node.js 20.9 or later (webpack-cli 7); the bundle itself runs on Node 18 and later.
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 9) ? 0 : 1)' ||
  { echo "setup: building needs Node.js 20.9 or later (this is $(node --version))" >&2; exit 1; }

# A command without the caller's build flags.
clean_env() {
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u RUSTC_BOOTSTRAP -u CARGO_BUILD_TARGET "$@"
}

# The one line of a failed install, then exit.
failed() { # what, log
  echo "setup: could not install $1; log: $2 (fix what its last lines report, then run npm run setup again)" >&2
  exit 1
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log="$logs/setup-wasm32-target.log"
  mkdir -p "$logs"
  echo "setup: adding the Rust target wasm32-unknown-unknown with rustup (a minute or so)"
  clean_env rustup target add wasm32-unknown-unknown >"$log" 2>&1 || failed "the Rust target wasm32-unknown-unknown" "$log"
fi

# `cargo install` of a crate (and version), logged to build/setup-<crate>.log.
install_tool() { # crate [version]
  local crate=$1 log="$logs/setup-$1.log"
  local args=("$crate" ${2:+--version "$2"}) name="$crate${2:+ $2}"
  mkdir -p "$logs"
  echo "setup: installing $name with cargo install (takes a few minutes; log: $log)"
  clean_env cargo install --locked "${args[@]}" >"$log" 2>&1 && return
  # A crate the tool's lock file names can be gone from the registry (yanked): then cargo picks
  # the newest compatible versions instead.
  printf '\n== setup: retrying without --locked\n\n' >>"$log"
  clean_env cargo install "${args[@]}" >>"$log" 2>&1 || failed "$name" "$log"
}

command -v wasm-pack >/dev/null || install_tool wasm-pack
# wasm-pack runs the wasm-bindgen CLI whose version matches the crate's; install it here
# rather than let wasm-pack download or build it on its own.
bindgen=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$bindgen" ] || { echo "setup: Cargo.toml does not pin wasm-bindgen with =" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  install_tool wasm-bindgen-cli "$bindgen"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
