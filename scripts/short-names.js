// Gives the wasm module's imports and exports one- or two-letter names, in the module and in
// wasm-bindgen's JavaScript glue alike.
//
// wasm-bindgen names them after Rust symbols plus a hash (`__wbg_call_a410eb4b59ed5965`,
// `wasm_bindgen__convert__closures_____invoke__h…`): about 5 KB of the module, spelled once in
// the wasm and again in the glue, and hashes do not compress. The names are only a contract
// between the two files, so both are rewritten together and then checked against each other.
//
// Usage (from scripts/build.js): shortNames('pkg/taskjs_bg.wasm', 'pkg/taskjs.js')
const fs = require('fs');

const SECTION_IMPORT = 2;
const SECTION_EXPORT = 7;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at.pos++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value >>> 0;
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function readName(bytes, at) {
  const len = readU32(bytes, at);
  const name = Buffer.from(bytes.subarray(at.pos, at.pos + len)).toString('utf8');
  at.pos += len;
  return name;
}

function name(text) {
  const utf8 = [...Buffer.from(text, 'utf8')];
  return [...u32(utf8.length), ...utf8];
}

// Skips an import's description (what is imported and its type); returns its bytes.
function readImportDesc(bytes, at) {
  const start = at.pos;
  const kind = bytes[at.pos++];
  const limits = () => {
    const flags = bytes[at.pos++];
    readU32(bytes, at);
    if (flags & 1) readU32(bytes, at);
  };
  if (kind === 0) readU32(bytes, at); // function: type index
  else if (kind === 1) { at.pos++; limits(); } // table: element type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) at.pos += 2; // global: value type, mutability
  else if (kind === 4) { at.pos++; readU32(bytes, at); } // tag
  else throw new Error(`short-names: unknown import kind ${kind}`);
  return [...bytes.subarray(start, at.pos)];
}

// "a", "b", … "Z", "aa", "ab", …: valid identifiers, unique.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function shortName(n) {
  let s = '';
  do {
    s = LETTERS[n % LETTERS.length] + s;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return s;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function shortNames(wasmPath, gluePath) {
  const bytes = fs.readFileSync(wasmPath);
  let glue = fs.readFileSync(gluePath, 'utf8');
  const out = [...bytes.subarray(0, 8)];
  const modules = new Map(); // old module name -> new
  const renamed = new Map(); // old import or export name -> new (in the glue's main module)
  let exportNames = [];
  const at = { pos: 8 };
  while (at.pos < bytes.length) {
    const id = bytes[at.pos++];
    const size = readU32(bytes, at);
    const end = at.pos + size;
    if (id === SECTION_IMPORT) {
      const count = readU32(bytes, at);
      const body = [...u32(count)];
      let fields = 0;
      for (let i = 0; i < count; i++) {
        const module = readName(bytes, at);
        const field = readName(bytes, at);
        const desc = readImportDesc(bytes, at);
        if (!modules.has(module)) modules.set(module, shortName(modules.size));
        // Only the glue's own import object can be renamed: a snippet module is passed as
        // its namespace, whose keys are the snippet's export names.
        let newField = field;
        if (module.endsWith('_bg.js')) {
          if (!renamed.has(field)) renamed.set(field, shortName(fields++));
          newField = renamed.get(field);
        }
        body.push(...name(modules.get(module)), ...name(newField), ...desc);
      }
      out.push(id, ...u32(body.length), ...body);
    } else if (id === SECTION_EXPORT) {
      const count = readU32(bytes, at);
      const body = [...u32(count)];
      for (let i = 0; i < count; i++) {
        const old = readName(bytes, at);
        const kind = bytes[at.pos++];
        const index = readU32(bytes, at);
        const short = shortName(i);
        exportNames.push([old, short]);
        body.push(...name(short), kind, ...u32(index));
      }
      out.push(id, ...u32(body.length), ...body);
    } else {
      out.push(id, ...u32(size), ...bytes.subarray(at.pos, end));
    }
    at.pos = end;
  }

  // The glue: import object keys and module names, and `wasm.<export>` reads.
  for (const [old, short] of renamed) {
    const key = new RegExp(`(^|[\\s,{])${escapeRegExp(old)}(?=\\s*:)`, 'gm');
    if (!key.test(glue)) throw new Error(`short-names: import ${old} not found in the glue`);
    glue = glue.replace(key, `$1${short}`);
  }
  for (const [old, short] of modules) {
    const key = new RegExp(`(["'])${escapeRegExp(old)}\\1(?=\\s*:)`, 'g');
    if (!key.test(glue)) throw new Error(`short-names: module ${old} not found in the glue`);
    glue = glue.replace(key, `"${short}"`);
  }
  const exported = new Map(exportNames);
  glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, old) => {
    if (!exported.has(old)) throw new Error(`short-names: the glue reads wasm.${old}, which is not exported`);
    return `wasm.${exported.get(old)}`;
  });

  fs.writeFileSync(wasmPath, Buffer.from(out));
  fs.writeFileSync(gluePath, glue);
  return { imports: renamed.size, modules: modules.size, exports: exportNames.length };
}

module.exports = { shortNames, shortName };
