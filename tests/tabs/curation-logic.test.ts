import { checkBestBet, draftFrom, triggerLines, type BestBetDraft } from "../../tabs/guidance/curation/best-bet-draft";
import { canCurateSearch } from "../../tabs/guidance/curation/curation-roles";
import { fieldErrors } from "../../tabs/guidance/curation/field-errors";
import { checkRange, defaultRange } from "../../tabs/guidance/curation/report-range";
import { checkGroup, groupMatches, listStatus, newGroup, splitTerms, toDraft, toEntries } from "../../tabs/guidance/curation/vocabulary-draft";
import { asManageView } from "../../tabs/guidance/manage-view";
import { pinnedFirst, statusText } from "../../tabs/guidance/search-status";

/**
 * The curation views' rules without a browser: who is offered Manage search, how typed terms and triggers are read
 * and checked before anything is sent, where the host's 400 details are shown, and what the live region says.
 * The browser tests drive the same code against the real host.
 */

describe("canCurateSearch", () => {
  it("offers Manage search to comms editors, comms leads and admins only", () => {
    expect(canCurateSearch({ roles: ["staff", "comms_editor"] })).toBe(true);
    expect(canCurateSearch({ roles: ["comms_lead"] })).toBe(true);
    expect(canCurateSearch({ roles: ["admin"] })).toBe(true);
    expect(canCurateSearch({ roles: ["staff", "line_manager"] })).toBe(false);
    expect(canCurateSearch({ roles: [] })).toBe(false);
  });
});

describe("asManageView", () => {
  it("accepts the three views and nothing else", () => {
    expect(asManageView("report")).toBe("report");
    expect(asManageView("best-bets")).toBe("best-bets");
    expect(asManageView("admin")).toBeUndefined();
    expect(asManageView(null)).toBeUndefined();
  });
});

describe("vocabulary draft", () => {
  it("splits on commas and new lines, tidies spaces and drops repeats ignoring case", () => {
    expect(splitTerms(" annual   leave, Holiday,\nholiday ,, vacation ")).toEqual(["annual leave", "Holiday", "vacation"]);
  });

  it("refuses a group that says nothing, with a reason, as the host would silently drop it", () => {
    expect(checkGroup([], [])).toEqual({ terms: expect.stringContaining("at least two") });
    expect(checkGroup(["laptop"], [])).toEqual({ terms: expect.stringContaining("another word") });
    expect(checkGroup(["laptop"], ["equipment"])).toEqual({});
    expect(checkGroup(["OH", "occupational health"], [])).toEqual({});
  });

  it("explains terms over the host's limits", () => {
    expect(checkGroup(["a", "b".repeat(101)], []).terms).toMatch(/longer than 100 characters/);
    expect(checkGroup(Array.from({ length: 21 }, (_, i) => `t${i}`), []).terms).toMatch(/at most 20/);
    expect(checkGroup(["a", "b"], ["c".repeat(101)]).broader).toMatch(/longer than 100 characters/);
  });

  it("round-trips entries, sending broader only where there is one", () => {
    const entries = [{ terms: ["a", "b"] }, { terms: ["laptop"], broader: ["equipment"] }];
    expect(toEntries(toDraft(entries))).toEqual(entries);
  });

  it("filters on any term or broader term, ignoring case", () => {
    const group = newGroup(["Annual leave", "holiday"], ["absence"]);
    expect(groupMatches(group, "ANNUAL")).toBe(true);
    expect(groupMatches(group, "absen")).toBe(true);
    expect(groupMatches(group, "pension")).toBe(false);
    expect(groupMatches(group, "  ")).toBe(true);
  });

  it("says how much of the list is shown", () => {
    expect(listStatus(50, 258, 258, false)).toBe("Showing 50 of 258 groups");
    expect(listStatus(3, 3, 3, false)).toBe("3 groups");
    expect(listStatus(1, 1, 258, true)).toBe("1 of 258 groups match");
    expect(listStatus(50, 80, 258, true)).toBe("Showing 50 of 80 matching groups");
  });
});

