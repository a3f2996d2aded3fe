#!/usr/bin/env bash
# Installs what the build needs, skipping whatever is already there (fast when all is): the
# wasm32 target, wasm-pack, the wasm-bindgen CLI of the version Cargo.toml pins, and the npm
# packages. Rust itself (rustup + cargo) must already be installed.
#
# The build uses stable Rust with no extra flags; nothing here sets RUSTFLAGS, and the tools
# are installed with the caller's build settings cleared, so none can reach them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }
# Building needs Node.js 20.9 or later (webpack-cli 7); the bundle itself runs on Node 18 and later.
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 9) ? 0 : 1)' ||
  { echo "setup: building needs Node.js 20.9 or later (this is $(node --version))" >&2; exit 1; }
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# `cargo install` for a tool, without the caller's build flags.
install_tool() {
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u RUSTC_BOOTSTRAP -u CARGO_BUILD_TARGET \
    cargo install --locked "$@" || {
    # A crate the tool's lock file names can be missing from the registry (yanked): then
    # let cargo pick the newest compatible versions instead.
    echo "setup: cargo install --locked $* failed; retrying without --locked" >&2
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u RUSTC_BOOTSTRAP -u CARGO_BUILD_TARGET cargo install "$@"
  }
}

command -v wasm-pack >/dev/null || install_tool wasm-pack
# wasm-pack runs the wasm-bindgen CLI whose version matches the crate's; install it here
# rather than let wasm-pack download or build it on its own.
bindgen=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$bindgen" ] || { echo "setup: Cargo.toml does not pin wasm-bindgen with =" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  install_tool wasm-bindgen-cli --version "$bindgen"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
