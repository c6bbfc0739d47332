import type { GuidancePage } from "../page";
import { parseDocument } from "../parse-document";
import { parseQuery } from "../query";
import { WordVectors } from "../semantic/word-vectors";
import type { Vocabulary } from "../vocabulary/vocabulary";
import { CouncilSearchEngine } from "./council-search-engine";
import { ExpansionTable } from "./expansion-table";
import { planQuery } from "./query-plan";
import { DEFAULT_RANKING_OPTIONS } from "./ranking-options";

const NOW = new Date("2025-06-01T12:00:00Z");
const page = (id: string, markdown: string): GuidancePage => parseDocument({ id, content: markdown }, "test", NOW);

const LIBRARY: GuidancePage[] = [
  page("hr/annual-leave.md", "# Annual leave\n\n## Booking leave\n\nBook annual leave in the HR portal at least two weeks ahead. You can carry over up to five days into the next leave year.\n"),
  page("hr/sickness.md", "# Sickness absence\n\nPhone your line manager before 10am on the first day you are off sick. After seven days you need a fit note.\n"),
  page("hr/occupational-health.md", "# Occupational health referrals\n\nYour manager can refer you to occupational health. The appointment is confidential and takes about an hour.\n"),
  page("it/laptops.md", "# Laptops and equipment\n\nIf your laptop or its power adapter is broken, raise a ticket with the service desk for a replacement.\n"),
  page("it/passwords.md", "# Password requirements\n\nPasswords must be at least twelve characters. Never reuse a password from another system.\n"),
  page("comms/brand.md", "# Brand colours\n\nUse the organisation's colour palette and logo. The programme board approves new colours.\n"),
  page("misc/mentions.md", "# Staff news\n\nThis week's news mentions annual plans, a leave of absence for the chair, and the password for the wifi in the canteen. " + "Other long unrelated text about committees and agendas. ".repeat(20) + "\n"),
];

function engineWith(pages: readonly GuidancePage[] = LIBRARY): CouncilSearchEngine {
  const engine = new CouncilSearchEngine();
  for (const p of pages) engine.upsert(p);
  return engine;
}

const ask = (engine: CouncilSearchEngine, text: string) => engine.answerNow(parseQuery(text, 10));
const ids = (engine: CouncilSearchEngine, text: string) => ask(engine, text).hits.map((h) => h.id);

