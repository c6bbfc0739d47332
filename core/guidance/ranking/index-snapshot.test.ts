import type { GuidancePage } from "../page";
import { parseDocument } from "../parse-document";
import { parseQuery } from "../query";
import { WordVectors } from "../semantic/word-vectors";
import { CouncilSearchEngine } from "./council-search-engine";
import { SnapshotMismatch, snapshotContentHashes, type IndexSnapshotPart, type SnapshotDoc } from "./index-snapshot";

const NOW = new Date("2025-06-01T12:00:00Z");
const WORDS = "leave sickness laptop charger password expenses mileage parking training payslip pension flexitime overtime desk lone working risk assessment fire safety first aid volunteer union grievance appraisal".split(" ");
const QUESTIONS = ["annual leave", "laptop charger broke", "lone working risk", "how do i claim mileage expenses", "pension", "fire safety training", "grievance union rep", "parking permit", "first aid", "what's the flexitime policy"];

/** A page of a few topic words, the same for the same n (a small deterministic generator, no randomness). */
function page(n: number, edition = 0): GuidancePage {
  const word = (k: number): string => WORDS[(n * 7 + k * 13 + edition * 5) % WORDS.length]!;
  const body = Array.from({ length: 12 }, (_, k) => `${word(k)} ${word(k + 1)} guidance for staff, section ${k}.`).join(" ");
  const keywords = n % 5 === 0 ? `---\nkeywords: [${word(1)} ${word(2)}]\n---\n` : "";
  return parseDocument({ id: `topic/page-${n}.md`, content: `${keywords}# ${word(0)} and ${word(3)} (${n})\n\n## ${word(4)}\n\n${body}\n` }, "test", NOW);
}

const vectors = new WordVectors(WORDS.slice(0, 4), 2, Float32Array.of(0.01, 0.01, 0.01, 0.01), Int8Array.of(100, 0, 0, 100, 70, 70, -50, 90));

function engineWith(pages: readonly GuidancePage[]): CouncilSearchEngine {
  const engine = new CouncilSearchEngine({ wordVectors: vectors });
  for (const p of pages) engine.upsert(p);
  return engine;
}

const answers = (engine: CouncilSearchEngine) => QUESTIONS.map((q) => engine.answerNow(parseQuery(q, 10)));

/** The engine's index as parts, copied as a file or a worker message would copy them (nothing shared). */
const partsOf = (engine: CouncilSearchEngine, termsPerPart = 17, docsPerPart = 9): IndexSnapshotPart[] => structuredClone([...engine.index.snapshotParts(termsPerPart, docsPerPart)]);

function restoredFrom(parts: readonly IndexSnapshotPart[], pages: readonly GuidancePage[], omit: ReadonlySet<string> = new Set()): CouncilSearchEngine {
  const text = new Map(pages.filter((p) => !omit.has(p.id)).map((p) => [p.id, p.text]));
  const engine = new CouncilSearchEngine({ wordVectors: vectors });
  engine.index.restore(parts, (id) => text.has(id), (id) => text.get(id));
  return engine;
}

/** The parts with the first page of the first pages part changed by `change`. */
function withFirstDoc(parts: readonly IndexSnapshotPart[], change: (doc: SnapshotDoc) => SnapshotDoc): IndexSnapshotPart[] {
  let done = false;
  return parts.map((p) => {
    if (p.kind !== "docs" || done) return p;
    done = true;
    return { ...p, docs: p.docs.map((d, i) => (i === 0 && d ? change(d) : d)) };
  });
}

