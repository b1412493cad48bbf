// Uploads one file to one route again and again until it is told to stop (SIGTERM), then prints how many uploads
// were answered with which status. A process of its own, so that building and sending 20 MB bodies is not counted as
// the server's stall. Arguments: url, cookie, csrf token, path of the file, the name to send it under, and `vary` to make each upload's
// last eight bytes different (a new photograph each time, not the same one found again). With GET for the path, it
// asks for the url again and again instead (a document generated from the ledger).
import { readFileSync } from 'node:fs';

const [url, cookie, csrf, path, name, vary] = process.argv.slice(2);
const bytes = path === 'GET' ? null : readFileSync(path);
const answers = {};
let stop = false;
process.on('SIGTERM', () => (stop = true));
for (let i = 0; !stop; i++) {
  let r;
  if (bytes) {
    if (vary === 'vary') bytes.writeBigUInt64BE(BigInt(i), bytes.length - 8);
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    r = await fetch(url, { method: 'POST', body: form, headers: { cookie, 'x-csrf-token': csrf } });
  } else r = await fetch(url, { headers: { cookie } });
  await r.arrayBuffer();
  answers[r.status] = (answers[r.status] ?? 0) + 1;
}
process.stdout.write(JSON.stringify(answers));
