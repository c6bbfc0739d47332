import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { axeViolations, tabTestBed } from "./support";

/**
 * Search curation in the Guidance tab, in a real browser against the real host (SQLite, seeded sample intranet, dev
 * sign-in): honest "no answer", Manage search for the communications team (vocabulary, best bets, content-gap report
 * with CSV), and what plain staff see. The host's state is shared by the tests in this file, so each test uses its own
 * words and leaves the vocabulary as it found it.
 */

const THEMES = ["light", "dark", "contrast"] as const;
const EDITOR = "Olivia Grant"; // comms editor and comms lead
const STAFF = "Alex Morgan"; // plain staff
const NO_ANSWER_QUERY = "how do i renew my passport";
const SCREENSHOTS = "/tmp";

const bed = tabTestBed({ acceptDownloads: true });
// The current test's page (a fresh context each test), under the name the tests use.
let page: Page;
beforeEach(() => {
  page = bed.page;
});

/** Opens the tab (with optional query string) and signs in through the dev sign-in as a sample user. */
async function openSignedIn(query: string, user: string): Promise<void> {
  await page.goto(`${bed.host.baseUrl}/tabs/guidance/${query}`);
  try {
    await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
  } catch (error) {
    // What the tab showed instead (a start-up error, a spinner) is the first thing to know when this fails in CI.
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-sign-in-failed.png`, fullPage: true }).catch(() => undefined);
    throw error;
  }
  await signInAs(user);
}

async function signInAs(user: string): Promise<void> {
  const select = page.getByLabel("Sample user");
  const value = await select.locator("option", { hasText: user }).getAttribute("value");
  await select.selectOption(value ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(`Signed in as ${user}`).waitFor();
}

/** "Switch user", sign in as someone else, and open the tab afresh at the given link (the plain tab by default). */
async function switchTo(user: string, query = ""): Promise<void> {
  await page.getByRole("button", { name: "Switch user" }).click();
  await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
  await signInAs(user);
  await page.goto(`${bed.host.baseUrl}/tabs/guidance/${query}`);
  await page.getByText(`Signed in as ${user}`).waitFor();
}

/** Runs a search and waits for the polite live region to report it. */
async function search(text: string): Promise<string> {
  await page.getByRole("searchbox", { name: "Search guidance" }).fill(text);
  await page.keyboard.press("Enter");
  const status = page.getByRole("status").filter({ hasText: text });
  await status.waitFor();
  return (await status.textContent()) ?? "";
}

/** The result cards, in order (answers or closest pages). */
const resultItems = (): Locator => page.getByRole("list", { name: /^(Results|Closest pages) for / }).getByRole("listitem");

const focused = (): Locator => page.locator("*:focus");

/** The text an element's aria-describedby points at (its accessible description). */
async function descriptionOf(locator: Locator): Promise<string> {
  const ids = (await locator.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ").trim();
}

async function openVocabulary(user = EDITOR): Promise<void> {
  await openSignedIn("?view=vocabulary", user);
  await page.getByRole("heading", { name: "Words that mean the same" }).waitFor();
}

describe("honest no answer", () => {
  it("says plainly that no page answers, lists where to go next, and shows the results only as closest pages", async () => {
    await openSignedIn("", STAFF);
    const status = await search(NO_ANSWER_QUERY);
    expect(status).toMatch(new RegExp(`^No page answers ${NO_ANSWER_QUERY} well\\. \\d+ closest pages? and \\d+ places? to ask\\.$`));
    const notice = page.getByRole("region", { name: "No page answers this well" });
    await notice.waitFor();
    const steps = notice.getByRole("listitem");
    expect(await steps.count()).toBeGreaterThanOrEqual(2);
    // Every step says what it is for; the comms team is always offered last, with a link.
    for (const step of await steps.all()) expect(((await step.textContent()) ?? "").length).toBeGreaterThan(10);
    await expectVisible(steps.last().getByRole("link"));
    await expectVisible(page.getByRole("heading", { name: "Closest pages", level: 2 }));
    // The closest pages are not presented as answers: their titles sit under the "Closest pages" heading.
    expect(await resultItems().count()).toBeGreaterThan(0);
    expect(await resultItems().first().getByRole("heading", { level: 3 }).count()).toBe(1);
    expect(await page.getByRole("list", { name: `Results for ${NO_ANSWER_QUERY}` }).count()).toBe(0);
  });
});

describe("who sees Manage search", () => {
  it("is not offered to plain staff, and a direct link says politely that it is not available", async () => {
    await openSignedIn("", STAFF);
    await page.getByRole("heading", { name: "Guidance", level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: "Manage search" }).count()).toBe(0);

    await page.goto(`${bed.host.baseUrl}/tabs/guidance/?view=report`);
    const heading = page.getByRole("heading", { name: "Manage search is not available to you", level: 1 });
    await heading.waitFor();
    expect(await focused().textContent()).toBe("Manage search is not available to you");
    await expectVisible(page.getByText(/is for the communications team/));
    expect(await page.getByRole("alert").filter({ hasText: /\S/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Back to search" }).click();
    await page.getByRole("searchbox", { name: "Search guidance" }).waitFor();
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();
  });

  it("treats the host's 403 the same way, even if the tab thought the user could curate", async () => {
    await openSignedIn("", EDITOR);
    // Fault injection at the HTTP boundary: a role removed in the directory after sign-in.
    await page.route("**/api/guidance/vocabulary", (route) =>
      route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: { code: "forbidden", message: "You do not have permission to do that." } }) }),
    );
    await page.getByRole("link", { name: "Manage search" }).click();
    await page.getByRole("heading", { name: "Manage search is not available to you" }).waitFor();
  });

  it("opens from the Guidance tab for the comms team, deep-links each view, and Back returns to the link", async () => {
    await openSignedIn("?q=annual%20leave", EDITOR);
    await resultItems().first().waitFor();
    await page.getByRole("link", { name: "Manage search" }).click();
    await page.getByRole("heading", { name: "Manage search", level: 1 }).waitFor();
    expect(await focused().textContent()).toBe("Manage search");
    expect(new URL(page.url()).searchParams.get("view")).toBe("vocabulary");
    const nav = page.getByRole("navigation", { name: "Manage search" });
    expect(await nav.getByRole("link", { name: "Vocabulary" }).getAttribute("aria-current")).toBe("page");
    await nav.getByRole("link", { name: "Best bets" }).click();
    await page.getByRole("heading", { name: "Pinned pages" }).waitFor();
    expect(new URL(page.url()).searchParams.get("view")).toBe("best-bets");
    expect(await nav.getByRole("link", { name: "Best bets" }).getAttribute("aria-current")).toBe("page");

    await page.getByRole("button", { name: "Back to search" }).click();
    expect(await focused().textContent()).toBe("Manage search");
    // The search the user had open is still there, and ?q= is back in the address.
    expect(await resultItems().count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get("q")).toBe("annual leave");
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();

    await page.goto(`${bed.host.baseUrl}/tabs/guidance/?view=report`);
    await page.getByRole("heading", { name: "Questions search could not answer" }).waitFor();
  });
});

describe("vocabulary", () => {
  it("adds a group that the next search uses at once, then restores the defaults", async () => {
    // Before: the made-up word finds nothing.
    await openSignedIn("", STAFF);
    expect(await search("jollydays")).toBe("No results for jollydays");

    await switchTo(EDITOR, "?view=vocabulary");
    await page.getByRole("heading", { name: "Words that mean the same" }).waitFor();
    await expectVisible(page.getByText(/pages do not need re-ingesting/));
    await expectVisible(page.getByText(/^This is the default vocabulary/));
    await page.getByRole("button", { name: "Add a group" }).click();
    expect(await focused().textContent()).toBe("Add a group");
    // A group of one says nothing: explained next to the field, not sent.
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("jollydays");
    await page.getByRole("button", { name: "Done" }).click();
    await expectVisible(page.getByText("Add another word or phrase that means the same, or a broader term below."));
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("jollydays, annual leave");
    await page.getByRole("button", { name: "Done" }).click();
    expect(await focused().getAttribute("aria-label")).toBe("Edit jollydays");
    // Editing a group works on the same draft; focus comes back to the group's Edit button.
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Edit group: jollydays" }).waitFor();
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("jollydays, jolly days, annual leave");
    await page.getByRole("button", { name: "Done" }).click();
    expect(await focused().getAttribute("aria-label")).toBe("Edit jollydays");
    await expectVisible(page.getByText("jollydays · jolly days · annual leave", { exact: true }));
    await expectVisible(page.getByText("You have unsaved changes."));
    await page.getByRole("searchbox", { name: "Filter groups" }).fill("jollyd");
    await expectVisible(page.getByRole("status").filter({ hasText: /^1 of \d+ groups match$/ }));
    await page.getByRole("button", { name: "Save changes" }).click();
    await expectVisible(page.getByRole("status").filter({ hasText: /^Saved \d+ groups\. The next search uses them/ }));
    await expectVisible(page.getByText(/^Last saved by .+ on /));

    // A plain member of staff's next search expands the new word.
    await switchTo(STAFF);
    await search("jollydays");
    await expectVisible(resultItems().first().getByRole("link", { name: "Annual leave" }));

    // Restore defaults asks first, then the word means nothing again.
    await switchTo(EDITOR, "?view=vocabulary");
    await page.getByRole("button", { name: "Restore defaults" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Restore the default vocabulary?" });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Restore defaults" }).click();
    await expectVisible(page.getByRole("status").filter({ hasText: "The default vocabulary is restored." }));
    await switchTo(STAFF);
    expect(await search("jollydays")).toBe("No results for jollydays");
  });

  it("shows the host's validation message when a save is refused (400)", async () => {
    await openVocabulary();
    // A term the host refuses but the form cannot produce: sent through the real save by editing the request.
    await page.route("**/api/guidance/vocabulary", async (route) => {
      if (route.request().method() !== "PUT") return route.continue();
      const body = route.request().postDataJSON() as { entries: { terms: string[] }[] };
      body.entries[0] = { terms: ["x".repeat(101), "y"] };
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole("button", { name: "Add a group" }).click();
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("alpha one, alpha two");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The vocabulary was not saved" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Group 1 .*at most 100 characters/);
  });

  it("tells the editor when someone else saved first (409) and offers to reload", async () => {
    await openVocabulary();
    // Someone else saves while this editor has the page open.
    const other = await bed.browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${bed.host.baseUrl}/tabs/guidance/?view=vocabulary`);
    const previous = page;
    page = otherPage;
    await signInAs("Chloe Williams");
    await page.getByRole("heading", { name: "Words that mean the same" }).waitFor();
    await page.getByRole("button", { name: "Add a group" }).click();
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("beta one, beta two");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").filter({ hasText: /^Saved / }).waitFor();
    page = previous;
    await other.close();

    await page.getByRole("button", { name: "Add a group" }).click();
    await page.getByRole("textbox", { name: /Words and phrases that mean the same/ }).fill("gamma one, gamma two");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Someone else saved the vocabulary first" });
    await alert.waitFor();
    await alert.getByRole("button", { name: "Reload the vocabulary" }).click();
    await expectVisible(page.getByText(/^Last saved by chloe\.williams|^Last saved by Chloe/i));
    expect(await page.getByText("beta one · beta two").count()).toBe(1);
    expect(await page.getByText("gamma one · gamma two").count()).toBe(0);

    // Leave the shared host as the other tests expect it.
    await page.getByRole("button", { name: "Restore defaults" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Restore defaults" }).click();
    await page.getByRole("status").filter({ hasText: "The default vocabulary is restored." }).waitFor();
  });
});

