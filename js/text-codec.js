// TextEncoder and TextDecoder for the bundle's modules (the wasm-bindgen glue and the loader).
// Browsers and Node have them; jsdom, the test environment of many consumers' Jest suites, does
// not (jsdom/jsdom#2524), and there the bundle would fail to load where the JavaScript TaskJS
// loads. webpack gives the bundle's modules these bindings instead of the globals
// (ProvidePlugin in webpack.config.js), so nothing is added to the page's own globals.
// The fallback is UTF-8 only, which is all the glue asks for, through the language's own URI
// functions: a lone surrogate becomes U+FFFD first (as TextEncoder does), and what is decoded is
// always the module's own valid UTF-8.

const wellFormed = (text) => String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const bytesOf = (text) => Uint8Array.from(unescape(encodeURIComponent(wellFormed(text))), (c) => c.charCodeAt(0));

class Utf8Encoder {
  encode(text) { return bytesOf(text); }
  encodeInto(text, view) {
    const bytes = bytesOf(text);
    view.set(bytes.subarray(0, view.length));
    return { read: String(text).length, written: Math.min(bytes.length, view.length) };
  }
}

class Utf8Decoder {
  decode(bytes) { return bytes ? decodeURIComponent(escape(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))) : ''; }
}

const TextEncoderOrFallback = globalThis.TextEncoder || Utf8Encoder;
const TextDecoderOrFallback = globalThis.TextDecoder || Utf8Decoder;
export { TextEncoderOrFallback as TextEncoder, TextDecoderOrFallback as TextDecoder };
