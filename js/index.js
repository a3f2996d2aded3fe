// The bundle's entry: instantiate the embedded wasm synchronously, then let Rust install
// connect.TaskSession, connect.ReferenceType and connect.TaskJS (and the Agent methods).
// Everything else lives in Rust (src/); this file only loads it.
import { initSync, install } from '../pkg/taskjs.js';
import wasmDataUrl from '../pkg/taskjs_bg.wasm';

function decodeBase64(dataUrl) {
  const text = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

initSync({ module: decodeBase64(wasmDataUrl) });
const api = install();

export const TaskSession = api.TaskSession;
export const ReferenceType = api.ReferenceType;
export const version = api.version;
