// A small element builder: h('button', {type: 'button', onclick}, 'Accept').
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

// What a failure callback or a rejected promise carries, as a sentence: Streams passes the
// service's error as a JSON string; TaskJS passes an Error for its own checks and time-outs.
export function errorText(err) {
  if (err && err.name === 'TaskTimeoutError') return 'Amazon Connect did not answer in time: the task may or may not have been created. Check before trying again.';
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') {
    try {
      return JSON.parse(err).message || err;
    } catch {
      return err;
    }
  }
  return (err && err.message) || String(err);
}
