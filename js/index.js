// The bundle's entry: instantiate the embedded wasm synchronously, then let Rust install
// connect.TaskSession, connect.ReferenceType and connect.TaskJS (and the Agent methods).
// Everything else lives in Rust (src/); this file only loads it.
import { initSync, install } from '../pkg/taskjs.js';
import wasmHex from '../pkg/taskjs_bg.wasm'; // the module as a hex string (webpack.config.js)

// '0'-'9' -> 0-9, 'a'-'f' -> 10-15, from the character code alone.
const nibble = (c) => (c & 15) + 9 * (c >> 6);

function decodeHex(hex) {
  // Native where the browser has it (Chromium 140+, Firefox 133+, Safari 18.2+): the loop below
  // runs cold at start-up and takes milliseconds.
  if (typeof Uint8Array.fromHex === 'function') return Uint8Array.fromHex(hex);
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }
  return bytes;
}

initSync({ module: decodeHex(wasmHex) });
const api = install();

export const TaskSession = api.TaskSession;
export const ReferenceType = api.ReferenceType;
export const version = api.version;
