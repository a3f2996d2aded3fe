// The wasm module as text for a JavaScript string literal, one or two characters per byte.
//
// The digits are the 92 printable ASCII characters other than `"`, `<` and `\` (nothing to
// escape, even inline in HTML). A byte below 90 is one digit; a larger one is an escape digit
// (90 or 91) and one more digit. Wasm code is mostly small bytes (opcodes, local indices), so
// this is about 1.2 characters per byte, and, unlike hex (two characters for every byte) or
// base64 (which splits bytes across characters), gzip sees the module's repetitions almost as
// well as in the binary: about 7% smaller gzipped than hex. js/wasm-text-decoder.wat decodes it.
const DIGITS = [];
for (let c = 32; c < 127; c++) if (c !== 34 && c !== 60 && c !== 92) DIGITS.push(String.fromCharCode(c));
const SINGLE = DIGITS.length - 2;

function encode(bytes) {
  let out = '';
  for (const b of bytes) {
    if (b < SINGLE) {
      out += DIGITS[b];
    } else {
      const k = b - SINGLE;
      out += DIGITS[SINGLE + Math.floor(k / DIGITS.length)] + DIGITS[k % DIGITS.length];
    }
  }
  return out;
}

module.exports = { encode, DIGITS };
