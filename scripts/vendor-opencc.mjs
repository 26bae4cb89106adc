// Fetches OpenCC's dictionaries and configurations, which build.rs compiles
// into zhlens, from the npm registry: the `opencc` package at a pinned version,
// checked against its pinned integrity, unpacked into target/opencc-<version>/.
// The package itself is not installed: its native addons are for other
// platforms or need a newer libstdc++, and only its data is used.
// Idempotent: does nothing when the folder is complete.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'opencc';
const VERSION = '1.4.2';
const INTEGRITY = 'sha512-fAo8GJy0XhFyw9zIsEHmEVKL+qK8qbw0hcCjqKN5cn2UA7FPOU6b13xpqpSUf8mLNLhBMmIVZu6J+fEjJ2KcyQ==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dest = join(root, 'target', `${PACKAGE}-${VERSION}`);
const complete = join(dest, '.complete');

if (!existsSync(complete)) {
  const scratch = mkdtempSync(join(tmpdir(), 'zhlens-opencc-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', scratch], { encoding: 'utf8' }));
    if (packed.integrity !== INTEGRITY) {
      throw new Error(`${PACKAGE}@${VERSION}: integrity ${packed.integrity}, expected ${INTEGRITY}`);
    }
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', dest, '--strip-components=1', 'package/data/dictionary', 'package/data/config', 'package/LICENSE']);
    writeFileSync(complete, `${PACKAGE}@${VERSION} ${INTEGRITY}\n`);
    console.log(`vendored ${PACKAGE}@${VERSION} into ${dest}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
