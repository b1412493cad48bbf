// How far a scanned page is turned: a sheet fed a little askew into a scanner, or photographed by hand, has its lines
// of text sloping by a degree or two, and Tesseract then reads the ends of long lines badly (a % read as 96, a figure
// lost). The angle is found the classic way, by projection: the page's dark pixels are counted row by row as if the
// page were turned by each candidate angle, and the angle at which the rows are sharpest — lines of text dense, the
// gaps between them empty — is the one that makes the lines level. Pure: pixels in, an angle out.

export interface GreyImage {
  /** one byte a pixel, 0 black to 255 white, row after row */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The candidate angles, in degrees: a scan turned further than this is rare, and a larger search only costs time. */
export const MAX_SKEW = 4;
const STEP = 0.1;
/** Darker than this counts as ink. */
const INK = 128;

/**
 * The angle, in degrees, by which the page's lines of text slope downwards from left to right (positive: the right
 * end lower, as y grows downwards); 0 for a page with too little ink to judge.
 */
export function skewAngle(image: GreyImage): number {
  const { pixels, width, height } = image;
  // ink positions, thinned to at most ~60,000 points: a line's slope shows as well in a sample of its pixels
  const xs: number[] = [];
  const ys: number[] = [];
  let total = 0;
  for (let i = 0; i < pixels.length; i++) if ((pixels[i] as number) < INK) total++;
  if (total < 200) return 0;
  const every = Math.max(1, Math.floor(total / 60_000));
  let n = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((pixels[y * width + x] as number) < INK && n++ % every === 0) {
        xs.push(x);
        ys.push(y);
      }
  const sharpness = (degrees: number): number => {
    const slope = Math.tan((degrees * Math.PI) / 180);
    const shift = Math.ceil(Math.abs(slope) * width);
    const rows = new Float64Array(height + 2 * shift + 1);
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round((ys[i] as number) - (xs[i] as number) * slope) + shift;
      rows[r] = (rows[r] as number) + 1;
    }
    let s = 0;
    for (let r = 1; r < rows.length; r++) {
      const d = (rows[r] as number) - (rows[r - 1] as number);
      s += d * d;
    }
    return s;
  };
  let best = 0;
  let bestScore = sharpness(0);
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += STEP) {
    const score = sharpness(a);
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 10) / 10;
}
