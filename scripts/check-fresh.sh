#!/usr/bin/env bash
# Reproduces a fresh machine and runs the README's two commands there (not part of npm test):
# `npm start` (until the demo answers: the page and the bundle are fetched from it, then it is
# stopped) and `npm test`, in
# a fresh clone of this repository's HEAD, with a temporary CARGO_HOME holding only rustup's proxies
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
# npm start in its own process group (stopped as a whole), on a free port.
PORT=0 setsid npm start > "$work/start.log" 2>&1 &
server=$!
url=""
while [ -z "$url" ]; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/start.log"; echo "check-fresh: npm start exited" >&2; exit 1; fi
  sleep 2
  url=$(sed -n 's/^taskjs-rs demo: *//p' "$work/start.log")
done
served=$(date +%s)
fetch() { node -e 'fetch(process.argv[1]).then((r) => { if (!r.ok) process.exit(1); return r.text(); }).then((t) => process.stdout.write(t))' "$1"; }
page=$(fetch "$url")
bundle=$(fetch "${url%www/}dist/amazon-connect-task.js" | wc -c)
kill -- "-$server"
wait "$server" 2>/dev/null || true
echo "$page" | grep -q "connect-streams" || { echo "check-fresh: the demo page does not load Streams" >&2; exit 1; }
[ "$bundle" -gt 100000 ] || { echo "check-fresh: the bundle served is $bundle bytes" >&2; exit 1; }
echo "check-fresh: npm start served $url (the page, and the bundle: $bundle bytes) after $((served - started)) s"
npm test
done=$(date +%s)
echo "check-fresh: npm start $((served - started)) s, npm test $((done - served)) s, total $((done - started)) s"
