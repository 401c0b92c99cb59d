// Dev script: draws the Teams app icons (192x192 colour, 32x32 white outline) so they are reproducible from code.
// Run: npm run icons:teams   (writes manifests/teams/color.png and outline.png)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

export const ACCENT = { r: 0x2f, g: 0x4f, b: 0x8f }; // manifest accentColor #2F4F8F

/** How much of pixel (x, y) a "Q" mark covers, 0..1, sampled 4x4 so the edges are smooth. */
function coverage(x: number, y: number, size: number, scale: number): number {
  const c = size / 2;
  const outer = size * 0.34 * scale;
  const inner = outer * 0.62;
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4 - c;
      const py = y + (sy + 0.5) / 4 - c;
      const r = Math.hypot(px, py);
      const ring = r <= outer && r >= inner;
      // The Q's tail: a thick stroke from the ring's lower right outwards at 45 degrees.
      const along = (px + py) / Math.SQRT2;
      const across = Math.abs(px - py) / Math.SQRT2;
      const tail = along >= inner * 0.75 && along <= outer * 1.45 && across <= (outer - inner) * 0.45;
      if (ring || tail) hits++;
    }
  }
  return hits / 16;
}

/** Full colour: the mark in white on a solid accent square, as Teams' store guidelines ask. */
export function colorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 1);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
      png.data[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
      png.data[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** Outline: white only, on a transparent background (Teams tints it in its own UI). */
export function outlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(x, y, size, 1.2));
    }
  }
  return png;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL("../manifests/teams/", import.meta.url);
  writeFileSync(new URL("color.png", dir), PNG.sync.write(colorIcon()));
  writeFileSync(new URL("outline.png", dir), PNG.sync.write(outlineIcon()));
  process.stdout.write("Wrote manifests/teams/color.png and outline.png\n");
}
