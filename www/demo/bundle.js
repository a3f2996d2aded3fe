// Picks the TaskJS bundle from ?taskjs=ours|reference and loads it with a script tag.
export const BUNDLES = Object.freeze({
  ours: { url: '/dist/amazon-connect-task.js', label: 'taskjs-rs (dist/amazon-connect-task.js)' },
  reference: { url: '/node_modules/amazon-connect-taskjs/dist/amazon-connect-task.js', label: 'amazon-connect-taskjs 2.0.0 (reference)' },
});

export function chosenBundle(search = location.search) {
  const which = new URLSearchParams(search).get('taskjs') === 'reference' ? 'reference' : 'ours';
  return { which, ...BUNDLES[which] };
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`Could not load ${url}`));
    document.head.append(s);
  });
}

// Resolves once the bundle has installed connect.TaskSession (the agent APIs are checked
// where they are used, so a bundle without them still shows its sessions).
export async function loadBundle(bundle, { timeout = 10000 } = {}) {
  await loadScript(bundle.url);
  const ready = () => window.connect && connect.TaskSession && typeof connect.TaskSession.create === 'function';
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > timeout) throw new Error(`${bundle.url} loaded but did not install connect.TaskSession`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const version = connect.TaskJS && connect.TaskJS.version;
  return { ...bundle, version: version || (bundle.which === 'reference' ? '2.0.0' : 'unknown') };
}
