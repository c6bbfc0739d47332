import { ExpansionTable, expandQuery, parseQuery, type ExpandedSpan, type Vocabulary } from "../../core";
import { parseKql, type KqlNode } from "../../tests/fakes/search-fake";
import { kqlQueryString, MAX_EXPANSION_CHARS, MAX_EXPANSION_WORDS, MAX_EXPANSIONS_PER_TERM, MAX_KQL_QUERY_LENGTH, MAX_QUERY_EXPANSIONS } from "./kql-query";

const span = (words: string[], ...alternatives: Array<string[] | { broader: string[] }>): ExpandedSpan => ({
  words,
  alternatives: alternatives.map((a) => (Array.isArray(a) ? { words: a, broader: false } : { words: a.broader, broader: true })),
});
const kqlFor = (question: string, vocabulary: Vocabulary): string => kqlQueryString(expandQuery(parseQuery(question), new ExpansionTable(vocabulary)));

/**
 * The query parsed strictly (the Graph fake's parser: words, phrases, brackets, AND, OR, nothing else), as one
 * group: proof that it cannot reach past the `({searchTerms})` of the site-scope template.
 */
function parsed(queryString: string): KqlNode {
  const node = parseKql(`(${queryString})`);
  if (typeof node === "string") throw new Error(`${node} in ${queryString}`);
  return node;
}