describe("search index snapshots", () => {
  const pages = Array.from({ length: 60 }, (_, n) => page(n));

  it("restores an index that answers every question exactly as the original, text and meaning included", () => {
    const original = engineWith(pages);
    for (const n of [3, 11, 40]) original.remove(page(n).id); // dead slots travel too
    const restored = restoredFrom(partsOf(original), pages);

    expect(restored.size).toBe(57);
    expect(answers(restored)).toEqual(answers(original));
    expect(answers(original).some((a) => a.hits.length > 0 && !a.noAnswer)).toBe(true);
    const slot = restored.index.slot(page(0).id);
    expect(restored.index.doc(slot)).toEqual(original.index.doc(original.index.slot(page(0).id)));
    expect(restored.index.doc(slot)?.meaning).toBeDefined();
  });

  it("needs each page's text to restore into an index that keeps text, and none with a page text source", () => {
    const original = engineWith(pages);
    const parts = partsOf(original);
    const keeping = new CouncilSearchEngine({ wordVectors: vectors });
    expect(() => keeping.index.restore(parts, () => true)).toThrow(/needs each page's text/);
    const texts = new Map(pages.map((p) => [p.id, p.text]));
    const reading = new CouncilSearchEngine({ wordVectors: vectors, pageText: { textOf: (id) => ({ text: texts.get(id) ?? "", current: true }) } });
    reading.index.restore(parts, (id) => texts.has(id));
    expect(answers(reading)).toEqual(answers(original));
  });

  it("keeps working as an index after restore: new, changed and removed pages, through a compaction", () => {
    const many = Array.from({ length: 400 }, (_, n) => page(n));
    const titled = parseDocument({ id: "topic/for-staff.md", content: "# For staff\n\nPension guidance.\n" }, "test", NOW);
    const original = engineWith(many);
    const restored = restoredFrom(partsOf(original, 500, 50), many);
    const change = (engine: CouncilSearchEngine): void => {
      for (let n = 0; n < 300; n++) engine.remove(page(n).id); // past the compaction threshold
      for (let n = 390; n < 420; n++) engine.upsert(page(n, 1)); // changed and new pages: postings grow from restored lists
      engine.upsert(titled); // "for" so far only in bodies, where stopwords are not posted: its list was empty
    };
    change(original);
    change(restored);

    expect(restored.size).toBe(original.size);
    expect(restored.index.slotCount).toBe(original.index.slotCount); // compacted alike
    expect(answers(restored)).toEqual(answers(original));
    expect(answers(restored)).toEqual(answers(engineWith([...many.slice(300, 390), ...Array.from({ length: 30 }, (_, k) => page(390 + k, 1)), titled])));
    const forList = restored.index.postingsOf(restored.index.termId("for"))!;
    expect(Array.from(forList.docs.subarray(0, forList.length))).toEqual([restored.index.slot(titled.id)]);
  });

  it("leaves out the pages the store no longer has as they were, as if removed", () => {
    const original = engineWith(pages);
    const gone = new Set([page(0).id, page(7).id, page(21).id]);
    const restored = restoredFrom(partsOf(original), pages, gone);

    expect(restored.size).toBe(57);
    for (const id of gone) expect(restored.index.slot(id)).toBe(-1);
    expect(answers(restored)).toEqual(answers(engineWith(pages.filter((p) => !gone.has(p.id)))));
  });

  it("restores a vocabulary of 150,000+ terms (names, codes, typos), in parts cut by postings as well as by terms", () => {
    const unique = (n: number) => Array.from({ length: 100 }, (_, k) => `ref${n}x${k}`).join(" ");
    const big = Array.from({ length: 1_600 }, (_, n) => parseDocument({ id: `ref/${n}.md`, content: `# Case ${n}\n\nPension guidance ${unique(n)}.\n` }, "test", NOW));
    const original = engineWith(big);
    expect(original.index.vocabularySize).toBeGreaterThan(160_000);
    const parts = structuredClone([...original.index.snapshotParts(undefined, undefined, 500)]);
    const postingsParts = parts.flatMap((p) => (p.kind === "postings" ? [p] : []));
    // No part holds more than 500 postings unless one term alone has more ("pension", "guidance", "case": 1,600 each).
    for (const part of postingsParts) expect(part.docs.length <= 500 || part.offsets.length === 2).toBe(true);
    expect(postingsParts.length).toBeGreaterThan(10);

    const restored = restoredFrom(parts, big);
    expect(restored.size).toBe(1_600);
    expect(restored.answerNow(parseQuery("ref1234x56", 10)).hits.map((h) => h.id)).toEqual(["ref/1234.md"]);
    expect(restored.answerNow(parseQuery("pension case 77", 10))).toEqual(original.answerNow(parseQuery("pension case 77", 10)));
  });

  it("leaves out every page gone since even when dropping them compacts the index mid-restore", () => {
    const many = Array.from({ length: 1_000 }, (_, n) => page(n));
    const gone = new Set(many.filter((_, n) => n % 5 < 2).map((p) => p.id)); // 400 pages: past the compaction threshold
    const restored = restoredFrom(partsOf(engineWith(many), 500, 100), many, gone);
    expect(restored.size).toBe(600);
    expect(restored.index.slotCount).toBeLessThan(1_000); // compacted on the way
    for (const id of gone) expect(restored.index.slot(id)).toBe(-1);
    expect(answers(restored)).toEqual(answers(engineWith(many.filter((p) => !gone.has(p.id)))));
  });

  it("cuts pages into parts by words as well as by count, a page longer than the limit going alone", () => {
    const long = parseDocument({ id: "long/report.md", content: `# Annual report\n\n${"Pension figures for the year. ".repeat(200)}\n` }, "test", NOW);
    const original = engineWith([...pages.slice(0, 20), long, ...pages.slice(20, 30)]);
    const parts = structuredClone([...original.index.snapshotParts(undefined, 1_000, undefined, 300)]);
    const docsParts = parts.flatMap((p) => (p.kind === "docs" ? [p] : []));
    const words = (part: (typeof docsParts)[number]) => part.docs.reduce((sum, d) => sum + (d?.sequence.length ?? 0), 0);
    expect(docsParts.length).toBeGreaterThan(2);
    for (const part of docsParts) expect(words(part) <= 300 || part.docs.length === 1).toBe(true);
    expect(docsParts.some((part) => part.docs.length === 1 && part.docs[0]?.id === "long/report.md")).toBe(true);
    expect(answers(restoredFrom(parts, [...pages, long]))).toEqual(answers(original));
  });

  it("lists the content hash of every page it holds", () => {
    const original = engineWith(pages.slice(0, 5));
    expect(snapshotContentHashes(partsOf(original))).toEqual(new Map(pages.slice(0, 5).map((p) => [p.id, p.contentHash])));
  });

  it("refuses a damaged or partial snapshot and leaves the index it was given unchanged", () => {
    const parts = partsOf(engineWith(pages));
    const head = parts[0]!;
    const damaged: Array<[string, IndexSnapshotPart[]]> = [
      ["no head", parts.slice(1)],
      ["another format", [{ ...head, format: 999 } as IndexSnapshotPart, ...parts.slice(1)]],
      ["a part missing", parts.filter((_, i) => i !== 3)],
      ["the pages cut short", parts.slice(0, -1)],
      ["parts out of order", [parts[0]!, parts[2]!, parts[1]!, ...parts.slice(3)]],
      ["a posting past the last page", parts.map((p) => (p.kind === "postings" && p.from === 0 ? { ...p, docs: p.docs.map(() => 10_000) } : p))],
      ["a page without its terms", withFirstDoc(parts, (d) => ({ ...d, terms: [1, 2] as unknown as Int32Array }))],
      ["a page with a term past the dictionary", withFirstDoc(parts, (d) => ({ ...d, terms: Int32Array.of(1_000_000) }))],
      ["a page without an id", withFirstDoc(parts, (d) => ({ ...d, id: undefined as unknown as string }))],
      ["a part that is nothing", [...parts, null as unknown as IndexSnapshotPart]],
    ];
    const engine = engineWith(pages.slice(0, 10));
    const before = answers(engine);
    for (const [what, bad] of damaged) {
      expect(() => engine.index.restore(bad, () => true, () => "text")).toThrow(SnapshotMismatch);
      expect({ what, answers: answers(engine) }).toEqual({ what, answers: before });
    }
  });
});
