// The bundle's entry, a loader: it makes the API exist at once, and the module only when it is
// needed. Loading the script installs connect.TaskSession, connect.ReferenceType, connect.TaskJS
// and the agent methods (./install.js), each a forwarder (./shim.js) to the module's exports,
// watched (./watch.js); the first call into the module instantiates it, synchronously, from the
// embedded text. Off the page's critical path, when the browser is idle, the text is decoded and
// compiled in the background, and the module instantiated, so that the first call finds it ready.
import * as glue from 'taskjs-pkg/exports.js';
import { watch } from './watch.js';
import { makeShim } from './shim.js';
import { install } from './install.js';
import { shared } from './errors.js';
import wasmText from 'taskjs-pkg/taskjs_bg.wasm'; // the module as text (scripts/wasm-text.js)
import decoderHex from 'taskjs-pkg/wasm-text-decoder.wasm'; // js/wasm-text-decoder.wat, as hex

// The text's bytes, decoded by a 150-byte wasm module: a JavaScript loop over the text would
// run cold, once, and take milliseconds.
function decode(text) {
  const decoder = new WebAssembly.Module(Uint8Array.from(decoderHex.match(/../g), (h) => parseInt(h, 16)));
  const { m: memory, d: decodeInPlace } = new WebAssembly.Instance(decoder).exports;
  memory.grow(text.length >> 16); // one 64 KiB page to start with
  const { written } = new TextEncoder().encodeInto(text, new Uint8Array(memory.buffer));
  return new Uint8Array(memory.buffer, 0, decodeInPlace(written));
}

let compiled = null, started = false; // the module once compiled in the background; instantiated yet
// Under a Content-Security-Policy without 'wasm-unsafe-eval' the browser refuses to compile the
// module: the call that needed it throws the browser's error, saying what the policy needs.
function start() {
  if (started) return;
  let module = compiled;
  try { module ||= new WebAssembly.Module(decode(wasmText)); } catch (e) { throw new e.constructor(`taskjs-rs cannot compile its WebAssembly module: under a Content-Security-Policy, script-src needs 'wasm-unsafe-eval' (${e.message})`, { cause: e }); }
  glue.initSync({ module });
  glue.start(shim);
  started = true;
}
const shim = makeShim(watch(glue, start), shared);
const api = install(shim, glue, process.env.TASKJS_VERSION);

// Browsers only (Node and jsdom instantiate at the first call): each step at idle time.
const idle = globalThis.requestIdleCallback || (globalThis.document && !/jsdom/.test(navigator.userAgent) && ((f) => setTimeout(f, 1)));
if (idle && WebAssembly.compile) {
  // Whatever fails here, decoding or compiling (a policy that refuses wasm), is left to the first
  // call, which says why.
  idle(() => started || Promise.resolve().then(() => WebAssembly.compile(decode(wasmText))).then((module) => { compiled = module; idle(() => { try { start(); } catch { /* the first call tries again */ } }); }, () => {}));
}

export const { TaskSession, ReferenceType, version, validateTask, TaskValidationError, TaskTimeoutError, TaskServiceError } = api;