describe("CouncilSearchEngine", () => {
  const engine = engineWith();

  it("ranks the page titled with the question first", () => {
    expect(ids(engine, "annual leave")[0]).toBe("hr/annual-leave.md");
    expect(ids(engine, "password rules")[0]).toBe("it/passwords.md");
  });

  it("stems and folds British/American spelling", () => {
    expect(ids(engine, "booking")[0]).toBe("hr/annual-leave.md");
    expect(ids(engine, "organization color")[0]).toBe("comms/brand.md");
    expect(ids(engine, "program board")[0]).toBe("comms/brand.md");
  });

  it("expands acronyms and synonyms from the vocabulary", () => {
    expect(ids(engine, "OH appointment next week what happens")[0]).toBe("hr/occupational-health.md");
    expect(ids(engine, "vacation carry over")[0]).toBe("hr/annual-leave.md");
    expect(ids(engine, "laptop charger broke")[0]).toBe("it/laptops.md");
  });

  it("applies a vocabulary change at once, without re-indexing", () => {
    const local = engineWith();
    expect(ids(local, "zorbing")).toEqual([]);
    local.setVocabulary({ entries: [{ terms: ["zorbing", "occupational health"] }] });
    expect(ids(local, "zorbing")[0]).toBe("hr/occupational-health.md");
  });

  it("tolerates a typo without drowning exact matches", () => {
    expect(ids(engine, "pasword requirments")[0]).toBe("it/passwords.md");
    expect(ids(engine, "sickness")[0]).toBe("hr/sickness.md");
  });

  it("quotes the answering passage with the matched words marked", () => {
    const [hit] = ask(engine, "fit note after seven days").hits;
    expect(hit?.id).toBe("hr/sickness.md");
    expect(hit?.snippet).toContain("**fit** **note**");
  });

  it("says when nothing answers, but still returns the closest pages", () => {
    const answer = ask(engine, "when does the canteen close");
    expect(answer.noAnswer).toBe(true);
    expect(ask(engine, "how do i book annual leave").noAnswer).toBe(false);
    expect(ask(engine, "xylophone quartet").hits).toEqual([]);
  });

  it("does not let a vocabulary phrase that no page could match make an unknown word look matchable", () => {
    // "restaurant" is in no page, so "staff restaurant" can never match; "refectory" stays a word nothing answers.
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["refectory", "staff restaurant"] }] } });
    const library = [...LIBRARY, page("hr/staff-rota.md", "# Staff rota\n\nStaff rotas are published on Fridays. The office closes at six.\n")];
    for (const p of library) engine.upsert(p);
    expect(ask(engine, "staff refectory").noAnswer).toBe(true);
  });

  it("counts a long vocabulary phrase's missing word against it, so it is not matched on a minority of its words", () => {
    // "hall" is in no page: "staff dining room hall" still needs three of its four words, and the rota has two.
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["refectory", "staff dining room hall"] }] } });
    const rota = page("hr/rota.md", "# Rota\n\nStaff swap shifts in the break room.\n");
    const dining = page("misc/dining.md", "# Eating out\n\nDining out in town after work.\n");
    for (const p of [...LIBRARY, rota, dining]) engine.upsert(p);
    expect(ask(engine, "refectory").noAnswer).toBe(true);
  });

  it("expands a phrase that needs its small words once a misspelling in it is corrected ('on dutty' is 'on duty')", () => {
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["on duty", "standby"] }] } });
    const standby = page("hr/standby.md", "# Standby payments\n\nStaff on standby are paid each week.\n");
    const managers = page("it/managers.md", "# Managers\n\nThe duty manager answers the phone.\n");
    for (const p of [standby, managers]) engine.upsert(p);
    expect(ids(engine, "on dutty")).toContain("hr/standby.md");
  });

  it("does not let a phrase stand in for a word no page has when the phrase lacks that very word", () => {
    // "spinal column point" for "spinal point" would match any page about columns and points.
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["spinal point", "spinal column point"] }] } });
    for (const p of [...LIBRARY, page("it/tables.md", "# Tables\n\nEach column has a point size and a heading.\n")]) engine.upsert(p);
    expect(ask(engine, "spinal point").noAnswer).toBe(true);
  });

  it("finds pages through a broader word but does not take them as answering the narrower one", () => {
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["tablet"], broader: ["equipment"] }] } });
    const catalogue = page("it/equipment.md", "# Desk catalogue\n\nOrder equipment for your desk from the catalogue.\n");
    for (const p of [catalogue, ...LIBRARY.filter((p) => p.id.startsWith("hr/"))]) engine.upsert(p);
    const answer = ask(engine, "tablet");
    expect(answer.hits[0]?.id).toBe("it/equipment.md");
    expect(answer.noAnswer).toBe(true);
  });

  it("ignores chat framing around a question", () => {
    for (const text of [
      "i was wondering how to book annual leave",
      "does anyone know how to book annual leave asap",
      "any info on booking annual leave",
      "i've booked annual leave, haven't i? it's in the portal, isn't it",
    ]) {
      const answer = ask(engine, text);
      expect(answer.hits[0]?.id).toBe("hr/annual-leave.md");
      expect(answer.noAnswer).toBe(false);
    }
  });

  it("answers the topic of a question without marking it down for framing words ('what happens now')", () => {
    const library = [
      ...LIBRARY,
      page("hr/probation.md", "# Probation\n\nIf you fail probation, your line manager meets you to agree an extension or to end your employment.\n"),
      page("news/updates.md", "# What happens next\n\nRight now the team is going to tell you what happens with the new building. We need your help to find things.\n"),
    ];
    const answer = ask(engineWith(library), "failed my probation what happens now");
    expect(answer.hits[0]?.id).toBe("hr/probation.md");
    expect(answer.noAnswer).toBe(false);
  });

  it("does not mark an answer down for the council and its residents, which every council question is about", () => {
    const library = [
      ...LIBRARY,
      page("digital/take-up.md", "# Increasing digital take-up\n\nHelp more people apply online: make the online service easy to find and use, and tell callers about it.\n"),
    ];
    const answer = ask(engineWith(library), "how do we get more council residents to apply online");
    expect(answer.hits[0]?.id).toBe("digital/take-up.md");
    expect(answer.noAnswer).toBe(false);
  });

  it("re-orders the pages its words found by how close their titles are in meaning to the question", () => {
    // Two dimensions: tool words one way, leave words the other. The question's only word with a vector is "spanner".
    const vectors = new WordVectors(["spanner", "tools", "leave"], 2, Float32Array.of(0.01, 0.01, 0.01), Int8Array.of(100, 0, 100, 0, 0, 100));
    const library = [
      page("it/kit.md", "# Tools\n\nAsk the service desk for a replacement.\n"),
      page("hr/form.md", "# Replacement leave\n\nThe leave form is on the HR portal.\n"),
    ];
    const byWords = engineWith(library);
    const withMeaning = new CouncilSearchEngine({ wordVectors: vectors });
    for (const p of library) withMeaning.upsert(p);
    const question = "spanner replacement";
    expect(ids(byWords, question)).toEqual(["hr/form.md", "it/kit.md"]);
    expect(ids(withMeaning, question)).toEqual(["it/kit.md", "hr/form.md"]);
    // Meaning only re-orders: the same pages, and the same verdict on whether they answer.
    expect(ask(withMeaning, question).noAnswer).toBe(ask(byWords, question).noAnswer);
    const off = new CouncilSearchEngine({ wordVectors: vectors, ranking: { meaningWeight: 0 } });
    for (const p of library) off.upsert(p);
    expect(ids(off, question)).toEqual(["hr/form.md", "it/kit.md"]);
  });

  it("follows upserts and removals", () => {
    const local = engineWith();
    local.upsert(page("it/passwords.md", "# Passkeys\n\nWe now use passkeys.\n"));
    expect(ids(local, "twelve characters")).not.toContain("it/passwords.md");
    expect(ids(local, "passkeys")).toEqual(["it/passwords.md"]);
    local.remove("it/passwords.md");
    expect(ids(local, "passkeys")).toEqual([]);
    expect(local.size).toBe(LIBRARY.length - 1);
  });

  it("stays correct after many removals compact the index", () => {
    const local = new CouncilSearchEngine();
    for (let i = 0; i < 600; i++) local.upsert(page(`bulk/${i}.md`, `# Page ${i}\n\nFiller words number${i}.\n`));
    for (let i = 0; i < 500; i++) local.remove(`bulk/${i}.md`);
    local.upsert(page("bulk/new.md", "# Fresh\n\nnumber550 again and a new word.\n"));
    expect(ids(local, "number550").sort()).toEqual(["bulk/550.md", "bulk/new.md"]);
    expect(ids(local, "number10")).toEqual([]);
  });

  it("finds words with or without accents", () => {
    const local = engineWith([page("cy/croeso.md", "# Croeso\n\nGŵyl y banc: café opening times.\n")]);
    expect(ids(local, "gwyl")).toEqual(["cy/croeso.md"]);
    expect(ids(local, "cafe")).toEqual(["cy/croeso.md"]);
  });
});

