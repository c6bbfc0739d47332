import { defineCollection, validateRecordData, validateRecordQuery } from "./index";

const CASES = defineCollection({
  name: "test-cases",
  title: "Test cases",
  description: "for unit tests",
  fields: {
    subject: { type: "text", required: true, indexed: true, maxLength: 100 },
    kind: { type: "choice", choices: ["a", "b"], indexed: true },
    score: { type: "number", indexed: true },
    notes: { type: "longText" },
  },
});

describe("defineCollection", () => {
  it.each([
    ["a bad collection name", { name: "Bad Name", fields: {} }, /lower-case/],
    ["a reserved field, whatever its case", { name: "ok-name", fields: { CreatedAt: { type: "text" } } }, /reserved|camelCase/],
    ["a built-in object key", { name: "ok-name", fields: { constructor: { type: "text" } } }, /reserved/],
    ["names differing only in case", { name: "ok-name", fields: { dueAt: { type: "text" }, dueat: { type: "text" } } }, /only in case/],
    ["a choice without choices", { name: "ok-name", fields: { kind: { type: "choice" } } }, /choices/],
    ["over-long single-line text", { name: "ok-name", fields: { t: { type: "text", maxLength: 256 } } }, /longText/],
    ["an indexed long text", { name: "ok-name", fields: { t: { type: "longText", indexed: true } } }, /cannot be indexed/],
  ])("refuses %s", (_label, def, message) => {
    expect(() => defineCollection({ title: "T", description: "d", ...def } as Parameters<typeof defineCollection>[0])).toThrow(message);
  });
});

describe("validateRecordData", () => {
  it("accepts a valid record and a partial update", () => {
    expect(() => validateRecordData(CASES, { subject: "Screen reader", kind: "a", score: 2 }, "create")).not.toThrow();
    expect(() => validateRecordData(CASES, { score: 3 }, "update")).not.toThrow();
  });

  it("names every problem at once, as a 400", () => {
    try {
      validateRecordData(CASES, { kind: "z", score: "high", extra: 1 }, "create");
      throw new Error("should have thrown");
    } catch (error) {
      expect(error).toMatchObject({ code: "bad_request", status: 400 });
      const paths = (error as { details: Array<{ path: string }> }).details.map((d) => d.path).sort();
      expect(paths).toEqual(["extra", "kind", "score", "subject"]);
    }
  });

  it("refuses keys inherited from Object.prototype instead of dropping them", () => {
    expect(() => validateRecordData(CASES, { subject: "x", constructor: "y" }, "create")).toThrow(/constructor is not a field/);
    expect(() => validateRecordData(CASES, JSON.parse('{"subject":"x","__proto__":{"a":1}}') as Record<string, unknown>, "create")).toThrow(/__proto__ is not a field/);
  });

  it("refuses clearing a required field on update, and control characters in text", () => {
    expect(() => validateRecordData(CASES, { subject: undefined }, "update")).toThrow(/subject is required/);
    expect(() => validateRecordData(CASES, { subject: "a\u0000b" }, "update")).toThrow(/control characters/);
    expect(() => validateRecordData(CASES, { subject: "tab\tand\nnewline" }, "update")).not.toThrow();
  });
});

describe("validateRecordQuery", () => {
  it("allows equality on indexed fields only, with the field's type, finite numbers and a sane page size", () => {
    expect(() => validateRecordQuery(CASES, { where: [{ field: "kind", equals: "a" }], pageSize: 10 })).not.toThrow();
    expect(() => validateRecordQuery(CASES, { where: [{ field: "notes", equals: "a" }], pageSize: 10 })).toThrow(/not indexed/);
    expect(() => validateRecordQuery(CASES, { where: [{ field: "score", equals: "1" }], pageSize: 10 })).toThrow(/number/);
    expect(() => validateRecordQuery(CASES, { where: [{ field: "score", equals: Number.NaN }], pageSize: 10 })).toThrow(/finite/);
    expect(() => validateRecordQuery(CASES, { where: [{ field: "toString" as "kind", equals: "a" }], pageSize: 10 })).toThrow(/not a field/);
    expect(() => validateRecordQuery(CASES, { pageSize: 1001 })).toThrow(/pageSize/);
  });
});
