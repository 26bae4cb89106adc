// Shared by the package tests: the package the way users get it (`npm pack`
// of pkg/, installed into a fresh temporary project), a static file server
// for browser tests, and headless Chromium.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Packs pkg/ and installs the tarball into a new temporary project (offline:
 * the package has no dependencies). `manifest` is merged into the project's
 * package.json. Returns `{ project, installed, tarball, importZhlens(),
 * remove() }`; `importZhlens()` imports 'zhlens' from inside the project, so
 * that it resolves as it does for a user (the module is not initialized).
 */
export function installPackedPackage({ prefix = 'zhlens-consumer-', manifest = {} } = {}) {
  const project = mkdtempSync(join(tmpdir(), prefix));
  const packed = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', project], { encoding: 'utf8' }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', ...manifest }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(project, packed[0].filename)], { cwd: project, stdio: 'pipe' });
  return {
    project,
    installed: join(project, 'node_modules', 'zhlens'),
    tarball: packed[0],
    importZhlens() {
      const entry = join(project, 'entry.mjs');
      writeFileSync(entry, "export * from 'zhlens';\nexport { default } from 'zhlens';\n");
      return import(pathToFileURL(entry));
    },
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves `dir` on 127.0.0.1 (a free port): `{ url, requests, close() }`. `requests` lists the paths asked for. */
export function serveStatic(dir) {
  const base = resolve(dir);
  const requests = [];
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    requests.push(pathname);
    let file = resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + sep)) file = null;
    else if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      done({
        url: `http://127.0.0.1:${server.address().port}/`,
        requests,
        close: () => new Promise((closed) => {
          server.close(closed);
          server.closeAllConnections();
        }),
      });
    });
  });
}

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = `${CHROMIUM} is missing; install chromium (scripts/setup.sh does) to run the browser tests`;

/** Headless Chromium as tests/js/page.test.mjs launches it. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    timeout: 60_000,
  });
}

/**
 * Opens `url` in a new context; records console errors and warnings, page
 * and worker errors, failed requests and HTTP errors in `problems`.
 */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems = [];
  const onConsole = (where) => (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${where} console.${message.type()}: ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => worker.on('console', onConsole('worker')));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url);
  return { page, context, problems };
}
