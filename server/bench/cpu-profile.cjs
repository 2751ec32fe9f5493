// Preloaded into the server under test by `BENCH_CPU_PROF=<dir> npm run bench:availability`
// (NODE_OPTIONS=--require; --cpu-prof itself is not allowed there): profiles the whole process
// and writes <dir>/server-<pid>.cpuprofile when it exits.
/* eslint-disable @typescript-eslint/no-require-imports */
/* global require, process */
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_CPU_PROF;
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
process.once('exit', () => {
  // Same-thread session: the callback runs before post returns.
  session.post('Profiler.stop', (err, res) => {
    if (err) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
  });
});
