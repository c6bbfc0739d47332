import { parse as parseYaml } from "yaml";
import { parseFrontMatter } from "./front-matter";

describe("parseFrontMatter", () => {
  // Every case must read exactly as the YAML parser reads it: the fast path is an optimisation, never a dialect.
  it.each([
    'title: "Voluntary Leave Transfer Program"\nsource: "18F/handbook"\ncommit: 1e4955634d0369f17e5bbc0ebbf8f62e2a3dfe4b\nkeywords: "voluntary, donation"',
    "title: Plain words: with a colon",
    "title: It's fine\nurl: https://intranet.example/a?b=c#d",
    "title: 2024",
    "n: 1e5\nm: 0x1F\no: .5\np: +12\nq: 12:30\nr: .inf\ns: 1_000\nt: -7\nu: 0o17\nv: 3.\nw: 1e4955634d",
    "version: 1.2.3\nwhen: 2024-01-01\nhash: 972d1b4410ffd165f2f",
    "title: true\nlayout: null",
    'title: "Escaped \\" quote"',
    "title: 'single ''quoted'''",
    "title: a # comment",
    "keywords:\n  - one\n  - two",
    "keywords: [one, two]",
    "title: >\n  folded\n  text",
    "title: a\ntitle: b",
    "nested:\n  key: value",
    "title: -dash start",
    "title: ~",
    "  indented: value",
    "title: tab\there",
    "",
    "just text",
    "title: x\r\nurl: y\r",
  ])("reads %j as YAML does", (yaml) => {
    let expected: unknown;
    try {
      expected = parseYaml(yaml);
    } catch {
      expected = {};
    }
    if (!expected || typeof expected !== "object" || Array.isArray(expected)) expected = {};
    expect(parseFrontMatter(yaml)).toEqual(expected);
  });

  it("never lets front matter set the object's prototype", () => {
    const meta = parseFrontMatter("__proto__: polluted\ntitle: T");
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
