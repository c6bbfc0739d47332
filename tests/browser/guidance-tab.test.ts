import type { Page } from "playwright-core";
import { axeViolations, tabTestBed } from "./support";

/**
 * The Guidance tab in a real browser against the real host (SQLite, seeded sample intranet, dev sign-in):
 * search, read, go back, give feedback, deep links, keyboard-only use, errors, and WCAG 2.2 AA in every theme.
 */

const THEMES = ["light", "dark", "contrast"] as const;
const SAMPLE_USER = "Alex Morgan";
const ANNUAL_LEAVE_ID = "hr/annual-leave.md";
const SCREENSHOTS = "/tmp";

const bed = tabTestBed();
// The current test's page (a fresh context each test), under the name the tests use.
let page: Page;
beforeEach(() => {
  page = bed.page;
});

/** Opens the tab (with optional query string) and signs in through the dev sign-in as a sample user. */
async function openSignedIn(query = "", user = SAMPLE_USER): Promise<void> {
  await page.goto(`${bed.host.baseUrl}/tabs/guidance/${query}`);
  await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
  const select = page.getByLabel("Sample user");
  const value = await select.locator("option", { hasText: user }).getAttribute("value");
  await select.selectOption(value ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(`Signed in as ${user}`).waitFor();
}

async function search(text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search guidance" }).fill(text);
  await page.keyboard.press("Enter");
}

/** The live region's text once a search has finished. */
async function resultStatus(): Promise<string> {
  const status = page.getByRole("status").filter({ hasText: /result/ });
  await status.waitFor();
  return (await status.textContent()) ?? "";
}

const focused = (p: Page = page) => p.locator("*:focus");

describe("dev sign-in", () => {
  it("lists the sample users, signs in, and switches user", async () => {
    await openSignedIn();
    await expectVisible(page.getByRole("heading", { name: "Guidance", level: 1 }));
    await expectVisible(page.getByRole("banner").getByText("Council Hub"));
    // The token is kept per browser tab, so a reload stays signed in.
    await page.reload();
    await page.getByText(`Signed in as ${SAMPLE_USER}`).waitFor();
    await page.getByRole("button", { name: "Switch user" }).click();
    await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
    expect(await page.evaluate<string | null>("sessionStorage.getItem('council-hub.dev-session')")).toBeNull();
  });

  it("sends the user back to sign-in when the host rejects the token (401)", async () => {
    await openSignedIn();
    // Tamper with the stored token: the host's validator refuses the signature, exactly as for an expired token.
    await page.evaluate(`(() => {
      const key = "council-hub.dev-session";
      const session = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...session, token: session.token.slice(0, -4) + "AAAA" }));
    })()`);
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
    await expectVisible(page.getByText("Your session has ended. Sign in again."));
    expect(await page.evaluate<string | null>("sessionStorage.getItem('council-hub.dev-session')")).toBeNull();
  });
});

describe("search", () => {
  it("finds annual leave, highlights the matched words and announces the count", async () => {
    await openSignedIn();
    await search("annual leave");
    const status = await resultStatus();
    expect(status).toMatch(/^\d+ results? for annual leave$/);
    const count = Number(status.split(" ")[0]);
    const items = page.getByRole("list", { name: "Results for annual leave" }).getByRole("listitem");
    expect(await items.count()).toBe(count);
    await expectVisible(items.first().getByRole("link", { name: "Annual leave" }));
    // The answer's snippet marks the words asked for; other results may also mark vocabulary matches ("holidays").
    const topMarks = (await items.first().locator("mark").allTextContents()).map((t) => t.toLowerCase());
    expect(topMarks.length).toBeGreaterThan(0);
    expect(topMarks.every((m) => m.includes("annual") || m.includes("leave"))).toBe(true);
    expect(await page.locator("mark").count()).toBeGreaterThanOrEqual(topMarks.length);
    // The snippet's ** markers are turned into highlighting, never shown.
    expect(await page.getByRole("list").first().textContent()).not.toContain("**");
    expect(new URL(page.url()).searchParams.get("q")).toBe("annual leave");
  });

  it("shows the empty state when nothing matches", async () => {
    await openSignedIn();
    await search("xylophone zeppelin");
    expect(await resultStatus()).toBe("No results for xylophone zeppelin");
    await expectVisible(page.getByText("No pages matched."));
  });

  it("explains an empty search instead of sending it", async () => {
    await openSignedIn();
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expectVisible(page.getByRole("alert").filter({ hasText: "Type some words to search for." }));
  });

  it("shows the host's error message when the search fails", async () => {
    await openSignedIn();
    // Fault injection at the HTTP boundary: the real host has no switch for "search is down".
    await page.route("**/api/guidance/search?*", (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Search is being updated. Try again in a minute." } }) }),
    );
    await search("annual leave");
    await expectVisible(page.getByRole("alert").getByText("Search is being updated. Try again in a minute."));
  });

  it("runs the search in ?q= when the tab opens", async () => {
    await openSignedIn("?q=hybrid%20working");
    expect(await resultStatus()).toMatch(/results? for hybrid working$/);
    expect(await page.getByRole("searchbox", { name: "Search guidance" }).inputValue()).toBe("hybrid working");
  });
});

describe("page view", () => {
  it("opens a result with focus on its heading, and Back returns focus to that result", async () => {
    await openSignedIn();
    await search("annual leave");
    await resultStatus();
    await page.getByRole("link", { name: "Annual leave" }).first().click();
    const heading = page.getByRole("heading", { name: "Annual leave", level: 1 });
    await heading.waitFor();
    expect(await focused().textContent()).toBe("Annual leave");
    const article = page.getByRole("article", { name: "Annual leave" });
    await expectVisible(article.getByRole("heading", { name: "How much leave you get", level: 2 }));
    expect(await article.textContent()).toContain("The leave year runs from 1 April to 31 March.");
    // The body's own h1 is dropped: one h1 per view.
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    await expectVisible(article.getByRole("link", { name: /Open the original page/ }));
    expect(new URL(page.url()).searchParams.get("page")).toBe(ANNUAL_LEAVE_ID);

    await page.getByRole("button", { name: "Back to results" }).click();
    await page.getByRole("heading", { name: "Guidance", level: 1 }).waitFor();
    expect(await focused().getAttribute("href")).toContain(`page=${encodeURIComponent(ANNUAL_LEAVE_ID)}`);
    expect(await focused().textContent()).toBe("Annual leave");
    expect(new URL(page.url()).searchParams.get("page")).toBeNull();
  });

  it("records 'Was this helpful?' and thanks the user", async () => {
    await openSignedIn("?q=annual%20leave");
    await resultStatus();
    await page.getByRole("link", { name: "Annual leave" }).first().click();
    await page.getByRole("heading", { name: "Was this helpful?" }).waitFor();
    const [request, response] = await Promise.all([
      page.waitForRequest("**/api/guidance/feedback"),
      page.waitForResponse("**/api/guidance/feedback"),
      page.getByRole("button", { name: "Yes" }).click(),
    ]);
    expect(request.postDataJSON()).toEqual({ query: "annual leave", pageId: ANNUAL_LEAVE_ID, helpful: true });
    expect(response.status()).toBe(204);
    await expectVisible(page.getByRole("status").filter({ hasText: "Thank you for your feedback." }));
    expect(await focused().textContent()).toBe("Thank you for your feedback.");
  });

  it("opens ?page=<id> directly (the bot's card links)", async () => {
    await openSignedIn(`?page=${encodeURIComponent(ANNUAL_LEAVE_ID)}`);
    await page.getByRole("heading", { name: "Annual leave", level: 1 }).waitFor();
    expect(await focused().textContent()).toBe("Annual leave");
    await page.getByRole("button", { name: "Back to search" }).click();
    expect(await focused().getAttribute("type")).toBe("search");
  });

  it("says so when a deep-linked page does not exist", async () => {
    await openSignedIn("?page=hr%2Fno-such-page.md");
    await page.getByRole("heading", { name: "This page could not be shown" }).waitFor();
    await expectVisible(page.getByText("That guidance page was not found."));
  });
});

describe("keyboard only", () => {
  it("signs in, searches, opens a result and comes back with Tab, Enter and Shift+Tab", async () => {
    await page.goto(`${bed.host.baseUrl}/tabs/guidance/`);
    await page.getByRole("heading", { name: "Sign in to Council Hub" }).waitFor();
    // The heading shows while the sample users are still loading; a person waits for the list before tabbing to it.
    await page.getByRole("combobox", { name: "Sample user" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Skip to main content");
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.tagName")).toBe("SELECT");
    await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Sign in");
    await page.keyboard.press("Enter");
    await page.getByText(/^Signed in as /).waitFor();

    // Focus is at the start of main after signing in; the next stop is the search box.
    await page.keyboard.press("Tab");
    expect(await focused().getAttribute("type")).toBe("search");
    await page.keyboard.type("annual leave");
    await page.keyboard.press("Enter");
    await resultStatus();
    await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Search");
    await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Annual leave");
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-keyboard-focus.png` });
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Annual leave", level: 1 }).waitFor();
    expect(await page.evaluate<string>("document.activeElement.tagName")).toBe("H1");
    await page.keyboard.press("Shift+Tab");
    expect(await focused().textContent()).toBe("Back to results");
    await page.keyboard.press("Enter");
    expect(await focused().textContent()).toBe("Annual leave");
    expect(await focused().getAttribute("href")).toContain("page=");
  });

  it("reaches Yes and No by Tab from the page heading", async () => {
    await openSignedIn(`?page=${encodeURIComponent(ANNUAL_LEAVE_ID)}`);
    await page.getByRole("heading", { name: "Annual leave", level: 1 }).waitFor();
    for (let i = 0; i < 50 && (await focused().textContent()) !== "Yes"; i++) await page.keyboard.press("Tab");
    expect(await focused().textContent()).toBe("Yes");
    await page.keyboard.press("Enter");
    await expectVisible(page.getByText("Thank you for your feedback."));
  });
});

describe("accessibility and themes", () => {
  it.each(THEMES)("has no WCAG 2.2 AA violations on the results and the page view in the %s theme", async (theme) => {
    await openSignedIn(`?theme=${theme}`);
    await search("annual leave");
    await resultStatus();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-${theme}-results.png`, fullPage: true });

    await page.getByRole("link", { name: "Annual leave" }).first().click();
    await page.getByRole("heading", { name: "Annual leave", level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-${theme}-page.png`, fullPage: true });
  });

  it("has no violations on the sign-in view", async () => {
    await page.goto(`${bed.host.baseUrl}/tabs/guidance/?theme=dark`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-dark-sign-in.png` });
  });

  it("reflows at 320px wide without sideways scrolling", async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openSignedIn();
    await search("annual leave");
    await resultStatus();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-320-results.png`, fullPage: true });
    await page.getByRole("link", { name: "Annual leave" }).first().click();
    await page.getByRole("heading", { name: "Annual leave", level: 1 }).waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    await page.screenshot({ path: `${SCREENSHOTS}/guidance-320-page.png`, fullPage: true });
  });
});

async function expectVisible(locator: ReturnType<Page["locator"]>): Promise<void> {
  await locator.waitFor({ state: "visible" });
}
