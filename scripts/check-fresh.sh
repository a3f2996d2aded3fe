#!/usr/bin/env bash
# Reproduces a fresh machine and runs the README's two commands there (not part of npm test):
# a fresh clone of this repository's HEAD, a temporary CARGO_HOME holding only rustup's proxies
# (no wasm-pack, no wasm-bindgen, no crates), an empty WASM_PACK_CACHE and a fresh npm cache.
# The Rust toolchains (RUSTUP_HOME) are the machine's: a fresh machine has rustup and Node.
# Usage: bash scripts/check-fresh.sh [--keep]   (--keep leaves the temporary directory)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rustup_bin=$(command -v rustup) || { echo "check-fresh: rustup not found" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/taskjs-fresh.XXXXXX")
[ "${1:-}" = "--keep" ] || trap 'rm -rf "$work"' EXIT

export CARGO_HOME="$work/cargo"
mkdir -p "$CARGO_HOME/bin"
for proxy in cargo rustc rustdoc rustup; do ln -s "$rustup_bin" "$CARGO_HOME/bin/$proxy"; done
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export WASM_PACK_CACHE="$work/wasm-pack-cache"
export npm_config_cache="$work/npm-cache"
# Nothing from this machine's own tool installs on the PATH.
export PATH="$CARGO_HOME/bin:$(dirname "$(command -v node)"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS RUSTC_BOOTSTRAP CARGO_TARGET_DIR

git clone --quiet "$repo" "$work/repo"
cd "$work/repo"
echo "check-fresh: $(git log -1 --format='%h %s') in $work/repo"
started=$(date +%s)
npm run release
built=$(date +%s)
npm test
done=$(date +%s)
echo "check-fresh: npm run release $((built - started)) s, npm test $((done - built)) s, total $((done - started)) s"
