import { parseQuery } from "../query";
import { ExpansionTable } from "../ranking/expansion-table";
import { expandQuery, liveExpansionTable, MAX_ALTERNATIVES_PER_SPAN, type ExpandedSpan } from "./query-expansion";
import { DEFAULT_VOCABULARY } from "./default-vocabulary";
import { InMemoryVocabulary, type Vocabulary } from "./vocabulary";

const COUNCIL: Vocabulary = {
  entries: [
    { terms: ["annual leave", "holiday", "holidays", "vacation"] },
    { terms: ["TOIL", "time off in lieu"] },
    { terms: ["OH", "occupational health"] },
    { terms: ["IT", "information technology"] },
    { terms: ["laptop", "notebook"], broader: ["equipment"] },
    { terms: ["leave request", "booking leave"] },
    { terms: ["organization chart", "org chart"] },
  ],
};
const table = new ExpansionTable(COUNCIL);
const expand = (question: string, vocabulary: ExpansionTable = table): ExpandedSpan[] => expandQuery(parseQuery(question), vocabulary);
/** Spans as `words → alt | alt`, for compact expectations. */
const show = (spans: readonly ExpandedSpan[]): string[] =>
  spans.map((s) => [s.words.join(" "), ...s.alternatives.map((a) => `${a.broader ? "^" : ""}${a.words.join(" ")}`)].join(" | "));