describe("best bets", () => {
  it("adds a best bet with the keyboard only; plain staff then see it first, badged, in its accessible description", async () => {
    // Before: the question has no good answer and the page is not first.
    await openSignedIn("", STAFF);
    await search("i am feeling overwhelmed at work");
    expect(await resultItems().first().getByRole("link").textContent()).not.toMatch(/^Employee assistance/);

    await switchTo(EDITOR, "?view=best-bets");
    await page.getByRole("heading", { name: "Pinned pages" }).waitFor();
    await tabUntil("Add a best bet");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Add a best bet", level: 3 }).waitFor();
    expect(await focused().textContent()).toBe("Add a best bet");

    // Find the page by its title: Enter in the finder searches, it does not submit the form.
    await page.keyboard.press("Tab");
    expect(await focused().getAttribute("type")).toBe("search");
    await page.keyboard.type("employee assistance");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: /pages? found for employee assistance/ }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Find pages");
    await page.keyboard.press("Tab");
    expect(await focused().getAttribute("type")).toBe("radio");
    await page.keyboard.press("Space");
    await expectVisible(page.getByText(/^Pinning: Employee assistance programme/));

    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.tagName")).toBe("TEXTAREA");
    await page.keyboard.type("feeling overwhelmed");
    await page.keyboard.press("Tab"); // match: "It contains the phrase" (the checked radio)
    expect(await focused().getAttribute("value")).toBe("phrase");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Until the wellbeing hub page is written");
    await tabUntil("Add best bet");
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-best-bet-keyboard.png`, fullPage: true });
    await page.keyboard.press("Enter");

    await page.getByRole("status").filter({ hasText: /^Pinned Employee assistance programme/ }).waitFor();
    const card = page.getByRole("list", { name: "Best bets" }).getByRole("listitem").filter({ hasText: "feeling overwhelmed" });
    await expectVisible(card.getByText("Note: Until the wellbeing hub page is written"));
    // Focus lands on the new best bet, not on <body>.
    expect(await focused().getAttribute("aria-label")).toMatch(/^Edit best bet for Employee assistance programme/);

    await switchTo(STAFF);
    await search("i am feeling overwhelmed at work");
    const first = resultItems().first();
    const link = first.getByRole("link", { name: /^Employee assistance programme/ });
    await expectVisible(link);
    await expectVisible(first.getByText("Pinned by the communications team"));
    expect(await descriptionOf(link)).toBe("Pinned by the communications team");
    // Only the pinned page carries the badge.
    expect(await page.getByText("Pinned by the communications team", { exact: true }).count()).toBe(1);
  });

  it("explains a missing page and trigger next to their fields, edits a best bet, and deletes it after confirming", async () => {
    await openSignedIn("?view=best-bets", EDITOR);
    await page.getByRole("heading", { name: "Pinned pages" }).waitFor();
    await page.getByRole("button", { name: "Add a best bet" }).click();
    await page.getByRole("button", { name: "Add best bet" }).click();
    await expectVisible(page.getByText("Choose the page to pin: find it by its title, then select it."));
    await expectVisible(page.getByText("Enter at least one question or phrase that should show this page first."));
    // Fluent Field ties each message to its control, so it is read with the field.
    const triggers = page.getByRole("textbox", { name: /Questions that show this page first/ });
    expect(await descriptionOf(triggers)).toContain("Enter at least one question or phrase");
    expect(await triggers.getAttribute("aria-invalid")).toBe("true");

    await page.getByRole("searchbox", { name: /Find the page to pin/ }).fill("lone working");
    await page.getByRole("button", { name: "Find pages" }).click();
    await page.getByRole("radio", { name: "Lone working" }).check();
    await triggers.fill("home visit on my own");
    await page.getByRole("radio", { name: "It contains all the words, in any order" }).check();
    await page.getByRole("button", { name: "Add best bet" }).click();
    const card = page.getByRole("list", { name: "Best bets" }).getByRole("listitem").filter({ hasText: "home visit on my own" });
    await expectVisible(card.getByText(/^Question contains all the words, in any order\./));

    await card.getByRole("button", { name: "Edit best bet for Lone working" }).click();
    await page.getByRole("heading", { name: "Edit best bet: Lone working" }).waitFor();
    await page.getByRole("textbox", { name: /Questions that show this page first/ }).fill("home visit on my own\nworking alone at night");
    await page.getByRole("button", { name: "Save best bet" }).click();
    await page.getByRole("status").filter({ hasText: "Saved Lone working." }).waitFor();
    await expectVisible(page.getByText("home visit on my own; working alone at night"));

    // The confirmation starts on Cancel, Escape closes it, and focus goes back to the Delete button.
    await page.getByRole("button", { name: "Delete best bet for Lone working" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete this best bet?" });
    await dialog.waitFor();
    expect(await focused().textContent()).toBe("Cancel");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused().getAttribute("aria-label")).toBe("Delete best bet for Lone working");
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Delete best bet" }).click();
    await page.getByRole("status").filter({ hasText: "Removed the best bet for Lone working." }).waitFor();
    expect(await page.getByText("working alone at night").count()).toBe(0);
  });
});

describe("content-gap report", () => {
  it("shows the question that had no answer, the weekly trend as a table, and downloads the CSV", async () => {
    await openSignedIn("", STAFF);
    await search("can i bring my dog to work");
    await switchTo(EDITOR, "?view=report");
    await page.getByRole("heading", { name: "Questions search could not answer" }).waitFor();
    await page.getByRole("status").filter({ hasText: /^Report for / }).waitFor();
    // The default range is the last 28 days, shown in the date boxes.
    const from = await page.getByLabel("From", { exact: true }).inputValue();
    const to = await page.getByLabel("To", { exact: true }).inputValue();
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(27);

    const totals = page.getByRole("term");
    expect(await totals.allTextContents()).toEqual(["Searches", "No answer", "Not helpful", "Helpful"]);
    const weeks = page.getByRole("table", { name: "Searches per week" });
    expect(await weeks.getByRole("columnheader").allTextContents()).toEqual(expect.arrayContaining(["Week starting", "Searches", "No answer"]));
    expect(await weeks.getByRole("row").count()).toBeGreaterThan(1);
    const gaps = page.getByRole("table", { name: "Questions to look at" });
    const row = gaps.getByRole("row").filter({ hasText: /dog/ });
    await expectVisible(row);
    expect(await row.textContent()).toContain("Guidance tab");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`council-hub-search-gaps-${from}-to-${to}.csv`);
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.split(/\r?\n/)[0]).toBe("query,searches,no_answer,not_helpful,helpful,last_asked,channels");
    expect(csv).toMatch(/dog/);
    await expectVisible(page.getByRole("status").filter({ hasText: `Downloaded ${download.suggestedFilename()}` }));
  });

  it("explains a range that ends before it starts", async () => {
    await openSignedIn("?view=report", EDITOR);
    await page.getByRole("status").filter({ hasText: /^Report for / }).waitFor();
    await page.getByLabel("From", { exact: true }).fill("2026-11-20");
    await page.getByLabel("To", { exact: true }).fill("2026-11-01");
    await page.getByRole("button", { name: "Show report" }).click();
    await expectVisible(page.getByText("The last day must be the same as or after the first day."));
  });

  it("reflows at 320px wide: only the tables scroll sideways, inside their own focusable regions", async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openSignedIn("?view=report", EDITOR);
    await page.getByRole("status").filter({ hasText: /^Report for / }).waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    expect(await page.getByRole("region", { name: "Searches per week" }).getAttribute("tabindex")).toBe("0");
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-320-report.png`, fullPage: true });
  });
});

