import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WordVectors } from "../../core";
import { packageRoot } from "../package-root";

/** The word-vectors file Council Hub ships (how it was made: scripts/word-vectors/README.md). */
export function shippedWordVectorsFile(): string {
  return join(packageRoot(), "store", "semantic", "word-vectors.bin");
}

let shipped: WordVectors | undefined;

/**
 * The shipped word vectors, read once per process (about 5 MB; every hub and test in a process shares them, as they
 * never change). A missing or damaged file is an error, not a silent fall back to words alone: search quality would
 * drop without anyone knowing.
 */
export function shippedWordVectors(): WordVectors {
  shipped ??= WordVectors.decode(readFileSync(shippedWordVectorsFile()));
  return shipped;
}
