/**
 * Draws Council Hub's app icons and writes them to manifest/template: color.png (192×192, a white civic building on
 * the accent blue) and outline.png (32×32, the same building in white on transparent). The PNGs are committed; rerun
 * after changing the design:
 *
 *   npx tsc -p tsconfig.build.json && node dist/manifest/scripts/make-icons.js
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from "../icon-checks";
import { encodeRgbaPng } from "../png-encode";
import { findProjectRoot, projectPaths } from "../project-paths";

/** The manifest's accentColor (#1D4E89), so the icon and the Teams tile background match. */
const ACCENT: readonly [number, number, number] = [0x1d, 0x4e, 0x89];
/** Samples per pixel side; 8×8 gives smooth pediment edges without an image library. */
const SUPERSAMPLE = 8;
/** Share of the colour icon the building spans, leaving the padding Teams' design guidance asks for. */
const COLOR_SYMBOL_SCALE = 0.6;
/** The outline icon is tiny, so the building fills it, less a pixel of breathing room each side. */
const OUTLINE_SYMBOL_SCALE = 0.875;

type Shape = (x: number, y: number) => boolean;

/** A classical council building in a unit box: pediment, entablature, four columns and two steps. */
const BUILDING: Shape = (x, y) => {
  const pediment = y >= 0 && y <= 0.28 && Math.abs(x - 0.5) <= (y / 0.28) * 0.5;
  const entablature = y >= 0.32 && y <= 0.4 && x >= 0.04 && x <= 0.96;
  const column = y >= 0.44 && y <= 0.8 && [0.16, 0.387, 0.613, 0.84].some((cx) => Math.abs(x - cx) <= 0.06);
  const upperStep = y >= 0.84 && y <= 0.91 && x >= 0.04 && x <= 0.96;
  const lowerStep = y >= 0.94 && y <= 1 && x >= 0 && x <= 1;
  return pediment || entablature || column || upperStep || lowerStep;
};

/** Fraction (0–1) of each pixel covered by `shape` placed centrally at `scale` of the canvas. */
function coverage(size: number, scale: number, shape: Shape): Float64Array {
  const out = new Float64Array(size * size);
  const inset = (1 - scale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = ((px + (sx + 0.5) / SUPERSAMPLE) / size - inset) / scale;
          const y = ((py + (sy + 0.5) / SUPERSAMPLE) / size - inset) / scale;
          if (shape(x, y)) hits++;
        }
      }
      out[py * size + px] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  return out;
}

/** Full-colour icon: white building blended over the accent colour. */
function colorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const cover = coverage(size, COLOR_SYMBOL_SCALE, BUILDING);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba.set([...ACCENT.map((channel) => Math.round(channel + (255 - channel) * c)), 255], i * 4);
  });
  return encodeRgbaPng(size, size, rgba);
}

/** Outline icon: pure white, with coverage as alpha, so Teams can tint it for any theme. */
function outlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const cover = coverage(size, OUTLINE_SYMBOL_SCALE, BUILDING);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba.set([255, 255, 255, Math.round(255 * c)], i * 4);
  });
  return encodeRgbaPng(size, size, rgba);
}

function main(): void {
  // Run from the project root; the compiled script may live anywhere (dist/ or a scratch outDir).
  const { templateDir } = projectPaths(findProjectRoot(process.cwd()));
  writeFileSync(join(templateDir, "color.png"), colorIcon());
  writeFileSync(join(templateDir, "outline.png"), outlineIcon());
  console.log(`Wrote color.png (${COLOR_ICON_SIZE}×${COLOR_ICON_SIZE}) and outline.png (${OUTLINE_ICON_SIZE}×${OUTLINE_ICON_SIZE}) to ${templateDir}`);
}

main();
