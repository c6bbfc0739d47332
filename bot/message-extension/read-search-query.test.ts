import { MAX_QUERY_LENGTH } from "../../core";
import { MAX_MESSAGE_EXTENSION_RESULTS, SEARCH_COMMAND_ID } from "./message-extension-limits";
import { QUERY_TOO_LONG_MESSAGE, readSearchQuery, UNKNOWN_COMMAND_MESSAGE } from "./read-search-query";

function query(value: unknown, extra: Record<string, unknown> = {}): unknown {
  return { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "query", value }], queryOptions: { skip: 0, count: 25 }, ...extra };
}

describe("readSearchQuery", () => {
  it("reads the query, trimmed, with Teams' paging", () => {
    expect(readSearchQuery(query("  annual leave "))).toEqual({ kind: "search", text: "annual leave", skip: 0, count: 25 });
    expect(readSearchQuery(query("leave", { queryOptions: { skip: "25", count: 25 } }))).toEqual({ kind: "search", text: "leave", skip: 25, count: 25 });
  });

  it(`caps count at ${MAX_MESSAGE_EXTENSION_RESULTS} and defaults bad paging instead of refusing the search`, () => {
    expect(readSearchQuery(query("leave", { queryOptions: { skip: 0, count: 500 } }))).toMatchObject({ count: MAX_MESSAGE_EXTENSION_RESULTS });
    expect(readSearchQuery(query("leave", { queryOptions: { skip: -3, count: "lots" } }))).toEqual({ kind: "search", text: "leave", skip: 0, count: 25 });
    expect(readSearchQuery(query("leave", { queryOptions: undefined }))).toMatchObject({ skip: 0, count: 25 });
  });

  it("suggests pages on initialRun and for an empty or missing query", () => {
    expect(readSearchQuery({ commandId: SEARCH_COMMAND_ID, parameters: [{ name: "initialRun", value: "true" }] })).toEqual({ kind: "suggest" });
    expect(readSearchQuery(query("   "))).toEqual({ kind: "suggest" });
    expect(readSearchQuery({ commandId: SEARCH_COMMAND_ID })).toEqual({ kind: "suggest" });
  });

  it("reads an unnamed command and parameter as ours (the Agents Playground with its fields left blank)", () => {
    expect(readSearchQuery({ parameters: [{ value: "sick pay" }] })).toEqual({ kind: "search", text: "sick pay", skip: 0, count: 25 });
    expect(readSearchQuery({ commandId: SEARCH_COMMAND_ID, parameters: [{ name: "other", value: "x" }] })).toEqual({ kind: "suggest" });
  });

  it("answers over-long queries with a message", () => {
    expect(readSearchQuery(query("a".repeat(MAX_QUERY_LENGTH + 1)))).toEqual({ kind: "invalid", message: QUERY_TOO_LONG_MESSAGE });
    expect(readSearchQuery(query("a".repeat(MAX_QUERY_LENGTH)))).toMatchObject({ kind: "search" });
  });

  it.each([undefined, null, "text", { commandId: "somethingElse", parameters: [] }, { commandId: SEARCH_COMMAND_ID, parameters: "x" }, query(42), query({ a: 1 })])(
    "treats %j as an unknown command",
    (value) => {
      expect(readSearchQuery(value)).toEqual({ kind: "invalid", message: UNKNOWN_COMMAND_MESSAGE });
    },
  );
});
