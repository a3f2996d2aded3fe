// TextEncoder and TextDecoder for the bundle's modules (the wasm-bindgen glue and the loader).
// Browsers and Node have them; jsdom, the test environment of many consumers' Jest suites, does
// not (jsdom/jsdom#2524), and there the bundle would fail to load where the JavaScript TaskJS
// loads. webpack gives the bundle's modules these bindings instead of the globals
// (ProvidePlugin in webpack.config.js), so nothing is added to the page's own globals.
// The fallback is UTF-8 only, which is all the glue asks for.

class Utf8Encoder {
  encode(text) {
    const out = [];
    for (const char of String(text)) {
      let c = char.codePointAt(0);
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return Uint8Array.from(out);
  }

  encodeInto(text, view) {
    const bytes = this.encode(text);
    view.set(bytes.subarray(0, view.length));
    return { read: String(text).length, written: Math.min(bytes.length, view.length) };
  }
}

class Utf8Decoder {
  decode(bytes) {
    if (!bytes) return '';
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i];
      const n = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
      let c = n === 0 ? b : n > 0 ? b & (0x3f >> n) : 0xfffd;
      for (let k = 1; k <= n; k++) c = (c << 6) | (bytes[i + k] & 63);
      i += n < 0 ? 1 : n + 1;
      out += String.fromCodePoint(c > 0x10ffff ? 0xfffd : c);
    }
    return out;
  }
}

const TextEncoderOrFallback = globalThis.TextEncoder || Utf8Encoder;
const TextDecoderOrFallback = globalThis.TextDecoder || Utf8Decoder;
export { TextEncoderOrFallback as TextEncoder, TextDecoderOrFallback as TextDecoder };
