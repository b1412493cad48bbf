import { describe, expect, it } from 'vitest';
import { type GreyImage, skewAngle } from './page-skew.ts';

/**
 * A page of `lines` lines of "print" — dark blocks the size of characters with gaps between them, 18 px tall every
 * 40 px — sloping by `degrees` (right end lower when positive), on white.
 */
function page(degrees: number, lines = 20, width = 600, height = 900): GreyImage {
  const pixels = new Uint8Array(width * height).fill(255);
  const slope = Math.tan((degrees * Math.PI) / 180);
  for (let l = 0; l < lines; l++)
    for (let x = 40; x < width - 40; x++) {
      if (x % 20 >= 16) continue; // the gap between two characters
      const top = Math.round(60 + l * 40 + x * slope);
      for (let y = top; y < top + 18; y++) if (y >= 0 && y < height) pixels[y * width + x] = 20;
    }
  return { pixels, width, height };
}

describe('how far a scanned page is turned', () => {
  it.each([0, 0.5, 1, -1.5, 2, -3])('finds a slope of %s°', (degrees) => {
    expect(skewAngle(page(degrees))).toBeCloseTo(degrees, 1);
  });

  it('judges nothing on a blank page or a speck', () => {
    expect(skewAngle(page(0, 0))).toBe(0);
    const speck = page(0, 0);
    speck.pixels.fill(0, 1000, 1100);
    expect(skewAngle(speck)).toBe(0);
  });
});
