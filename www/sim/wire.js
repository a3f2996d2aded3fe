// Conduit messages as text and back: JSON with Dates kept (Streams reads the snapshot's
// timestamps with getTime()). decode(encode(m)) is also how a message is cloned in-process,
// as postMessage's structured clone would clone it.

const isDate = (v) => Object.prototype.toString.call(v) === '[object Date]';

export function encode(message) {
  return JSON.stringify(message, function replace(key, value) {
    const raw = this[key];
    return isDate(raw) ? { $date: raw.getTime() } : value;
  });
}

export function decode(text) {
  return JSON.parse(text, (key, value) => {
    if (value && typeof value === 'object' && typeof value.$date === 'number' && Object.keys(value).length === 1) {
      return new Date(value.$date);
    }
    return value;
  });
}

export const clone = (message) => (message === undefined ? undefined : decode(encode(message)));
