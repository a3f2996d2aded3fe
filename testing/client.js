// connectCcp: controls a simulator that another process serves (startCcpServer there, or the
// taskjs-ccp-simulator command), over its HTTP control endpoint. Same methods as in-process.
import { SimulatorError } from '../www/sim/errors.js';
import { decode, encode } from '../www/sim/wire.js';
import { Ccp } from './ccp.js';

// The simulator's base URL (http://host:port/ccp/<id>/) from its CCP URL or any URL under it.
export function simulatorBase(ccpUrl) {
  const u = new URL(ccpUrl);
  const m = /^\/ccp\/[^/]+\//.exec(u.pathname);
  if (!m) throw new Error(`${ccpUrl} is not a CCP URL of the kit's server (http://host:port/ccp/<id>/...)`);
  return `${u.origin}${m[0]}`;
}

export function connectCcp(ccpUrl) {
  const base = simulatorBase(ccpUrl);
  const post = async (path, body) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: encode(body) });
    const answer = decode(await res.text());
    if (answer.error) throw Object.assign(answer.error.name === 'SimulatorError' ? new SimulatorError(answer.error.message) : new Error(answer.error.message));
    return answer.result;
  };
  return new Ccp({
    ccpUrl,
    call: (name, args) => post(`_control/${name}`, args),
    close: () => post('_close', []),
  });
}
