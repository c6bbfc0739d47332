import { MAX_WORD_LENGTH, scanWords, surfaceOf, termOf } from "./analyzer";

type Visit = [string, number, number] | ["joined", string];

function visits(text: string): Visit[] {
  const out: Visit[] = [];
  scanWords(
    text,
    0,
    (surface, start, end) => void out.push([surface, start, end]),
    (joined) => void out.push(["joined", joined]),
  );
  return out;
}

/**
 * The reference: the plain regex scan scanWords replaced (every word a WORD match, surfaces by surfaceOf), kept
 * here as the oracle for the hand-written ASCII route.
 */
function referenceVisits(text: string): Visit[] {
  const out: Visit[] = [];
  let run: string[] = [];
  let previousEnd = -2;
  const endRun = (): void => {
    if (run.length > 1) out.push(["joined", surfaceOf(run.join(""))]);
    run = [];
  };
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length > MAX_WORD_LENGTH) {
      endRun();
      previousEnd = -2;
      continue;
    }
    if (!(start === previousEnd + 1 && text[previousEnd] === "-")) endRun();
    run.push(m[0]);
    previousEnd = end;
    out.push([surfaceOf(m[0]), start, end]);
  }
  endRun();
  return out;
}

describe("scanWords", () => {
  it("finds words, inner apostrophes and hyphenated runs", () => {
    expect(visits("Don't e-sign the co-ordinate form; it's 2FA")).toEqual([
      ["don't", 0, 5],
      ["e", 6, 7],
      ["sign", 8, 12],
      ["joined", "esign"],
      ["the", 13, 16],
      ["co", 17, 19],
      ["ordinate", 20, 28],
      ["joined", "coordinate"],
      ["form", 29, 33],
      ["it's", 35, 39],
      ["2fa", 40, 43],
    ]);
  });

  it.each([
    "Plain words, with punctuation. And NUMBERS 123 and mixed r2d2!",
    "don't it's o'clock rock'n'roll a''b a'1 9'a 'quoted' trailing'",
    "e-sign co-ordinate -lead trail- a--b x-y-z 1-2-3 well-being.",
    "a".repeat(41) + " short " + "b".repeat(40) + "-c",
    "under_score snake_case CamelCase kebab-case dot.separated path/to/file.md",
    "",
    "   \n\t ",
    "Café crèche naïve façade l’été l'été don’t “quoted” — dash… São Paulo Ærø",
    "mixed ascii-é-run e\u0301t\u00e9 x\u0301 \u0301lead ÉCOLE İstanbul",
    "emoji 👍 then 𝐀𝐁 math letters, 中文 and العربية",
  ])("visits the same words as the plain WORD regex scan: %j", (text) => {
    expect(visits(text)).toEqual(referenceVisits(text));
  });

  it("agrees with the plain WORD regex scan on random text", () => {
    // A fixed LCG: the same texts on every run.
    let state = 42;
    const random = (): number => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const alphabet = "abcXYZ019 '-_.\n\téü’“\u0301中👍";
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = Math.floor(random() * 80);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(visits(text)).toEqual(referenceVisits(text));
    }
  });

  it("folds accents on the Unicode route", () => {
    expect(visits("Café crèche").map((v) => v[0])).toEqual(["cafe", "creche"]);
  });
});

describe("termOf", () => {
  it("keeps apart words Porter2 would merge but guidance uses for different things", () => {
    const apart: Array<[string, string]> = [
      ["access", "accessibility"],
      ["intern", "internal"],
      ["internal", "international"],
      ["product", "production"],
      ["university", "universal"],
      ["organ", "organisation"],
      ["organism", "organisation"],
      ["organist", "organisation"],
      ["experience", "experiment"],
      ["engine", "engineering"],
      ["busy", "business"],
    ];
    for (const [a, b] of apart) expect([a, termOf(a)]).not.toEqual([a, termOf(b)]);
  });

  it("still folds the forms of each of those words together, in British and American spelling", () => {
    const together = [
      ["accessible", "accessibility", "accessibly"],
      ["organisation", "organization", "organisations", "organisational", "organise"],
      ["experiment", "experiments", "experimentation"],
      ["production", "productions"],
      ["access", "accessing", "accessed"],
    ];
    for (const forms of together) expect(new Set(forms.map(termOf)).size).toBe(1);
  });
});
