// Drives the CCP simulator in the initCCP iframe: one control message per action, answered
// on a MessageChannel port so nothing of this reaches Streams.
import { SIM_CONTROL } from '../sim/protocol.js';

export function simControl(action, args = {}) {
  const iframe = connect.core._getCCPIframe && connect.core._getCCPIframe();
  if (!iframe) return Promise.reject(new Error('The CCP iframe is not there yet'));
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => {
      channel.port1.close();
      if (e.data && e.data.ok) resolve(e.data.result);
      else reject(new Error((e.data && e.data.error) || 'simulator error'));
    };
    iframe.contentWindow.postMessage({ event: SIM_CONTROL, data: { action, args } }, '*', [channel.port2]);
  });
}
