import { parseDocument, parseQuery } from "../../core";
import { openDatabase, type SqliteDb } from "../../store";
import { Fts5Pages, toMatchExpression } from "./fts5-peer";

const NOW = new Date("2025-06-01T12:00:00Z");
const page = (id: string, content: string) => parseDocument({ id, content }, "test", NOW);

describe("the bench's FTS5 peer", () => {
  let db: SqliteDb;
  let fts: Fts5Pages;
  beforeEach(async () => {
    db = openDatabase(":memory:");
    fts = new Fts5Pages(db);
    await fts.apply({ upserts: [page("a.md", "# Annual leave\n\nBook it in the portal.\n"), page("b.md", "# Sickness\n\nPhone your manager; mention leave.\n")], removals: [] });
  });
  afterEach(() => db.close());

  it("ranks a title match above a body match", () => {
    expect(fts.search(parseQuery("leave"))).toEqual(["a.md", "b.md"]);
  });

  it("follows updates and removals, and keeps its index intact", async () => {
    await fts.apply({ upserts: [page("a.md", "# Annual leave\n\nUse the zanzibar form.\n")], removals: ["b.md"] });
    expect(fts.search(parseQuery("portal"))).toEqual([]);
    expect(fts.search(parseQuery("zanzibar"))).toEqual(["a.md"]);
    expect(fts.search(parseQuery("sickness"))).toEqual([]);
    expect(() => db.exec("INSERT INTO bench_fts(bench_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it.each([[['"']], [["*"]], [["NEAR("]], [["a:b"]], [["-"]], [["^"]], [['x" OR "y']]])("quotes raw terms %j safely", (terms) => {
    expect(fts.search({ text: terms.join(" "), terms, keyTerms: terms, top: 5 })).toEqual(expect.any(Array));
  });

  it("quotes every term in the MATCH expression", () => {
    expect(toMatchExpression(["annual", "leave", "annual"])).toBe('"annual" OR "leave"');
    expect(toMatchExpression(['a"b'])).toBe('"a""b"');
  });
});
