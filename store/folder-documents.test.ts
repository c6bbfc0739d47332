import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDocuments } from "./folder-documents";

describe("readDocuments", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "hub-docs-"));
    const files: Record<string, string> = {
      "b.md": "# B",
      "a.html": "<title>A</title>",
      "hr/leave.markdown": "# Leave",
      "hr/deep/policy.htm": "<h1>Policy</h1>",
      "notes.txt": "not a page",
      ".hidden/secret.md": "# Hidden",
      "node_modules/pkg/readme.md": "# Dependency",
      ".draft.md": "# Draft",
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("yields supported files recursively, sorted, with forward-slash relative ids", async () => {
    const docs = [];
    for await (const doc of readDocuments(root)) docs.push(doc);
    expect(docs.map((d) => d.id)).toEqual(["a.html", "b.md", "hr/deep/policy.htm", "hr/leave.markdown"]);
    expect(docs[1]?.content).toBe("# B");
    // Dates from node:fs come from outside jest's sandbox, so check the value rather than `instanceof Date`.
    expect(Number.isFinite(docs[1]?.modifiedAt?.getTime())).toBe(true);
  });
});
