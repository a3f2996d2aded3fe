#!/usr/bin/env bash
# Prints the path of a Node.js 18 binary (the oldest Node the bundle supports), installing it from
# the npm registry into build/node18 the first time (npm's node-<platform>-<arch> packages hold
# the official binaries). npm test runs the Node and jsdom tests under it too.
set -euo pipefail
cd "$(dirname "$0")/.."
version=18.20.8
package="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
bin="build/node18/node_modules/$package/bin/node"
if [ ! -x "$bin" ] || [ "$("$bin" --version)" != "v$version" ]; then
  npm install --prefix build/node18 --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
fi
echo "$PWD/$bin"
