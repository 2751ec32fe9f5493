import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logger';
import { installProcessGuards } from '../../src/process-guard';

// A process with the guards of main.ts and worker.ts, for test/foundation/process-guard.test.ts:
// /reject and /throw fail outside any handler's reach; the process must log and keep answering.
installProcessGuards(createLogger('info'));
const server = createServer((req, res) => {
  if (req.url === '/reject') void Promise.reject(new Error('hostile rejection'));
  if (req.url === '/throw') setImmediate(() => {
    throw new Error('hostile throw');
  });
  res.end('alive');
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
