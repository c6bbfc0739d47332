import { opendir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isSupportedDocument, type SourceDocument } from "../core";

/**
 * Walks a folder recursively and yields each Markdown or HTML file as a document whose id is its path relative
 * to the folder, with forward slashes on every OS. Files are read one at a time, so memory stays flat on large folders.
 * Hidden files and folders (".git") and node_modules are skipped.
 */
export async function* readDocuments(root: string): AsyncGenerator<SourceDocument> {
  for await (const file of walk(root)) {
    const [content, info] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    yield { id: relative(root, file).split(sep).join("/"), content, modifiedAt: info.mtime };
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = [];
  for await (const entry of await opendir(dir)) entries.push(entry);
  // Sorted, so ingest order (and progress output) is the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && isSupportedDocument(entry.name)) yield path;
  }
}
