// Serves the zhlens demo page: www/ at / and the built npm package (pkg/) at
// /pkg/. Dependency-free (node:http), for local use only: it listens on
// 127.0.0.1.
//
//   node scripts/serve.mjs              # port from $PORT, else 8080
//   node scripts/serve.mjs --port 3000  # --port 0 picks a free port
//
// Tests start it in-process: `const { server, url, close } = await startServer({ port: 0 })`.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

/** URL prefix → directory. Checked in order; '/' last. */
const MOUNTS = [
  { prefix: '/pkg/', dir: path.join(repo, 'pkg') },
  { prefix: '/', dir: path.join(repo, 'www') },
];

const MIME = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.png', 'image/png'],
  ['.svg', 'image/svg+xml'],
  ['.ico', 'image/x-icon'],
  ['.ts', 'text/plain; charset=utf-8'], // .d.ts: readable as text; never executed
  ['.txt', 'text/plain; charset=utf-8'],
  ['.md', 'text/plain; charset=utf-8'],
]);

// The same policy as the page's <meta> tag, plus what only a header can say.
// As a header it also covers the module worker, whose script response (not the
// page) sets the worker's policy; 'wasm-unsafe-eval' lets it compile the wasm.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CSP,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function contentType(file) {
  return MIME.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file inside one of the mounts, or null. Never
 * returns a path outside the mount's directory, whatever the encoding tricks
 * (`..`, `%2e%2e`, `%2f`, backslashes, NUL bytes, symlinks out).
 */
export async function resolveFile(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const mount = MOUNTS.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  let rel = decoded.slice(mount.prefix.length);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  // No dotfiles or dot-directories (.git, .env …); this also refuses `..`.
  if (rel.split(/[\\/]/).some((part) => part.startsWith('.'))) return null;
  const root = mount.dir;
  const file = path.resolve(root, rel);
  if (!inside(root, file)) return null;
  try {
    const real = await realpath(file);
    if (!inside(await realpath(root), real)) return null;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function inside(root, file) {
  return file.startsWith(root + path.sep);
}

async function handle(req, res) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('405 method not allowed\n');
    return;
  }
  let pathname;
  try {
    pathname = new URL(req.url, 'http://localhost').pathname;
  } catch {
    pathname = null;
  }
  const found = pathname === null ? null : await resolveFile(pathname);
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentType(found.file),
    'Content-Length': found.size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Starts the server on 127.0.0.1. `port: 0` picks a free port.
 * @returns {Promise<{ server: import('node:http').Server, url: string, port: number, close: () => Promise<void> }>}
 */
export function startServer({ port = DEFAULT_PORT } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const close = () =>
        new Promise((done, fail) => {
          server.close((error) => (error ? fail(error) : done()));
          server.closeAllConnections();
        });
      resolve({ server, url: `http://${HOST}:${actual}/`, port: actual, close });
    });
  });
}

function parsePort(argv, env) {
  let raw = env.PORT ?? String(DEFAULT_PORT);
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--port') raw = argv[++i];
    else if (argv[i].startsWith('--port=')) raw = argv[i].slice('--port='.length);
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}; usage: node scripts/serve.mjs [--port N]`);
  }
  const port = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port ${JSON.stringify(raw)}: expected an integer from 0 to 65535`);
  }
  return port;
}

async function main() {
  let port;
  try {
    port = parsePort(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(2);
  }
  if (!(await resolveFile('/pkg/zhlens.js'))) {
    console.warn('serve: pkg/zhlens.js is missing; build it with `node scripts/build.mjs`');
  }
  let running;
  try {
    running = await startServer({ port });
  } catch (error) {
    const why = error.code === 'EADDRINUSE' ? `port ${port} is in use; try --port N` : error.message;
    console.error(`serve: ${why}`);
    process.exit(1);
  }
  console.log(`zhlens page: ${running.url}`);
  const stop = () => running.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
