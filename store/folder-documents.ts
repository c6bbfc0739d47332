import { closeSync, fstatSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { isSupportedDocument, type SourceDocument } from "../core";

/**
 * Walks a folder recursively and yields each Markdown or HTML file as a document whose id is its path relative
 * to the folder, with forward slashes on every OS. Files are read one at a time, so memory stays flat on large folders.
 * Hidden files and folders (".git") and node_modules are skipped.
 */
export async function* readDocuments(root: string): AsyncGenerator<SourceDocument> {
  for (const file of walk(root)) {
    // Read synchronously: a guidance page is a few KB, read in tens of microseconds, while the promise API's
    // separate open, stat, read and close round trips through the thread pool cost several times that in CPU
    // (it was most of the time of reading a folder).
    yield { id: relative(root, file).split(sep).join("/"), ...readFileNow(file) };
  }
}

function readFileNow(file: string): { content: string; modifiedAt: Date } {
  const fd = openSync(file, "r");
  try {
    return { modifiedAt: fstatSync(fd).mtime, content: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}

function* walk(dir: string): Generator<string> {
  // Listed synchronously for the same reason files are read so: the async directory iterator costs more than the listing.
  const entries = readdirSync(dir, { withFileTypes: true });
  // Sorted, so ingest order (and progress output) is the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && isSupportedDocument(entry.name)) yield path;
  }
}
