// A Vite app using zhlens as an npm dependency: tests/js/runtimes.test.mjs
// installs the packed package, copies this directory and ../shared.js into a
// temporary project, runs `vite build` and opens dist/ in Chromium.
import * as zhlens from 'zhlens';
import { createWorker } from 'zhlens/worker';
import { run } from './shared.js';

run(zhlens, createWorker);
