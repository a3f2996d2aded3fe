#!/usr/bin/env bash
# Installs what the build needs, skipping whatever is already there (fast when all is):
# the wasm32 target, the standard library's source, wasm-pack (which fetches the matching wasm-bindgen itself) and the npm
# packages. Rust itself (rustup + cargo) must already be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
# The release build recompiles core and alloc to abort on panic without their messages (build.js).
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
command -v wasm-pack >/dev/null || cargo install wasm-pack --locked
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
