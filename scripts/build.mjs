// Builds the npm package into pkg/: the crate for wasm32, wasm-bindgen's
// glue, wasm-opt, and the hand-written entry module and types from js/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--out-dir', pkg, '--out-name', 'zhlens_wasm',
  join(root, 'target/wasm32-unknown-unknown/release/zhlens.wasm'),
]);

// binaryen from npm: Debian's wasm-opt 108 silently breaks Rust 1.95 output.
const wasm = join(pkg, 'zhlens_wasm_bg.wasm');
const wasmOpt = join(root, 'node_modules/binaryen/bin/wasm-opt');
if (existsSync(wasmOpt) && process.env.ZHLENS_WASM_OPT !== '0') {
  run(wasmOpt, ['-O3', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', wasm, '-o', wasm]);
}

for (const file of ['zhlens.js', 'zhlens.d.ts', 'tokens.js', 'converted.js', 'worker.js', 'worker.d.ts', 'zhlens_worker.js']) {
  copyFileSync(join(root, 'js', file), join(pkg, file));
}
// The CommonJS entry forwards every function zhlens.js exports.
const esmNames = [...readFileSync(join(root, 'js', 'zhlens.js'), 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const cjs = readFileSync(join(root, 'js', 'zhlens.cjs'), 'utf8');
if (!cjs.includes('/* exports of zhlens.js */ []')) throw new Error('js/zhlens.cjs: the NAMES placeholder is missing');
writeFileSync(join(pkg, 'zhlens.cjs'), cjs.replace('/* exports of zhlens.js */ []', JSON.stringify(esmNames)));
// The CommonJS entry's declarations are the ESM ones (zhlens.cjs exports the
// same names, and `default` is init too), plus init by name.
writeFileSync(join(pkg, 'zhlens.d.cts'), `${readFileSync(join(root, 'js', 'zhlens.d.ts'), 'utf8')}
/** The same function as the default export: \`await require('zhlens').init()\`. */
export { init };
`);
for (const file of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(root, file), join(pkg, file));
const version = /^version = "(.+)"$/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'js/package.json'), 'utf8'));
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);

const raw = statSync(wasm).size;
const gzip = gzipSync(readFileSync(wasm), { level: 9 }).length;
console.log(`built pkg/ (zhlens ${version}): zhlens_wasm_bg.wasm ${(raw / 1e6).toFixed(2)} MB, ${(gzip / 1e6).toFixed(2)} MB gzip`);
