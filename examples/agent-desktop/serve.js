// Serves the desktop for a browser: node serve.js [port]. Only this folder's page and sources,
// Streams' release and the taskjs-rs bundle.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const allowed = ['/index.html', '/src/', '/node_modules/amazon-connect-streams/release/', '/node_modules/taskjs-rs/dist/'];
const types = { '.html': 'text/html', '.js': 'text/javascript' };
const port = Number(process.argv[2] || process.env.PORT || 4173);

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost').pathname.replace(/^\/$/, '/index.html');
  const file = path.join(root, path.normalize(url));
  if (!allowed.some((p) => url.startsWith(p)) || !file.startsWith(root) || !fs.existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': `${types[path.extname(file)] || 'application/octet-stream'}; charset=utf-8` });
  fs.createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`Agent desktop on http://127.0.0.1:${port}/`));
