import { AppError } from "../shared/app-error";
import { DEFAULT_TOP, MAX_QUERY_LENGTH, MAX_TOP, parseQuery, tokenize } from "./query";

/** Runs `fn` and returns the AppError it throws, failing the test if it throws anything else or nothing. */
function appErrorFrom(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}

describe("tokenize", () => {
  it("lower-cases words and numbers and drops punctuation", () => {
    expect(tokenize("How do I claim Annual-Leave in 2025?")).toEqual(["how", "do", "i", "claim", "annual", "leave", "in", "2025"]);
  });

  it("keeps apostrophes inside words, straight or curly", () => {
    expect(tokenize("Don't panic, it’s fine")).toEqual(["don't", "panic", "it's", "fine"]);
  });

  it("keeps accented and Welsh letters", () => {
    expect(tokenize("Croeso i'r Gŵyl café")).toEqual(["croeso", "i'r", "gŵyl", "café"]);
  });

  it("returns nothing for punctuation alone", () => {
    expect(tokenize("?! -- ** ()")).toEqual([]);
  });
});

describe("parseQuery", () => {
  it("trims the text and defaults top", () => {
    expect(parseQuery("  annual leave  ")).toMatchObject({ text: "annual leave", terms: ["annual", "leave"], top: DEFAULT_TOP });
  });

  it("accepts top at both limits", () => {
    expect(parseQuery("leave", 1).top).toBe(1);
    expect(parseQuery("leave", MAX_TOP).top).toBe(MAX_TOP);
  });

  it.each(["", "   ", "\n\t"])("refuses an empty query %j with a 400", (text) => {
    const error = appErrorFrom(() => parseQuery(text));
    expect(error.status).toBe(400);
    expect(error.code).toBe("bad_request");
  });

  it("refuses a query longer than the limit", () => {
    expect(() => parseQuery("a".repeat(MAX_QUERY_LENGTH))).not.toThrow();
    const error = appErrorFrom(() => parseQuery("a".repeat(MAX_QUERY_LENGTH + 1)));
    expect(error.status).toBe(400);
    expect(error.message).toContain(String(MAX_QUERY_LENGTH));
  });

  it.each([0, -1, MAX_TOP + 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses top=%p", (top) => {
    const error = appErrorFrom(() => parseQuery("leave", top));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/top/);
  });

  it.each(["?", "!!!", "*", "-", ":", '""', "()", "—"])("refuses punctuation-only %j with a 400", (text) => {
    const error = appErrorFrom(() => parseQuery(text));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/punctuation/);
  });
});