describe("CouncilSearchEngine: the author's keywords field", () => {
  const tagged = page("hr/ppl.md", "---\ntitle: Paid parental leave\nkeywords: \"maternity, quokka\"\ndescription: Time off for zephyrs\n---\nTwelve weeks of paid time off for a new child.\n");
  const mentions = page("hr/policy-list.md", "# Policies\n\nA list of policies, among them maternity pay, sickness and expenses, with many other words besides. " + "Filler words about meetings. ".repeat(10) + "\n");

  it("finds a page by a word only its keywords or description hold", () => {
    const engine = engineWith([tagged, mentions]);
    expect(ids(engine, "quokka")).toEqual(["hr/ppl.md"]);
    expect(ids(engine, "zephyrs")).toEqual(["hr/ppl.md"]);
  });

  it("takes the author's keywords as an answer, like a passage that says the question", () => {
    const answer = ask(engineWith([tagged, mentions]), "quokka");
    expect(answer.hits[0]?.id).toBe("hr/ppl.md");
    expect(answer.noAnswer).toBe(false);
  });

  it("ranks a keyword above a passing mention in another page's body", () => {
    expect(ids(engineWith([mentions, tagged]), "maternity")[0]).toBe("hr/ppl.md");
  });

  it("ranks first a page tagged with exactly the question, above one with a section on it", () => {
    const hrLinks = page("tools/hr-links.md", "---\ntitle: HR Links\nkeywords: \"pay, time sheets, leave\"\n---\nThe HR system: leave, pay and your time sheets in one place.\n");
    const reminders = page("tools/payroll-calendar.md", "# Payroll calendar\n\n## Time sheets\n\nSubmit time sheets by Friday. Late time sheets delay pay for everyone on the payroll.\n");
    expect(ids(engineWith([reminders, hrLinks]), "time sheets")[0]).toBe("tools/hr-links.md");
    // A question that only contains the keyword among other words is ranked as usual.
    expect(ids(engineWith([reminders, hrLinks]), "time sheets due friday")[0]).toBe("tools/payroll-calendar.md");
    const untagged = new CouncilSearchEngine({ ranking: { tagMatchWeight: 0 } });
    for (const p of [reminders, hrLinks]) untagged.upsert(p);
    expect(ids(untagged, "time sheets")[0]).toBe("tools/payroll-calendar.md");
  });

  it("matches a tag with small words of its own only as a whole ('IT support' is not the tag 'support')", () => {
    const desk = page("it/desk.md", "---\ntitle: Service desk\nkeywords: \"IT support, out of hours\"\n---\nRaise a ticket with the service desk, day or night.\n");
    const cover = page("it/cover.md", "# Night cover\n\nCalls at night go to the duty engineer.\n");
    // The desk page's score with the tag bonus (default) and without it (0): equal when no tag is the question.
    const deskScore = (weight: number | undefined, text: string): number | undefined => {
      const engine = new CouncilSearchEngine(weight === undefined ? {} : { ranking: { tagMatchWeight: weight } });
      for (const p of [cover, desk]) engine.upsert(p);
      return ask(engine, text).hits.find((h) => h.id === "it/desk.md")?.score;
    };
    expect(deskScore(undefined, "support")).toBe(deskScore(0, "support"));
    expect(deskScore(undefined, "what about out of hours")).toBeGreaterThan(deskScore(0, "what about out of hours")!);
    expect(deskScore(undefined, "out of hours")).toBeGreaterThan(deskScore(0, "out of hours")!);
    expect(deskScore(undefined, "IT support")).toBeGreaterThan(deskScore(0, "IT support")!);
  });

  it("ignores the field when its weight is 0 (the bench's keywords-off run)", () => {
    const engine = new CouncilSearchEngine({ ranking: { fieldWeights: { ...DEFAULT_RANKING_OPTIONS.fieldWeights, keywords: 0 } } });
    for (const p of [tagged, mentions]) engine.upsert(p);
    expect(ids(engine, "quokka")).toEqual([]);
  });

  it("forgets a page's keywords when the page is replaced or removed", () => {
    const engine = engineWith([tagged, mentions]);
    engine.upsert(page("hr/ppl.md", "# Paid parental leave\n\nTwelve weeks.\n"));
    expect(ids(engine, "quokka")).toEqual([]);
    engine.remove("hr/ppl.md");
    expect(ids(engine, "twelve")).toEqual([]);
  });
});