describe("expandQuery: the vocabulary phrases a question's words may be swapped for", () => {
  it("pairs each matched word with its equivalents, in vocabulary order, leaving other words alone", () => {
    expect(show(expand("How do I book a holiday?"))).toEqual(["book", "holiday | annual leave | vacation"]);
  });

  it("matches on the analyser's words: plurals, British and US spelling, capitals and punctuation do not matter", () => {
    expect(show(expand("HOLIDAYS!"))).toEqual(["holidays | annual leave | vacation"]);
    expect(show(expand("Where is the organisation chart?"))).toEqual(["organisation chart | org chart"]);
  });

  it("keeps a phrase's small words in its alternative, and matches a phrase typed with or without them", () => {
    expect(show(expand("claim TOIL"))).toEqual(["claim", "toil | time off in lieu"]);
    expect(show(expand("time off in lieu rules"))).toEqual(["time off lieu | toil", "rules"]);
  });

  it("finds a phrase that is one word without its small words only as typed in full ('on call' is not 'call')", () => {
    const onCall = new ExpansionTable({ entries: [{ terms: ["on call", "standby", "out of hours"] }, { terms: ["log in", "sign in", "login"] }] });
    expect(show(expand("on call rota", onCall))).toEqual(["call | standby | out of hours", "rota"]);
    expect(show(expand("what to call our new app", onCall))).toEqual(["call", "new", "app"]);
    expect(show(expand("logging in from home", onCall))).toEqual(["logging | sign in | login", "home"]);
    expect(show(expand("logging levels", onCall))).toEqual(["logging", "levels"]);
    // The other way round is unchanged: a one-word term still finds the phrases.
    expect(show(expand("standby", onCall))).toEqual(["standby | on call | out of hours"]);
  });

  it("keeps a phrase that needs its small words apart from a sibling that shares its one key word", () => {
    // "log in" and "log on" both keep only "log"; "it helpdesk" keeps only "helpdesk", like "helpdesk" itself.
    const table2 = new ExpansionTable({ entries: [{ terms: ["log in", "log on", "sign in"] }, { terms: ["it helpdesk", "helpdesk", "service desk"] }] });
    expect(show(expand("cant log on", table2))).toEqual(["log | sign in"]);
    expect(show(expand("helpdesk number", table2))).toEqual(["helpdesk | service desk", "number"]);
  });

  it("reads a phrase starting with a small 'it' as IT: found only as typed in full", () => {
    const itsm = new ExpansionTable({ entries: [{ terms: ["ITSM", "it service management", "ITIL"] }] });
    expect(show(expand("what does a service manager do", itsm))).toEqual(["service", "manager"]);
    expect(show(expand("IT service management tool", itsm))).toEqual(["service management | itsm | itil", "tool"]);
  });

  it("stands a phrase that needs its small words in for its own word, not an acronym typed beside it", () => {
    const table2 = new ExpansionTable({ entries: [{ terms: ["IT", "information technology"] }, { terms: ["it support", "service desk"] }] });
    expect(show(expand("IT support", table2))).toEqual(["it | information technology", "support | service desk"]);
  });

  it("finds every term of the shipped vocabulary when it is typed as it is written there", () => {
    const shipped = new ExpansionTable(DEFAULT_VOCABULARY);
    const unmatched = DEFAULT_VOCABULARY.entries
      .filter((entry) => entry.terms.length > 1)
      .flatMap((entry) => entry.terms)
      .filter((term) => !expand(term, shipped).some((span) => span.alternatives.length > 0));
    expect(unmatched).toEqual([]);
  });

  it("expands an acronym typed in capitals even when it is also a small word, and drops chatty fillers", () => {
    expect(show(expand("hi, please who do I ask in IT"))).toEqual(["ask", "it | information technology"]);
    expect(show(expand("OH referral"))).toEqual(["oh | occupational health", "referral"]);
  });

  it("puts one-way broader words after every equivalent, and caps the alternatives per span", () => {
    expect(show(expand("laptop"))).toEqual(["laptop | notebook | ^equipment"]);
    const many = new ExpansionTable({ entries: [{ terms: ["wfh", ...Array.from({ length: 30 }, (_, i) => `remote ${String.fromCharCode(97 + (i % 26))}${i}`)] }] });
    const [span] = expand("wfh", many);
    expect(span!.alternatives).toHaveLength(MAX_ALTERNATIVES_PER_SPAN);
    expect(span!.alternatives[0]!.words).toEqual(["remote", "a0"]);
  });

  it("lets the longest of overlapping matches win, then the first", () => {
    expect(show(expand("annual leave request"))).toEqual(["annual leave | holiday | vacation", "request"]);
    expect(show(expand("leave request holiday"))).toEqual(["leave request | booking leave", "holiday | annual leave | vacation"]);
  });

  it("turns hostile vocabulary entries into plain words: KQL syntax in them is punctuation to the analyser", () => {
    const hostile = new ExpansionTable({
      entries: [{ terms: ["holiday", 'x" OR path:"https://evil.example/SitePages', "a) OR (b*", "NEAR", "{searchTerms}", "-annual +leave", "title:secret"] }],
    });
    const [span] = expand("holiday", hostile);
    const words = span!.alternatives.flatMap((a) => a.words);
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) expect(word).toMatch(/^[\p{L}\p{N}']+$/u);
    expect(show([span!])).toEqual(["holiday | x or path https evil example sitepages | a or b | near | searchterms | annual leave | title secret"]);
  });

  it("searches a question of only over-long runs (which the analyser skips) for its key terms as typed", () => {
    const run = "x".repeat(45);
    expect(show(expand(run))).toEqual([run]);
  });
});

describe("liveExpansionTable", () => {
  it("compiles the source's vocabulary once, and again only after it changes", () => {
    const source = new InMemoryVocabulary({ entries: [{ terms: ["zorbing", "occupational health"] }] });
    const current = liveExpansionTable(source);
    const first = current();
    expect(current()).toBe(first);
    expect(show(expandQuery(parseQuery("zorbing"), first))).toEqual(["zorbing | occupational health"]);
    source.replace({ entries: [{ terms: ["zorbing", "lone working"] }] });
    const second = current();
    expect(second).not.toBe(first);
    expect(show(expandQuery(parseQuery("zorbing"), second))).toEqual(["zorbing | lone working"]);
  });
});
