// The bundle's entry, a loader only: decode the embedded wasm, instantiate it synchronously,
// and let Rust install connect.TaskSession, connect.ReferenceType, connect.TaskJS and the
// agent methods (src/api/install.rs), handing it the module's own exports, watched
// (./watch.js), for the shim's forwarders (./shim.js) to call.
import * as glue from 'taskjs-pkg/taskjs.js';
import { watch } from './watch.js';
import { makeShim } from './shim.js';
import wasmText from 'taskjs-pkg/taskjs_bg.wasm'; // the module as text (scripts/wasm-text.js)
import decoderHex from 'taskjs-pkg/wasm-text-decoder.wasm'; // js/wasm-text-decoder.wat, as hex

// The text's bytes, decoded by a 150-byte wasm module: a JavaScript loop over the text would
// run cold, once, and take milliseconds of start-up.
function decode(text) {
  const decoder = new WebAssembly.Module(Uint8Array.from(decoderHex.match(/../g), (h) => parseInt(h, 16)));
  const { m: memory, d: decodeInPlace } = new WebAssembly.Instance(decoder).exports;
  memory.grow(text.length >> 16); // one 64 KiB page to start with
  const { written } = new TextEncoder().encodeInto(text, new Uint8Array(memory.buffer));
  return new Uint8Array(memory.buffer, 0, decodeInPlace(written));
}

glue.initSync({ module: decode(wasmText) });
const exports = watch(glue);
const api = exports.install(makeShim(exports));

export const TaskSession = api.TaskSession;
export const ReferenceType = api.ReferenceType;
export const version = api.version;
export const validateTask = api.validateTask;
export const { TaskValidationError, TaskTimeoutError, TaskServiceError } = api;
