import { inflateSync } from "node:zlib";
import { decodeChunks, type PngChunk } from "./png-chunks";

/** The fields of a PNG's IHDR chunk. */
export interface PngHeader {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  readonly colorType: number;
  /** 0 none, 1 Adam7. */
  readonly interlace: number;
}

/** A decoded image as 8-bit straight RGBA, row by row from the top. */
export interface DecodedPng {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** `width * height * 4` bytes. */
  readonly rgba: Uint8Array;
}

/** Samples per pixel for each colour type. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Reads width, height and format from the IHDR, which the PNG spec requires to be the first chunk. */
export function readPngHeader(png: Buffer): PngHeader {
  return headerOf(decodeChunks(png));
}

function headerOf(chunks: readonly PngChunk[]): PngHeader {
  const ihdr = chunks[0];
  if (ihdr?.type !== "IHDR" || ihdr.data.length !== 13) throw new Error("PNG does not start with an IHDR chunk");
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8],
    colorType: ihdr.data[9],
    interlace: ihdr.data[12],
  };
}

/**
 * Decodes a non-interlaced PNG of any colour type to RGBA, so the outline-icon check works on whatever a designer
 * exports later (palette PNGs from optimisers included), not only on our own encoder's output.
 */
export function decodePng(png: Buffer): DecodedPng {
  const chunks = decodeChunks(png);
  const header = headerOf(chunks);
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`unsupported PNG colour type ${colorType}`);
  if (header.interlace !== 0) throw new Error("interlaced PNGs are not supported; export the icon without interlacing");

  const palette = chunks.find((c) => c.type === "PLTE")?.data;
  const trns = chunks.find((c) => c.type === "tRNS")?.data;
  const pixels = unfilter(
    inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data))),
    width,
    height,
    channels * bitDepth,
  );

  const stride = Math.ceil((width * channels * bitDepth) / 8);
  const maxSample = 2 ** bitDepth - 1;
  const to8 = (v: number): number => (bitDepth === 16 ? v >> 8 : bitDepth === 8 ? v : Math.round((v * 255) / maxSample));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      const s = (i: number): number => sample(row, x * channels + i, bitDepth);
      const out = (y * width + x) * 4;
      let r: number, g: number, b: number, a: number;
      if (colorType === 3) {
        const index = s(0);
        if (!palette || index * 3 + 2 >= palette.length) throw new Error("PNG palette index out of range");
        [r, g, b] = [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]];
        a = trns && index < trns.length ? trns[index] : 255;
      } else if (colorType === 0 || colorType === 4) {
        r = g = b = to8(s(0));
        a = colorType === 4 ? to8(s(1)) : trns && trns.length >= 2 && s(0) === trns.readUInt16BE(0) ? 0 : 255;
      } else {
        [r, g, b] = [to8(s(0)), to8(s(1)), to8(s(2))];
        const transparent = colorType === 2 && trns && trns.length >= 6 && s(0) === trns.readUInt16BE(0) && s(1) === trns.readUInt16BE(2) && s(2) === trns.readUInt16BE(4);
        a = colorType === 6 ? to8(s(3)) : transparent ? 0 : 255;
      }
      rgba.set([r, g, b, a], out);
    }
  }
  return { width, height, rgba };
}

/** The index-th sample of a scanline at the given bit depth (16-bit samples returned whole). */
function sample(row: Uint8Array, index: number, bitDepth: number): number {
  if (bitDepth === 8) return row[index];
  if (bitDepth === 16) return (row[index * 2] << 8) | row[index * 2 + 1];
  const bit = index * bitDepth;
  return (row[bit >> 3] >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
}

/** Reverses the per-scanline filters (None, Sub, Up, Average, Paeth) of PNG filter method 0. */
function unfilter(data: Buffer, width: number, height: number, bitsPerPixel: number): Uint8Array {
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  if (data.length < (stride + 1) * height) throw new Error("PNG image data is shorter than its size says");
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const line = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? out[at + i - bpp] : 0;
      const up = y > 0 ? out[at - stride + i] : 0;
      const upLeft = y > 0 && i >= bpp ? out[at - stride + i - bpp] : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new Error(`PNG scanline ${y} uses unknown filter ${filter}`);
      }
      out[at + i] = (line[i] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