describe("accessibility and themes", () => {
  it.each(THEMES)("has no WCAG 2.2 AA violations on each Manage search view and a no-answer search in the %s theme", async (theme) => {
    await openSignedIn(`?view=vocabulary&theme=${theme}`, EDITOR);
    await page.getByRole("heading", { name: "Words that mean the same" }).waitFor();
    await page.getByRole("button", { name: "Add a group" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-${theme}-vocabulary.png` });

    const nav = page.getByRole("navigation", { name: "Manage search" });
    await nav.getByRole("link", { name: "Best bets" }).click();
    await page.getByRole("button", { name: "Add a best bet" }).click();
    await page.getByRole("searchbox", { name: /Find the page to pin/ }).fill("annual leave");
    await page.getByRole("button", { name: "Find pages" }).click();
    await page.getByRole("radio").first().waitFor();
    await page.getByRole("button", { name: "Add best bet" }).click();
    await page.getByText("Enter at least one question or phrase that should show this page first.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-${theme}-best-bets.png`, fullPage: true });

    await nav.getByRole("link", { name: "Content-gap report" }).click();
    await page.getByRole("status").filter({ hasText: /^Report for / }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/manage-search-${theme}-report.png`, fullPage: true });

    await page.getByRole("button", { name: "Back to search" }).click();
    await search(NO_ANSWER_QUERY);
    await page.getByRole("heading", { name: "Closest pages" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-${theme}-no-answer.png`, fullPage: true });
  });
});

/** Presses Tab until the focused element's text is `text` (at most 40 times), and fails if it never is. */
async function tabUntil(text: string): Promise<void> {
  for (let i = 0; i < 40 && ((await focused().count()) === 0 || (await focused().textContent()) !== text); i++) await page.keyboard.press("Tab");
  expect(await focused().textContent()).toBe(text);
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible" });
}
