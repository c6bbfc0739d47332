import { deflateSync } from "node:zlib";
import { PNG_SIGNATURE, encodeChunk } from "./png-chunks";

/** PNG colour type 6: truecolour with alpha, 8 bits per channel. */
const COLOR_TYPE_RGBA = 6;
const BIT_DEPTH = 8;
const BYTES_PER_PIXEL = 4;
/** Scanline filter 0 ("None"); zlib still compresses flat icon colours well, and the encoder stays tiny. */
const FILTER_NONE = 0;

/**
 * Encodes straight (non-premultiplied) RGBA pixels, row by row from the top, as a minimal PNG: signature, IHDR, one
 * IDAT, IEND. Enough for generated app icons without pulling in an image library.
 */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive whole numbers, got ${width}×${height}`);
  }
  if (rgba.length !== width * height * BYTES_PER_PIXEL) {
    throw new RangeError(`expected ${width * height * BYTES_PER_PIXEL} RGBA bytes, got ${rgba.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(BIT_DEPTH, 8);
  ihdr.writeUInt8(COLOR_TYPE_RGBA, 9);
  // Bytes 10–12: compression 0 (deflate), filter method 0, interlace 0 (none) — already zero.

  const stride = width * BYTES_PER_PIXEL;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = FILTER_NONE;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    encodeChunk("IHDR", ihdr),
    encodeChunk("IDAT", deflateSync(raw, { level: 9 })),
    encodeChunk("IEND", Buffer.alloc(0)),
  ]);
}
