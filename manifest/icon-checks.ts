import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { decodePng, readPngHeader } from "./png-decode";

/** Teams requires the full-colour icon to be exactly this many pixels square. */
export const COLOR_ICON_SIZE = 192;
/** Teams requires the outline icon to be exactly this many pixels square. */
export const OUTLINE_ICON_SIZE = 32;
/** Alpha at or below this counts as transparent background in the outline icon. */
const TRANSPARENT_ALPHA = 0;
/** Channel value a visible outline pixel must have: Teams recolours the outline, so it must be pure white. */
const WHITE = 255;

/** The icon fields of a manifest. */
export interface ManifestIcons {
  /** File name of the 192×192 colour icon. */
  readonly color?: unknown;
  /** File name of the 32×32 white-on-transparent outline icon. */
  readonly outline?: unknown;
}

/**
 * Checks the icons Teams would reject at upload: files present next to manifest.json, PNG, exact sizes, and an
 * outline that is only white on transparent. Returns one problem per failure; empty means fine.
 */
export async function checkIcons(icons: ManifestIcons | undefined, iconsDir: string): Promise<string[]> {
  const problems: string[] = [];
  const outline = await checkIcon("outline", icons?.outline, OUTLINE_ICON_SIZE, iconsDir, problems);
  await checkIcon("color", icons?.color, COLOR_ICON_SIZE, iconsDir, problems);
  if (outline) problems.push(...checkOutlinePixels(outline.name, outline.png));
  return problems;
}

async function checkIcon(
  field: string,
  value: unknown,
  size: number,
  iconsDir: string,
  problems: string[],
): Promise<{ name: string; png: Buffer } | undefined> {
  if (typeof value !== "string" || value === "") {
    problems.push(`icons.${field} must name a PNG file`);
    return undefined;
  }
  // The package is flat (manifest.json beside the icons), so a path with folders would not exist inside it.
  if (basename(value) !== value) {
    problems.push(`icons.${field} "${value}" must be a plain file name next to manifest.json`);
    return undefined;
  }
  const png = await readFile(join(iconsDir, value)).catch(() => undefined);
  if (!png) {
    problems.push(`icons.${field}: ${value} was not found in ${iconsDir}`);
    return undefined;
  }
  try {
    const { width, height } = readPngHeader(png);
    if (width !== size || height !== size) {
      problems.push(`icons.${field}: ${value} is ${width}×${height}; Teams needs ${size}×${size}`);
      return undefined;
    }
  } catch (error) {
    problems.push(`icons.${field}: ${value} is not a readable PNG (${(error as Error).message})`);
    return undefined;
  }
  return { name: value, png };
}

/** Outline icons must be white where drawn and transparent elsewhere; Teams tints them for light and dark themes. */
function checkOutlinePixels(name: string, png: Buffer): string[] {
  let image;
  try {
    image = decodePng(png);
  } catch (error) {
    return [`icons.outline: ${name} could not be decoded (${(error as Error).message})`];
  }
  const { width, rgba } = image;
  let transparent = 0;
  let coloured = 0;
  let firstColoured = "";
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
    if (a <= TRANSPARENT_ALPHA) transparent++;
    else if (r !== WHITE || g !== WHITE || b !== WHITE) {
      if (coloured++ === 0) firstColoured = ` (first at x=${(i / 4) % width}, y=${Math.floor(i / 4 / width)}: rgba(${r}, ${g}, ${b}, ${a}))`;
    }
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`icons.outline: ${name} has ${coloured} visible pixels that are not white${firstColoured}; use white on transparent`);
  if (transparent === 0) problems.push(`icons.outline: ${name} has no transparent pixels; the background must be transparent`);
  if (transparent === rgba.length / 4) problems.push(`icons.outline: ${name} is fully transparent; draw the symbol in white`);
  return problems;
}