/** Two engines over the same pages and vocabulary: one without a word list, one knowing `words` as the language's. */
function withAndWithoutWords(pages: readonly GuidancePage[], vocabulary: Vocabulary, words: readonly [string, string]) {
  const language = new WordVectors([...words], 2, Float32Array.of(0.01, 0.01), Int8Array.of(100, 0, 0, 100));
  const plain = new CouncilSearchEngine({ vocabulary });
  const withLanguage = new CouncilSearchEngine({ vocabulary, wordVectors: language });
  for (const p of pages) {
    plain.upsert(p);
    withLanguage.upsert(p);
  }
  return { plain, withLanguage };
}

describe("CouncilSearchEngine: misspelt and loosely worded questions", () => {
  const bereavement = page("hr/bereavement.md", "# Bereavement leave\n\nUp to five days of paid time off when someone close to you dies, and time for the funeral.\n");
  const annual = page("hr/annual.md", "# Annual leave\n\nBook leave in the portal. Leave requests need two weeks' notice.\n");
  const values = page("hr/values.md", "# Our values\n\nBe compassionate, be kind, be honest with colleagues and residents.\n");

  it("scores a page finitely when a word that stems to a stopword matches through a vocabulary phrase", () => {
    // "getting" is analysed as "get", a stopword that holds no position of its own.
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["new starter", "getting started"] }] } });
    const welcome = page("hr/welcome.md", "# Welcome\n\nOn your first day getting started is easy: get your badge at reception.\n");
    const starters = page("hr/starters.md", "# New starter checklist\n\nWhat a new starter does on the first day at work.\n");
    for (const p of [welcome, starters]) engine.upsert(p);
    const answer = ask(engine, "first day as a new starter");
    expect(answer.hits.every((hit) => Number.isFinite(hit.score))).toBe(true);
    expect(answer.hits[0]?.id).toBe("hr/starters.md");
  });

  it("keeps leaving the organisation apart from leave (time off)", () => {
    const leavers = page("hr/leavers.md", "# Leavers\n\nBefore your last day, return your laptop and badge. Your manager completes the offboarding form.\n");
    const engine = engineWith([annual, bereavement, leavers]);
    expect(ids(engine, "leaving")[0]).toBe("hr/leavers.md");
    expect(ids(engine, "i am leaving, what do i return")).not.toContain("hr/annual.md");
  });

  it("finds a word whose stem is a stopword in page bodies ('getting' is not 'get')", () => {
    const guide = page("it/guide.md", "# Your laptop\n\nGetting a new laptop set up takes an hour.\n");
    const other = page("it/other.md", "# Printers\n\nGet a printer added from the portal.\n");
    expect(ids(engineWith([other, guide]), "getting")).toEqual(["it/guide.md"]);
  });

  it("expands a misspelt word through the vocabulary as the word meant", () => {
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["compassionate leave", "bereavement leave"] }] } });
    for (const p of [annual, values, bereavement]) engine.upsert(p);
    const answer = ask(engine, "compasionate leave");
    expect(answer.hits[0]?.id).toBe("hr/bereavement.md");
    expect(answer.noAnswer).toBe(false);
  });

  it("reads a misspelt word as the vocabulary word meant when no page uses that word ('secondmnet' is 'secondment')", () => {
    const detail = page("hr/details.md", "# Detail assignments\n\nA detail assignment moves you to another team for a few months.\n");
    const hours = page("hr/hours.md", "# Flexible hours\n\nAgree flexible hours with your manager.\n");
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["secondment", "detail assignment"] }, { terms: ["flexitime", "flextime", "flexible hours"] }] } });
    for (const p of [annual, values, detail, hours]) engine.upsert(p);
    const answer = ask(engine, "secondmnet to another department");
    expect(answer.hits[0]?.id).toBe("hr/details.md");
    expect(answer.noAnswer).toBe(false);
    // One edit from two vocabulary words of one entry ("flexitime", "flextime"): synonyms, so a clear reading.
    expect(ids(engine, "flextiime")[0]).toBe("hr/hours.md");
  });

  it("corrects a misspelling to the word's stem when no page uses the form meant ('contracotrs' is 'contractors')", () => {
    const contractor = page("hr/contractor.md", "# Working with a contractor\n\nA contractor signs the framework agreement first.\n");
    const engine = engineWith([contractor, annual, values]);
    // Pages say "contractor", never "contractors": no word form is one edit from "contracotrs", but its stem is.
    expect(ids(engine, "contracotrs")).toEqual(["hr/contractor.md"]);
    expect(ask(engine, "contracotrs").noAnswer).toBe(false);
  });

  it("does not correct the stem of a word of the language that no page uses ('fodders' is not 'folders')", () => {
    const folder = page("it/shared-drive.md", "# Shared folder structure\n\nKeep each team folder tidy and named for its work.\n");
    // No vocabulary, so that nothing but spelling is at work.
    const { plain, withLanguage } = withAndWithoutWords([folder, annual], { entries: [] }, ["fodders", "animal"]);
    // Without a word list, "fodders" reads as a slip for "folders" (its stem is one edit from "folder") ...
    expect(ids(plain, "fodders")).toEqual(["it/shared-drive.md"]);
    // ... but it is a word of the language, spelt right, that no page uses: no answer.
    expect(ask(withLanguage, "fodders")).toEqual({ hits: [], noAnswer: true });
  });

  it("keeps the first letter when correcting a stem ('retailers' is not 'details')", () => {
    const detail = page("hr/details.md", "# Personal detail\n\nUpdate your detail in the portal.\n");
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [] } });
    for (const p of [detail, annual]) engine.upsert(p);
    expect(ids(engine, "retailers")).toEqual([]);
  });

  it("frames a misspelt framing word as the word meant ('rlesidents' weighs as 'residents'), and only those", () => {
    const staff = page("hr/staff-parking.md", "# Staff parking\n\nStaff park in the rear car park. Fly tipping is reported to the waste team.\n");
    const engine = engineWith([annual, values, bereavement, staff]);
    const table = new ExpansionTable({ entries: [] });
    const concept = (question: string, label: string) => planQuery(parseQuery(question, 10), engine.index, table, DEFAULT_RANKING_OPTIONS).concepts.find((c) => c.label === label);
    expect(concept("rlesidents bereavement", "rlesidents")).toMatchObject({ framing: true });
    expect(ids(engine, "rlesidents bereavement")[0]).toBe("hr/bereavement.md");
    // "stff" is one slip from "stuff" (framing), but it is corrected to "staff", which is not.
    expect(concept("stff parking", "stff")?.framing).toBeUndefined();
    // "tiping" is corrected to "tipping", whose stem is that of "tips" (framing), but no slip from "tips".
    expect(concept("fly tiping", "tiping")?.framing).toBeUndefined();
  });

  it("does not read a word of the language as a vocabulary word one slip away ('copper' is not 'copier')", () => {
    const printers = page("it/printers.md", "# Printers\n\nSend a job to the printer from any laptop.\n");
    const { plain, withLanguage } = withAndWithoutWords([printers, annual], { entries: [{ terms: ["copier", "photocopier", "printer"] }] }, ["copper", "pipes"]);
    expect(ids(plain, "copper")).toEqual(["it/printers.md"]); // read as "copier" without a word list
    expect(ids(withLanguage, "copper")).toEqual([]);
  });

  it("reads a word that one page misspells as the common word one slip away too ('encypted')", () => {
    const slip = page("dev/slip.md", "# Backups\n\nBackups are encypted at rest, and fncrypted too.\n");
    const common = Array.from({ length: 20 }, (_, n) => page(`dev/encryption-${n}.md`, `# Encryption ${n}\n\nThe database is encrypted at rest.\n`));
    const trail = page("hr/walks.md", "# Lunchtime walks\n\nThe canal trail is a pleasant walk.\n");
    const trials = Array.from({ length: 20 }, (_, n) => page(`dev/trial-${n}.md`, `# Trial ${n}\n\nRun a trial of the new service.\n`));
    const engines = [new Set(["walk"]), new Set(["walk", "trail"])].map((language) => {
      const engine = new CouncilSearchEngine({ vocabulary: { entries: [] }, language });
      for (const p of [slip, ...common, trail, ...trials, annual]) engine.upsert(p);
      return engine;
    });
    const [lacking, knowing] = engines as [CouncilSearchEngine, CouncilSearchEngine];
    // "encypted" is on one page and no word of the language; "encrypted", one slip away, is on twenty.
    const found = ids(lacking, "encypted backups");
    expect(found[0]).toBe("dev/slip.md");
    expect(found.filter((id) => id.startsWith("dev/encryption-")).length).toBeGreaterThan(0);
    // Only beside other words the pages know: alone, a rare word (often a name) is left as it is.
    expect(ids(lacking, "encypted")).toEqual(["dev/slip.md"]);
    // The first letter is kept: "fncrypted" is not read as "encrypted".
    expect(ids(lacking, "fncrypted backups")).toEqual(["dev/slip.md"]);
    // A word of the language on one page is its own word, not a slip for a commoner one ("trail" is not "trial").
    expect(ids(lacking, "canal trail").filter((id) => id.startsWith("dev/trial-")).length).toBeGreaterThan(0);
    expect(ids(knowing, "canal trail")).toEqual(["hr/walks.md"]);
  });

  it("counts a letter doubled or undoubled as the word typed, when that is the only reading ('harrassment')", () => {
    const harassment = page("hr/harassment.md", "# Harassment\n\nReport harassment or bullying to your manager or HR.\n");
    const keys = page("it/keyboards.md", "# Keyboards\n\nTapping keys hard while typing all day strains the wrists.\n");
    const engine = engineWith([harassment, keys, annual]);
    const table = new ExpansionTable({ entries: [] });
    const correction = (question: string) => planQuery(parseQuery(question, 10), engine.index, table, DEFAULT_RANKING_OPTIONS).concepts[0]!.alternatives;
    // A doubled "r": as sure as typed, so it counts fully when judging whether the pages answer.
    expect(correction("harrassment")).toEqual([expect.objectContaining({ exact: true })]);
    // Another slip (a swap) stays a correction, counted at a correction's credit.
    expect(correction("harassmnet")).toEqual([expect.objectContaining({ exact: false })]);
    // Two readings: "taping" is a "p" short of "tapping" and a letter off "typing". Neither is sure.
    expect(correction("taping")).toHaveLength(2);
    expect(correction("taping").every((alt) => !alt.exact)).toBe(true);
  });

  it("does not count a word of the language as a doubled letter of a page word ('refugee' is not 'refuge')", () => {
    const shelter = page("hr/shelter.md", "# Shelter\n\nThe refuge is open to staff in bad weather.\n");
    const table = new ExpansionTable({ entries: [] });
    const correction = (engine: CouncilSearchEngine) => planQuery(parseQuery("refugee", 10), engine.index, table, DEFAULT_RANKING_OPTIONS, new Set(["refugee"])).concepts[0]!.alternatives;
    const engine = engineWith([shelter, annual]);
    // Still offered as a correction (the first kind is offered for any word), but not as sure as typed.
    expect(correction(engine)).toEqual([expect.objectContaining({ exact: false })]);
    expect(planQuery(parseQuery("refugee", 10), engine.index, table, DEFAULT_RANKING_OPTIONS).concepts[0]!.alternatives).toEqual([expect.objectContaining({ exact: true })]);
  });

  it("reads a possessive as its word when telling real words from slips ('brother's' is not 'bother')", () => {
    const bother = page("hr/bother.md", "# Sorry to bother you\n\nIt is no bother to ask HR a question.\n");
    const plain = new CouncilSearchEngine({ vocabulary: { entries: [] }, language: new Set(["sister"]) });
    const knowing = new CouncilSearchEngine({ vocabulary: { entries: [] }, language: new Set(["brother"]) });
    for (const engine of [plain, knowing]) for (const p of [bother, annual]) engine.upsert(p);
    expect(ids(plain, "brother's")).toEqual(["hr/bother.md"]); // its stem, one slip from "bother"
    expect(ids(knowing, "brother's")).toEqual([]);
  });

  it("looks for a slip in the stem only of an inflected word ('legible' is not 'legislation')", () => {
    const law = page("gov/legislation.md", "# Legislation\n\nNew legislation is summarised here.\n");
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [] } });
    for (const p of [law, annual]) engine.upsert(p);
    // "legible" stems to "legibl", one slip from "legisl", but it is no other form of a word: left alone.
    expect(ids(engine, "legible")).toEqual([]);
  });

  it("does not guess between vocabulary words of different entries that a misspelling is equally near", () => {
    const late = page("hr/late.md", "# Late arrival\n\nTell your manager if you will arrive late.\n");
    const tough = page("hr/resilience.md", "# Resilience\n\nResilient teams recover from setbacks.\n");
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["tardy", "late arrival"] }, { terms: ["hardy", "resilient"] }] } });
    for (const p of [late, tough]) engine.upsert(p);
    expect(ids(engine, "tardy")[0]).toBe("hr/late.md");
    expect(ids(engine, "hardy")[0]).toBe("hr/resilience.md");
    expect(ids(engine, "xardy")).toEqual([]);
  });

  it("reads a misspelling in context even when the other word is on most pages", () => {
    // 245 pages, "leave" on 65 of them (more than the share above which a word is too common to search first).
    const pages = [
      ...Array.from({ length: 60 }, (_, i) => page(`hr/leave-${i}.md`, `# Leave note ${i}\n\nLeave rules, part ${i}.\n`)),
      ...Array.from({ length: 40 }, (_, i) => page(`it/manual-${i}.md`, `# Manual ${i}\n\nThe printer manual, part ${i}.\n`)),
      ...Array.from({ length: 140 }, (_, i) => page(`misc/page-${i}.md`, `# Page ${i}\n\nOther words, part ${i}.\n`)),
      ...Array.from({ length: 5 }, (_, i) => page(`hr/annual-${i}.md`, `# Annual leave ${i}\n\nAnnual leave is booked in the portal.\n`)),
    ];
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["annual leave", "vacation"] }] } });
    for (const p of [...pages, page("hr/vacation.md", "# Vacation\n\nHow to plan a vacation.\n")]) engine.upsert(p);
    const top = ids(engine, "anual leave");
    expect(top[0]).toMatch(/^hr\/annual-/);
    // Read as "annual leave", the vocabulary's equivalent is searched too.
    expect(top).toContain("hr/vacation.md");
  });

  it("reads a misspelling in the context of the question's other words ('anual leave' is annual, not manual)", () => {
    // "manual" is on more pages than "annual", so without context it would be the likelier correction.
    const manuals = Array.from({ length: 6 }, (_, i) => page(`it/manual-${i}.md`, `# Printer manual ${i}\n\nThe manual for printer ${i}: paper, toner and jams.\n`));
    const engine = new CouncilSearchEngine({ vocabulary: { entries: [{ terms: ["annual leave", "holiday"] }] } });
    const holiday = page("hr/holiday.md", "# Holiday\n\nBook a holiday through the portal.\n");
    for (const p of [annual, values, holiday, ...manuals]) engine.upsert(p);
    const top = ids(engine, "anual leave");
    expect(top[0]).toBe("hr/annual.md");
    // Read as "annual leave", the question also finds what the vocabulary says it means.
    expect(top).toContain("hr/holiday.md");
  });
});

