import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { INDEX_SNAPSHOT_FORMAT } from "../../core";
import { shippedWordVectorsFile } from "../semantic/shipped-word-vectors";

/**
 * What a search index snapshot must have been built by to be restored: this snapshot format, this code for turning
 * pages into index terms (analyser, stemmer, stopwords, spelling folds, the index itself, word meanings) and these
 * word vectors. It is a hash of those files as installed, so any upgrade that could change how a page is indexed
 * makes the next start rebuild the index from the pages instead of restoring one built by the old code; nobody has
 * to remember to bump a version. Ranking code is hashed too (it shares the folder), which costs one rebuild on an
 * upgrade that did not need it: a start as slow as one without a snapshot, no worse.
 */
let memo: string | undefined;

export function indexSnapshotKey(): string {
  memo ??= computeKey();
  return memo;
}

function computeKey(): string {
  const hash = createHash("sha256").update(`council-hub search index snapshot, format ${INDEX_SNAPSHOT_FORMAT}\n`);
  const ranking = dirname(require.resolve("../../core/guidance/ranking/guidance-index"));
  const semantic = dirname(require.resolve("../../core/guidance/semantic/word-vectors"));
  const stopwords = require.resolve("../../core/guidance/stopwords");
  for (const file of [...codeFiles(ranking), ...codeFiles(semantic), stopwords, shippedWordVectorsFile()]) {
    hash.update(`${basename(dirname(file))}/${basename(file)}\n`).update(readFileSync(file));
  }
  return hash.digest("hex");
}

/** A folder's code files, in a fixed order: not tests, type declarations or source maps. */
function codeFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.(js|ts)$/.test(name) && !/\.test\.|\.d\.ts$/.test(name))
    .sort()
    .map((name) => join(folder, name));
}
