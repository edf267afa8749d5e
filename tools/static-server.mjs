// A small static file server for the site: correct MIME types (application/wasm, so the
// browser can compile while downloading), no caching, 127.0.0.1 only.
//   node tools/static-server.mjs DIR [--port 8000] [--mount /fixtures=DIR2] [--csp POLICY]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.otf': 'font/otf',
  '.ttf': 'font/ttf', '.png': 'image/png', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.bib': 'text/plain; charset=utf-8', '.jsonl': 'application/x-ndjson', '.txt': 'text/plain',
};

export function startServer({ root, port = 8000, mounts = {}, headers = {} }) {
  const roots = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch (e) {
      res.writeHead(400).end('bad request');
      return;
    }
    let base = root;
    let rel = urlPath;
    for (const [prefix, dir] of roots) {
      if (urlPath.startsWith(prefix + '/')) {
        base = dir;
        rel = urlPath.slice(prefix.length);
        break;
      }
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(path.resolve(base))) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'content-length': stat.size,
        'cache-control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const root = path.resolve(args[0] || '.');
  let port = 8000;
  const mounts = {};
  const headers = {};
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--mount') {
      const [prefix, dir] = args[++i].split('=');
      mounts[prefix] = path.resolve(dir);
    } else if (args[i] === '--csp') headers['content-security-policy'] = args[++i];
  }
  startServer({ root, port, mounts, headers }).then(() => {
    console.log(`Serving ${root} on http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
  }, (err) => {
    console.error(`Cannot serve on port ${port}: ${err.message}`);
    process.exit(1);
  });
}
