// The bundle's entry: instantiate the embedded wasm synchronously, then let Rust install
// connect.TaskSession, connect.ReferenceType and connect.TaskJS (and the Agent methods).
// Everything else lives in Rust (src/) and its JavaScript half (src/boundary.js).
import { initSync, install } from '../pkg/taskjs.js';
import wasmText from '../pkg/taskjs_bg.wasm'; // the module as text (scripts/wasm-text.js)

// The value of one character of the wasm text: its place among the printable ASCII
// characters without `"`, `<` and `\`.
const digit = (c) => c - 32 - (c > 34) - (c > 60) - (c > 92);

// Digits below 90 are a byte; 90 and 91 start a two-digit byte.
function decode(text) {
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let d = digit(text.charCodeAt(i));
    if (d >= 90) d = 90 + (d - 90) * 92 + digit(text.charCodeAt(++i));
    bytes[n++] = d;
  }
  return bytes.subarray(0, n);
}

initSync({ module: decode(wasmText) });
const api = install();

export const TaskSession = api.TaskSession;
export const ReferenceType = api.ReferenceType;
export const version = api.version;
