/* global URL, console, process -- a Node script */
import { fileURLToPath } from 'node:url';
import { BOOKING_BUDGET_BYTES, entryJsSize } from './bundle-size.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const [entry, budget] of [
  ['book.html', BOOKING_BUDGET_BYTES],
  ['admin.html', Infinity],
]) {
  const { files, total } = entryJsSize(dist, entry);
  const over = total > budget;
  failed ||= over;
  console.log(
    `${entry}: ${kb(total)} gzip JS in ${files.length} file(s)${Number.isFinite(budget) ? ` (budget ${kb(budget)})` : ''}${over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed) {
  console.error('The booking app is over its JavaScript budget.');
  process.exit(1);
}
