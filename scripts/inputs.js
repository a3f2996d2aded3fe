// What dist/ is built from, and the digest of it that a release build records in dist/ (committed)
// and in pkg/ (its intermediate outputs, not committed): the contents of these files, by path
// (line endings as LF). A change to any of them without a rebuild leaves the digest behind:
// `node scripts/build.js --if-stale` rebuilds then, and tests/package/release.test.mjs fails
// while dist/ does not match the committed sources. The lock files pin the tools (wasm-bindgen,
// binaryen, webpack); the Rust release is the machine's, so the record names it on a second
// line. A fresh clone has no pkg/: `npm test` rebuilds there, and the release test compares the
// rebuilt dist/ with the committed one when the Rust release is the one that built it.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const INPUTS = ['src', 'js', 'Cargo.toml', 'Cargo.lock', 'package-lock.json', 'webpack.config.js', 'scripts/build.js', 'scripts/wasm-text.js', 'scripts/inputs.js'];
const RECORD = 'build-inputs.sha256';

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

/** This machine's Rust release, as `rustc --version` names it. */
const rustc = () => require('child_process').execFileSync('rustc', ['--version'], { cwd: root, encoding: 'utf8' }).trim();

/** What a release build records: the digest, then the Rust release it was built with. */
const record = () => `${digest()}\n${rustc()}\n`;

/** A record's parts (both null when there is no record). */
function parse(text) {
  const [digest = null, rust = null] = text ? text.trim().split('\n') : [];
  return { digest, rustc: rust };
}

/** The digest a build output folder records, dist/ unless named (null when there is none). */
function recorded(dir = path.join(root, 'dist')) {
  const file = path.join(dir, RECORD);
  return parse(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null).digest;
}

module.exports = { INPUTS, RECORD, digest, parse, recorded, record, rustc };
