import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import type { IndexSnapshotPart } from "../../core";

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
/** No part is near this (a few MB each); a larger length means a damaged file, not an allocation to attempt. */
const MAX_FRAME_BYTES = 1024 * 1024 * 1024;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes `parts` under `key`, replacing any snapshot at `file` only once the whole new one is on disk. */
export async function writeSnapshotFile(file: string, key: string, parts: Iterable<IndexSnapshotPart>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    const keyBytes = Buffer.from(key, "utf8");
    writeAll(fd, Buffer.concat([MAGIC, u32(keyBytes.length), keyBytes]));
    for (const part of parts) {
      const bytes = serialize(part);
      writeAll(fd, Buffer.concat([u32(bytes.length), u32(crc32(bytes))]));
      writeAll(fd, bytes);
      await yieldToEventLoop();
    }
    writeAll(fd, u32(0));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
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
    if (!read(MAGIC.length).equals(MAGIC)) return { unusable: "not a snapshot file" };
    const keyLength = read(4).readUInt32LE(0);
    if (keyLength > 1024 || read(keyLength).toString("utf8") !== key) return { unusable: "written by another version of Council Hub" };
    const parts: IndexSnapshotPart[] = [];
    for (;;) {
      const length = read(4).readUInt32LE(0);
      if (length === 0) break;
      if (length > MAX_FRAME_BYTES) return { unusable: "damaged (frame length)" };
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
