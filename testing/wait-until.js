// Polls a condition until it holds, for a test that waits on what the app shows.
export async function waitUntil(condition, { timeout = 2000, interval = 20, what = 'the condition' } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      last = null;
    } catch (err) {
      last = err;
    }
    if (Date.now() - start >= timeout) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