describe("CouncilSearchEngine: page text read back from the page store", () => {
  /** A page store holding `pages`, recording which texts it is asked for. */
  const storeOf = (pages: readonly GuidancePage[]) => {
    const byId = new Map(pages.map((p) => [p.id, p]));
    const asked: string[] = [];
    const readUpTo: Array<number | undefined> = [];
    return {
      asked,
      readUpTo,
      byId,
      source: {
        textOf: (id: string, contentHash: string, upTo?: number) => {
          asked.push(id);
          readUpTo.push(upTo);
          const p = byId.get(id);
          return p ? { text: upTo === undefined ? p.text : p.text.slice(0, upTo), current: p.contentHash === contentHash } : undefined;
        },
      },
    };
  };

  it("keeps no page text, and reads only the shown pages' text for their snippets, which are the same", () => {
    const store = storeOf(LIBRARY);
    const engine = new CouncilSearchEngine({ pageText: store.source });
    for (const p of LIBRARY) engine.upsert(p);
    const answer = ask(engine, "broken laptop charger");
    expect(answer).toEqual(ask(engineWith(), "broken laptop charger"));
    expect(answer.hits[0]?.snippet).toContain("**laptop**");
    expect(store.asked).toEqual(answer.hits.map((hit) => hit.id));
    for (let slot = 0; slot < LIBRARY.length; slot++) expect(engine.index.doc(slot)?.text).toBeUndefined();
  });

  it("reads a long page only as far as the snippet's passage, with the same snippet as the whole text gives", () => {
    const long = page("misc/long.md", "# Minutes\n\nThe committee agreed the wifi password policy. " + "Other long unrelated text about committees and agendas. ".repeat(200) + "\n");
    const store = storeOf([long, ...LIBRARY]);
    const engine = new CouncilSearchEngine({ pageText: store.source });
    for (const p of [long, ...LIBRARY]) engine.upsert(p);
    const answer = ask(engine, "committee wifi password policy");
    const read = store.readUpTo[store.asked.indexOf("misc/long.md")];
    expect(read).toBeDefined();
    expect(read!).toBeLessThan(long.text.length / 10);
    expect(answer).toEqual(ask(engineWith([long, ...LIBRARY]), "committee wifi password policy"));
  });

  it("quotes a page changed since it was indexed from its start, as its word positions no longer fit", () => {
    const store = storeOf(LIBRARY);
    const engine = new CouncilSearchEngine({ pageText: store.source });
    for (const p of LIBRARY) engine.upsert(p);
    // Changed in the store by another process, not yet re-indexed.
    store.byId.set("it/laptops.md", page("it/laptops.md", "# Laptops\n\nEvery new laptop is now ordered from the catalogue.\n"));
    const hit = ask(engine, "broken laptop").hits.find((h) => h.id === "it/laptops.md");
    expect(hit?.snippet).toBe("**Laptops** Every new **laptop** is now ordered from the catalogue");
  });
});
