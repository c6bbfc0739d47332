import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import type { IndexSnapshotPart } from "../../core";
import { yieldToEventLoop } from "../yield-to-event-loop";

/**
 * The search index snapshot on disk: the index's parts (core ranking/index-snapshot) as V8-serialised frames.
 *
 *   "CHIX" · u32 key length · key (UTF-8) · frames · end frame
 *   frame:     u32 byte length (> 0) · u32 CRC-32 of the bytes · the bytes (one part, v8.serialize)
 *   end frame: u32 0
 *
 * The key says which code and word vectors built the index (see snapshot-key); a snapshot under another key is
 * ignored. The CRC and the end frame catch a damaged or cut-short file, which is then ignored too: the snapshot is
 * only ever a quicker start, never the only copy of anything (the pages are in SQLite).
 *
 * Written to a temporary file and renamed into place, so a reader (another host on the same DATA_DIR) sees the old
 * snapshot or the new one, never half of one. Reading and writing give the event loop back after every part (a few
 * MB at most), so a host writing or reading a large index still answers requests.
 */
const MAGIC = Buffer.from("CHIX");
/** No part is near this (about 10 MB at most); a larger length means a damaged file, not an allocation to attempt. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024;
/**
 * A temporary file older than this is left over from a writer that was killed (a container stopped mid-write): it
 * is removed. A younger one may be another host's write in progress (hosts can share a DATA_DIR).
 */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Writes `parts` under `key`, replacing any snapshot at `file` only once the whole new one is on disk. Refuses (throws)
 * a part over `maxFrameBytes`, which readSnapshotFile would refuse at every start (a parameter for tests).
 */
export async function writeSnapshotFile(file: string, key: string, parts: Iterable<IndexSnapshotPart>, maxFrameBytes = MAX_FRAME_BYTES): Promise<void> {
  // A name no other writer can have (two hosts in one process, two containers that are both pid 1), created afresh.
  const temporary = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx");
  let open = true;
  try {
    const keyBytes = Buffer.from(key, "utf8");
    writeAll(fd, Buffer.concat([MAGIC, u32(keyBytes.length), keyBytes]));
    for (const part of parts) {
      const bytes = serialize(part);
      // Never write a snapshot that readSnapshotFile would refuse at every start.
      if (bytes.length > maxFrameBytes) throw new Error(`a snapshot part of ${bytes.length} bytes is over the ${maxFrameBytes}-byte limit`);
      writeAll(fd, Buffer.concat([u32(bytes.length), u32(crc32(bytes))]));
      writeAll(fd, bytes);
      await yieldToEventLoop();
    }
    writeAll(fd, u32(0));
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temporary, file);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes temporary snapshot files beside `file` left by writers that were killed (older than STALE_TEMPORARY_MS). */
export function removeStaleTemporaries(file: string, now = Date.now()): void {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const path = join(dirname(file), name);
    try {
      if (now - statSync(path).mtimeMs > STALE_TEMPORARY_MS) rmSync(path, { force: true });
    } catch {
      // Gone already (another host cleaned it, or its writer renamed it): nothing to do.
    }
  }
}

/** What reading a snapshot found: its parts, or why there are none to use. */
export type SnapshotRead = { readonly parts: IndexSnapshotPart[] } | { readonly unusable: string };

/** Reads the snapshot at `file` if there is a whole one written under `key`. Never throws for a missing or bad file. */
export async function readSnapshotFile(file: string, key: string): Promise<SnapshotRead> {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return { unusable: "no snapshot yet" };
  }
  try {
    let position = 0;
    const read = (length: number): Buffer => {
      const buffer = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buffer, got, length - got, position + got);
        if (n === 0) throw new Error("cut short");
        got += n;
      }
      position += length;
      return buffer;
    };
    const size = fstatSync(fd).size;
    if (size < MAGIC.length + 4 || !read(MAGIC.length).equals(MAGIC)) return { unusable: "not a snapshot file" };
    const keyLength = read(4).readUInt32LE(0);
    if (keyLength > 1024 || read(keyLength).toString("utf8") !== key) return { unusable: "written by another version of Council Hub" };
    const parts: IndexSnapshotPart[] = [];
    for (;;) {
      const length = read(4).readUInt32LE(0);
      if (length === 0) break;
      // Checked before allocating: a damaged length must not become a huge allocation.
      if (length > MAX_FRAME_BYTES || position + 4 + length > size) return { unusable: "damaged (frame length)" };
      const checksum = read(4).readUInt32LE(0);
      const bytes = read(length);
      if (crc32(bytes) !== checksum) return { unusable: "damaged (checksum)" };
      parts.push(deserialize(bytes) as IndexSnapshotPart);
      await yieldToEventLoop();
    }
    return { parts };
  } catch (error) {
    return { unusable: `unreadable (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than asked; this writes it all. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

function u32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeUInt32LE(value >>> 0, 0);
  return buffer;
}
