// Small DOM helpers shared by the demo page and the simulator screen.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach((c) => { if (c != null && c !== '') node.append(c); });
  return node;
}

export const short = (id) => (id ? String(id).slice(0, 8) : '');

export const timeText = (d = new Date()) => d.toTimeString().slice(0, 8);
