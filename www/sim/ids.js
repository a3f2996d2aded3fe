// Identifiers of the simulated instance, agent and queues, and a UUID helper.

export const REGION = 'us-west-2';
export const ACCOUNT = '123456789012';
export const INSTANCE_ID = '9a2b7c1e-5d3f-4e8a-b6c4-0f1e2d3c4b5a';
export const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_ID}`;
export const AGENT_ID = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';

export const arn = (kind, id) => `${INSTANCE_ARN}/${kind}/${id}`;

export function uuid() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// A UUID-shaped id that a name always gives (FNV-1a), so that queues and quick connects a test
// names keep their ARNs across resets and runs.
export function idFromName(kind, name) {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of `${kind}:${name}`) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