describe("best bet draft", () => {
  const TODAY = "2026-11-26";
  const base: BestBetDraft = { page: { id: "hr/eap.md", title: "EAP" }, triggers: "feeling overwhelmed", match: "phrase", note: "", expires: "" };

  it("reads one trigger per line, tidied, without repeats", () => {
    expect(triggerLines("  feeling   overwhelmed \n\nFeeling overwhelmed\nstress")).toEqual(["feeling overwhelmed", "stress"]);
  });

  it("builds the body to send; an end date means the end of that day", () => {
    expect(checkBestBet({ ...base, note: " why ", expires: "2026-12-31" }, TODAY)).toEqual({
      problems: {},
      input: { pageId: "hr/eap.md", triggers: ["feeling overwhelmed"], match: "phrase", note: "why", expiresAt: "2026-12-31T23:59:59.000Z" },
    });
    expect(checkBestBet(base, TODAY).input).toEqual({ pageId: "hr/eap.md", triggers: ["feeling overwhelmed"], match: "phrase" });
  });

  it("puts each problem on its field and sends nothing", () => {
    const { problems, input } = checkBestBet({ page: undefined, triggers: " \n", match: "all-words", note: "n".repeat(501), expires: "2026-11-25" }, TODAY);
    expect(input).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(["expiresAt", "note", "pageId", "triggers"]);
    expect(problems.expiresAt).toMatch(/in the past/);
    expect(checkBestBet({ ...base, triggers: Array.from({ length: 21 }, (_, i) => `q${i}`).join("\n") }, TODAY).problems.triggers).toMatch(/at most 20/);
    expect(checkBestBet({ ...base, triggers: `ok\n${"x".repeat(101)}` }, TODAY).problems.triggers).toBe("Line 2 is longer than 100 characters.");
  });

  it("fills the form from an existing best bet", () => {
    const draft = draftFrom({
      id: "1",
      pageId: "hr/eap.md",
      pageTitle: "EAP",
      triggers: ["a", "b"],
      match: "all-words",
      createdBy: "olivia",
      updatedAt: "2026-11-26T10:00:00.000Z",
      expiresAt: "2027-01-31T23:59:59.000Z",
    });
    expect(draft).toEqual({ page: { id: "hr/eap.md", title: "EAP" }, triggers: "a\nb", match: "all-words", note: "", expires: "2027-01-31" });
  });
});

describe("fieldErrors", () => {
  it("puts each 400 detail next to its field, numbering list items, and the rest in a summary", () => {
    const errors = fieldErrors(
      [
        { path: "triggers.1", message: "must be at most 100 characters" },
        { path: "expiresAt", message: "expiresAt must be an ISO date-time" },
        { path: "best bet", message: "Invalid input" },
      ],
      ["pageId", "triggers", "expiresAt"],
    );
    expect(errors).toEqual({ triggers: "Item 2: must be at most 100 characters", expiresAt: "expiresAt must be an ISO date-time", "": "Invalid input" });
  });
});

describe("report range", () => {
  it("defaults to the last 28 days, today included", () => {
    expect(defaultRange(new Date("2026-11-26T21:00:00Z"))).toEqual({ from: "2026-10-30", to: "2026-11-26" });
  });

  it("explains a missing or backwards range", () => {
    expect(checkRange("", "2026-11-26")).toEqual({ from: expect.any(String) });
    expect(checkRange("2026-11-20", "2026-11-01")).toEqual({ to: "The last day must be the same as or after the first day." });
    expect(checkRange("2026-11-01", "2026-11-01")).toEqual({});
  });
});

describe("search results", () => {
  const hit = (id: string, pinned?: true) => ({ id, title: id, snippet: "", score: 1, ...(pinned ? { pinned } : {}) });

  it("keeps pinned results first, each group in the host's order", () => {
    expect(pinnedFirst([hit("a"), hit("p1", true), hit("b"), hit("p2", true)]).map((r) => r.id)).toEqual(["p1", "p2", "a", "b"]);
  });

  it("announces no answer honestly, and pinned results by who pinned them", () => {
    const results = [hit("a"), hit("b")];
    expect(statusText({ kind: "done", query: "passport", results, noAnswer: true, nextSteps: [{ label: "HR", detail: "d" }] })).toBe(
      "No page answers passport well. 2 closest pages and 1 place to ask.",
    );
    expect(statusText({ kind: "done", query: "eap", results: [hit("p", true), hit("a")] })).toBe("2 results for eap, 1 pinned by the communications team");
    expect(statusText({ kind: "done", query: "zz", results: [], noAnswer: true, nextSteps: [] })).toBe("No results for zz");
  });
});
