// Draws the application's home-screen icons (a white tick on the red of an official seal, in a rounded square) as
// PNG files for the web app manifest. Run once when the design changes: `node scripts/make-icons.mjs`; the files it
// writes are committed in web/public, so a build needs nothing from outside.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const RED = [196, 29, 29];
const WHITE = [255, 255, 255];

/** CRC-32 of a PNG chunk (type and data), as the format requires. */
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Distance from point p to the segment a–b. */
function toSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** `maskable`: the whole square red (the phone cuts its own shape); else a rounded square on transparency. */
function icon(size, maskable) {
  const rows = [];
  const r = maskable ? 0 : size * 0.18;
  const tick = [
    [0.28, 0.52],
    [0.44, 0.68],
    [0.74, 0.36],
  ].map(([x, y]) => [x * size, y * size]);
  const stroke = size * 0.075;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      // four samples a pixel, so the edges are smooth
      let inside = 0;
      let white = 0;
      for (const [sx, sy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ]) {
        const px = x + sx;
        const py = y + sy;
        const cx = Math.min(Math.max(px, r), size - r);
        const cy = Math.min(Math.max(py, r), size - r);
        if (Math.hypot(px - cx, py - cy) <= r || r === 0) inside++;
        if (Math.min(toSegment(px, py, tick[0], tick[1]), toSegment(px, py, tick[1], tick[2])) <= stroke) white++;
      }
      const w = white / 4;
      const colour = RED.map((c, i) => Math.round(c * (1 - w) + WHITE[i] * w));
      row.set([...colour, Math.round((inside / 4) * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../web/public/', import.meta.url);
writeFileSync(new URL('icon-192.png', dir), icon(192, false));
writeFileSync(new URL('icon-512.png', dir), icon(512, false));
writeFileSync(new URL('icon-maskable-512.png', dir), icon(512, true));
writeFileSync(new URL('apple-touch-icon.png', dir), icon(180, true));
