// Tiny static file server for the trunk output in dist/ (no network access,
// no dependencies). Used by the end-to-end tests; also runnable by hand:
//
//   node tests/e2e/serve.mjs [dir=dist] [port=0]   # 0 = pick a free port
//
// Binds to 127.0.0.1 only. Unknown paths without a file extension fall back
// to index.html (single-page app); other unknown paths are 404.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileIfExists(file) {
  try {
    const st = await stat(file);
    if (st.isFile()) return { file, size: st.size };
    if (st.isDirectory()) return fileIfExists(path.join(file, 'index.html'));
  } catch {
    // fall through
  }
  return null;
}

/**
 * Start serving `root` (default: dist/) on 127.0.0.1.
 * @param {{root?: string, port?: number, log?: boolean}} [options]
 * @returns {Promise<{url: string, port: number, root: string, close: () => Promise<void>}>}
 *   `url` ends with a slash, e.g. "http://127.0.0.1:41234/".
 */
export async function startServer({ root = DEFAULT_DIST, port = 0, log = false } = {}) {
  root = path.resolve(root);
  const index = await fileIfExists(path.join(root, 'index.html'));
  if (!index) {
    throw new Error(`${root}/index.html not found; run \`./x build\` (trunk build --release) first`);
  }

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      let rel;
      try {
        rel = decodeURIComponent(pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      const target = path.resolve(root, '.' + path.posix.normalize('/' + rel));
      if (target !== root && !target.startsWith(root + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let found = await fileIfExists(target);
      if (!found && path.extname(target) === '') found = index; // SPA fallback
      if (log) console.log(`${req.method} ${pathname} -> ${found ? path.relative(root, found.file) : 404}`);
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': mimeType(found.file),
        'Content-Length': found.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found.file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    root,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// CLI: node tests/e2e/serve.mjs [dir] [port]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port] = process.argv.slice(2);
  const srv = await startServer({
    root: dir ? path.resolve(dir) : DEFAULT_DIST,
    port: port ? Number(port) : 0,
    log: true,
  });
  console.log(`Serving ${srv.root} at ${srv.url}`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
