// Turns what a failure callback receives into a message, and finds the form field it names.
// The reference passes the CCP's answer (a JSON string); taskjs-rs passes an Error for its own
// validation. Both name the field in the message.

export function errorMessage(err) {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') {
    try {
      const parsed = JSON.parse(err);
      return (parsed && parsed.message) || err;
    } catch {
      return err;
    }
  }
  if (err && typeof err === 'object') return err.message || JSON.stringify(err);
  return String(err);
}

function indexOfWord(text, word) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|[^A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'i').exec(text);
  return m ? m.index + m[1].length : -1;
}

// fields: [{key, aliases, specific}] — specific fields (template fields, named by the user)
// win over generic ones; among equals the earliest mention wins, then the longest alias.
export function fieldForMessage(message, fields) {
  let best = null;
  for (const f of fields) {
    for (const alias of f.aliases) {
      const at = indexOfWord(message, alias);
      if (at < 0) continue;
      const rank = [f.specific ? 0 : 1, at, -alias.length];
      if (!best || compare(rank, best.rank) < 0) best = { key: f.key, rank };
    }
  }
  return best ? best.key : null;
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
