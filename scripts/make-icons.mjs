// Draws the app icon: build/icon.png (512×512, the source electron-builder converts for Windows and macOS) and
// build/icons/NxN.png (the Linux set, used as is). The motif is the renderer's favicon (renderer/public/favicon.svg)
// on its 32-unit grid: a teal rounded square with three white finder rings and five data modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEAL = [0x0b, 0x5f, 0x5a];
const WHITE = [0xff, 0xff, 0xff];
const MARGIN = 1; // grid units of transparent border, so the square does not touch the icon's edge
const GRID = 32 + 2 * MARGIN;
const SAMPLES = 4; // per axis: anti-aliasing by supersampling

const rect = (x, y, w, h) => (px, py) => px >= x && px < x + w && py >= y && py < y + h;
const ring = (x, y) => {
  const outer = rect(x, y, 8, 8);
  const hole = rect(x + 2, y + 2, 4, 4);
  return (px, py) => outer(px, py) && !hole(px, py);
};
const motif = [
  ring(7, 7), ring(17, 7), ring(7, 17),
  rect(17, 17, 3, 3), rect(22, 17, 3, 3), rect(19.5, 20, 3, 3), rect(17, 22.5, 2.5, 2.5), rect(22.5, 22.5, 2.5, 2.5),
];

function inRoundedSquare(px, py, size = 32, radius = 7) {
  const cx = Math.min(Math.max(px, radius), size - radius);
  const cy = Math.min(Math.max(py, radius), size - radius);
  return px >= 0 && py >= 0 && px < size && py < size && (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const unit = GRID / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let square = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const gx = (x + (sx + 0.5) / SAMPLES) * unit - MARGIN;
          const gy = (y + (sy + 0.5) / SAMPLES) * unit - MARGIN;
          if (!inRoundedSquare(gx, gy)) continue;
          square++;
          if (motif.some((shape) => shape(gx, gy))) white++;
        }
      }
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = square ? Math.round((TEAL[c] * (square - white) + WHITE[c] * white) / square) : 0;
      png.data[i + 3] = Math.round((255 * square) / SAMPLES ** 2);
    }
  }
  return PNG.sync.write(png);
}

const build = join(root, 'build');
mkdirSync(join(build, 'icons'), { recursive: true });
writeFileSync(join(build, 'icon.png'), draw(512));
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(join(build, 'icons', `${size}x${size}.png`), draw(size));
}
