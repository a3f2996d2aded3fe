// What dist/ is built from, and the digest of it that dist/build-inputs.sha256 records: the
// contents of these files, by path (line endings as LF). A change to any of them without a
// rebuild leaves the digest behind: `node scripts/build.js --if-stale` rebuilds then, and
// tests/package/release.test.mjs fails while dist/ does not match the committed sources.
// (The toolchain's versions are not inputs: a fresh clone built elsewhere is not stale.)
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const INPUTS = ['src', 'js', 'Cargo.toml', 'Cargo.lock', 'webpack.config.js', 'scripts/build.js', 'scripts/wasm-text.js', 'scripts/inputs.js'];
const RECORD = path.join('dist', 'build-inputs.sha256');

function digest() {
  const hash = crypto.createHash('sha256');
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) visit(`${rel}/${name}`);
      return;
    }
    hash.update(`${rel}\0`);
    hash.update(fs.readFileSync(abs, 'utf8').replace(/\r\n/g, '\n'));
    hash.update('\0');
  };
  INPUTS.forEach(visit);
  return hash.digest('hex');
}

/** The digest dist/ records (null when there is none). */
function recorded(dist = path.join(root, 'dist')) {
  const file = path.join(dist, path.basename(RECORD));
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
}

module.exports = { INPUTS, RECORD, digest, recorded };