describe("kqlQueryString: a question and its vocabulary expansions as safe KQL", () => {
  it("ORs a word with its vocabulary phrases, quoting phrases, and leaves other words as typed", () => {
    const council: Vocabulary = { entries: [{ terms: ["holiday", "annual leave", "vacation"] }, { terms: ["TOIL", "time off in lieu"] }, { terms: ["OH", "occupational health"] }] };
    expect(kqlFor("book a holiday", council)).toBe('book (holiday OR "annual leave" OR vacation)');
    expect(kqlFor("Can I take TOIL?", council)).toBe('take (toil OR "time off in lieu")');
    expect(kqlFor("OH referral form", council)).toBe('(oh OR "occupational health") referral form');
    expect(kqlFor("annual leave carry over", council)).toBe("((annual leave) OR holiday OR vacation) carry over");
    expect(kqlFor("parking permits", council)).toBe("parking permits");
  });

  it("keeps a user's quotes, colons, brackets, operators and wildcards from ever being KQL syntax", () => {
    const vocabulary: Vocabulary = { entries: [{ terms: ["near", "close by"] }] };
    const hostile = [
      'holiday" OR path:"https://evil.example/SitePages',
      "annual) OR (title:secret",
      "leave NEAR pay OR NOT sickness",
      "a* -b +c ~d {searchTerms} <script> [x] \\ ` ; ' ’",
      "ONEAR WORDS(x) XRANK(cb=1) ALL(a) ANY(b) NONE(c) AND",
      "size>=5 filetype=aspx author<>me",
      "Is the office NEAR the station?",
    ];
    for (const question of hostile) {
      const kql = kqlFor(question, vocabulary);
      expect(kql).not.toMatch(/[-:=<>*{}[\]\\~+`;]/);
      expect(kql.replace(/ OR /g, " ")).not.toMatch(/\b(?:AND|OR|NOT|NEAR|ONEAR|WORDS|XRANK|ALL|ANY|NONE)\b/);
      parsed(kql);
    }
    expect(kqlFor("leave NEAR pay OR NOT sickness", vocabulary)).toBe('leave (near OR "close by") pay not sickness');
    expect(kqlFor('holiday" OR path:"https://evil.example', { entries: [] })).toBe("holiday path https evil example");
  });

  it("treats vocabulary entries as untrusted: syntax in a phrase is dropped, and it is quoted or lower-cased", () => {
    const spans = [
      span(
        ["holiday"],
        ['x"', "or", 'path:"https://evil'],
        ["a)", "OR", "(b*"],
        ["NEAR"],
        ["{searchTerms}"],
        ["-annual", "+leave"],
      ),
    ];
    const kql = kqlQueryString(spans);
    expect(kql).toBe('(holiday OR "x or path https evil" OR "a or b" OR near OR searchterms OR "annual leave")');
    parsed(kql);
    expect(kqlQueryString([span(["o'neill"], ["o'neill's"])])).toBe(`("o'neill" OR "o'neill's")`);
    expect(kqlQueryString([span(["pay"], ["'''"], ["\u0301"], [], ["(", ")"])])).toBe("pay");
  });

  it("never sends an alternative that is the typed words again, an over-long phrase, or more than the per-term cap", () => {
    const many = Array.from({ length: 20 }, (_, i) => [`term${i}`]);
    expect(kqlQueryString([span(["annual", "leave"], ["Annual", "Leave"], ["holiday"])])).toBe("((annual leave) OR holiday)");
    const kql = kqlQueryString([span(["leave"], ["LEAVE"], Array.from({ length: 9 }, () => "word"), ["x".repeat(101)], ...many)]);
    expect(kql).toBe(`(leave OR ${many.slice(0, MAX_EXPANSIONS_PER_TERM).map(([w]) => w).join(" OR ")})`);
  });

  it("caps the expansions of a whole query, dropping broader words and later-listed phrases first", () => {
    const words = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const spans = words.map((w) => span([w], [`${w}a`], [`${w}b`], [`${w}c`], { broader: [`${w}z`] }));
    const kql = kqlQueryString(spans);
    const alternatives = kql.match(/\bw\d[a-z]\b/g) ?? [];
    expect(alternatives).toHaveLength(MAX_QUERY_EXPANSIONS);
    // 10 firsts, 10 seconds, then the first 4 words' thirds; no broader word made it.
    expect(alternatives.filter((a) => a.endsWith("z"))).toEqual([]);
    expect(alternatives.filter((a) => a.endsWith("c"))).toEqual(["w0c", "w1c", "w2c", "w3c"]);
    for (const w of words) expect(kql).toContain(`(${w} OR ${w}a OR ${w}b`);
  });

  it("fits the length limit by dropping the lowest-priority expansions, never the person's own words", () => {
    const spans = [span(["annual", "leave"], ["holiday"], ["paid time off"], { broader: ["absence"] }), span(["policy"], ["procedure"], ["rules"])];
    const full = kqlQueryString(spans);
    expect(full).toBe('((annual leave) OR holiday OR "paid time off" OR absence) (policy OR procedure OR rules)');
    expect(kqlQueryString(spans, full.length)).toBe(full);
    // One character short: the broader word goes first, then the lowest-ranked equivalents, later words first.
    expect(kqlQueryString(spans, full.length - 1)).toBe('((annual leave) OR holiday OR "paid time off") (policy OR procedure OR rules)');
    expect(kqlQueryString(spans, 60)).toBe("((annual leave) OR holiday) (policy OR procedure)");
    expect(kqlQueryString(spans, 10)).toBe("annual leave policy");
  });

  it("keeps the largest query the caps allow well inside KQL's limit, so trimming is only a backstop", () => {
    // A 500-character question (the most parseQuery takes), every word with as many maximal phrases as it may have.
    const words = Array.from({ length: 100 }, (_, i) => `w${String(i).padStart(3, "0")}`);
    const phrase = (i: number, j: number) => Array.from({ length: MAX_EXPANSION_WORDS }, (_, k) => `${i}x${j}x${k}`.padEnd(11, "y")).join(" ").slice(0, MAX_EXPANSION_CHARS);
    const spans = words.map((w, i) => span([w], ...Array.from({ length: 8 }, (_, j) => phrase(i, j).split(" "))));
    const kql = kqlQueryString(spans, Number.POSITIVE_INFINITY);
    expect((kql.match(/ OR /g) ?? []).length).toBe(MAX_QUERY_EXPANSIONS);
    // Room left for the site-scope template with a site URL of some 400 characters.
    expect(kql.length).toBeLessThanOrEqual(MAX_KQL_QUERY_LENGTH - 500);
    for (const w of words) expect(kql).toContain(w);
    parsed(kql);
  });
});
