import { randomUUID } from "node:crypto";
import type { MessagingExtensionAttachment, MessagingExtensionResponse } from "botbuilder";
import request from "supertest";
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  LINK_UNFURL_CARD_VERSION,
  MAX_MESSAGE_EXTENSION_RESULTS,
  NO_RESULTS_MESSAGE,
  QUERY_TOO_LONG_MESSAGE,
  SEARCH_COMMAND_ID,
  THUMBNAIL_CARD_CONTENT_TYPE,
  UNKNOWN_COMMAND_MESSAGE,
  type AdaptiveCard,
} from "../../bot";
import { MAX_QUERY_LENGTH } from "../../core";
import { startBotTestServer, TEST_PUBLIC_URL, type BotTestServer } from "./support/bot-test-server";
import { cardActions, cardTexts } from "./support/walk-card";

/**
 * The message extension as Teams drives it: `composeExtension/query` and `composeExtension/queryLink` invokes POSTed
 * to /api/messages, answered in the HTTP response body (the invoke response), backed by real search on SQLite.
 */

const BOT = { id: "28:council-hub-bot", name: "Council Hub" };
const USER = { id: "29:1-user-ann", name: "Ann Example", aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab" };
const SERVICE_URL = "http://127.0.0.1:9/teams/";
/** The sickness page's original link in the bot test fixtures. */
const SICKNESS_URL = "https://intranet.example-council.gov.uk/hr/sickness-absence";

/** Extra pages about leave, so a search for "leave" has more results than Teams may show. */
const LEAVE_PAGES = Array.from({ length: 40 }, (_, i) => ({
  id: `bulk/leave-${i + 1}.md`,
  content: `---\ntitle: Leave note ${i + 1}\n---\n# Leave note ${i + 1}\n\nA note about leave, number ${i + 1}, for staff who take leave.\n`,
}));

let server: BotTestServer;

beforeAll(async () => {
  server = await startBotTestServer();
  await server.hub.guidance.ingest("bulk", LEAVE_PAGES, { actor: "test" });
});

afterAll(async () => {
  await server.close();
});

/** A Teams invoke from the compose box of a group chat. */
function invoke(name: string, value: unknown): Record<string, unknown> {
  return {
    type: "invoke",
    name,
    value,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: SERVICE_URL,
    conversation: { id: "19:group-chat@thread.v2", conversationType: "groupChat", isGroup: true, tenantId: "tenant-1" },
    from: USER,
    recipient: BOT,
    channelData: { tenant: { id: "tenant-1" }, source: { name: "compose" } },
    locale: "en-GB",
  };
}

function searchFor(text: string, queryOptions: Record<string, unknown> = { skip: 0, count: 25 }): Record<string, unknown> {
  return invoke("composeExtension/query", { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "query", value: text }], queryOptions });
}

/** POSTs an invoke and returns its invoke response body, checking Teams got a 200. */
async function invokeResponse(body: Record<string, unknown>): Promise<MessagingExtensionResponse> {
  const res = await request(server.url).post("/api/messages").send(body);
  expect(res.status).toBe(200);
  return res.body as MessagingExtensionResponse;
}

function attachmentsOf(response: MessagingExtensionResponse): MessagingExtensionAttachment[] {
  expect(response.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
  return response.composeExtension?.attachments ?? [];
}

function cardOf(attachment: MessagingExtensionAttachment | undefined): AdaptiveCard {
  expect(attachment?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return attachment?.content as AdaptiveCard;
}

function errorsLogged(): unknown[] {
  return server.logs.filter((line) => line.level === "error");
}

describe("composeExtension/query", () => {
  it("returns matching pages as cards to insert, each with a plain thumbnail preview", async () => {
    const attachments = attachmentsOf(await invokeResponse(searchFor("fit note sick")));
    expect(attachments.length).toBeGreaterThan(0);
    const first = attachments[0];
    expect(first?.preview).toEqual({
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: { title: "Sickness absence", text: expect.stringContaining("fit note") },
    });
    expect(JSON.stringify(first?.preview)).not.toContain("**");

    const card = cardOf(first);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", lang: "en" });
    expect(card.speak).toMatch(/^Council guidance: Sickness absence\. /);
    expect(cardTexts(card)[0]).toBe("Sickness absence");
    expect(cardActions(card)).toEqual([
      expect.objectContaining({ type: "Action.OpenUrl", title: "Open in Council Hub", url: `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fsickness-absence.md` }),
      expect.objectContaining({ type: "Action.OpenUrl", title: "Open original", url: SICKNESS_URL }),
    ]);
  });

  it("offers only the tab link for a page with no original", async () => {
    const attachments = attachmentsOf(await invokeResponse(searchFor("password reset portal")));
    const card = cardOf(attachments.find((a) => (a.preview?.content as { title?: string }).title === "Resetting your password"));
    expect(cardActions(card).map((a) => a.title)).toEqual(["Open in Council Hub"]);
  });

  it(`returns at most ${MAX_MESSAGE_EXTENSION_RESULTS} results, even when Teams asks for more, and no second page`, async () => {
    expect(MAX_MESSAGE_EXTENSION_RESULTS).toBe(25);
    expect(attachmentsOf(await invokeResponse(searchFor("leave", { skip: 0, count: 100 })))).toHaveLength(MAX_MESSAGE_EXTENSION_RESULTS);
    expect(attachmentsOf(await invokeResponse(searchFor("leave")))).toHaveLength(MAX_MESSAGE_EXTENSION_RESULTS);
    expect(attachmentsOf(await invokeResponse(searchFor("leave", { skip: 3, count: 5 })))).toEqual([]);
    expect(attachmentsOf(await invokeResponse(searchFor("leave", { skip: 0, count: 5 })))).toHaveLength(5);
  });

  it("searches as the message extension channel, so the content-gap report knows where questions came from", async () => {
    const search = jest.spyOn(server.hub.guidance, "search");
    try {
      await invokeResponse(searchFor("annual leave"));
      expect(search).toHaveBeenCalledWith("annual leave", { top: 25, channel: "message_extension" });
    } finally {
      search.mockRestore();
    }
  });

  it("suggests pages when the command opens (initialRun), instead of an error or an empty list", async () => {
    const search = jest.spyOn(server.hub.guidance, "search");
    try {
      const response = await invokeResponse(invoke("composeExtension/query", { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "initialRun", value: "true" }], queryOptions: { skip: 0, count: 25 } }));
      const titles = attachmentsOf(response).map((a) => (a.preview?.content as { title: string }).title);
      expect(titles).toEqual(expect.arrayContaining(["Annual leave", "Sickness absence"]));
      expect(new Set(titles).size).toBe(titles.length);
      // Suggestions are nobody's question: none of them is searched as a staff channel.
      for (const call of search.mock.calls) expect(call[1]?.channel).toBeUndefined();
    } finally {
      search.mockRestore();
    }
  });

  it("treats a cleared search box like the command opening", async () => {
    expect(attachmentsOf(await invokeResponse(searchFor("   "))).length).toBeGreaterThan(0);
  });

  it("says so in words when nothing matches", async () => {
    expect(await invokeResponse(searchFor("xylophone quokka"))).toEqual({ composeExtension: { type: "message", text: NO_RESULTS_MESSAGE } });
  });

  it.each([
    ["too long", "leave ".repeat(MAX_QUERY_LENGTH), QUERY_TOO_LONG_MESSAGE],
    ["punctuation only", "!!! ...", "Type some words to search for: punctuation alone can't be searched."],
  ])("answers a %s query with a message, never an HTTP error", async (_name, text, message) => {
    expect(await invokeResponse(searchFor(text))).toEqual({ composeExtension: { type: "message", text: message } });
    expect(errorsLogged()).toEqual([]);
  });

  it.each([
    ["an unknown command", { commandId: "somethingElse", parameters: [{ name: "query", value: "leave" }] }],
    ["no value at all", undefined],
    ["a non-string query", { commandId: SEARCH_COMMAND_ID, parameters: [{ name: "query", value: { $ne: 1 } }] }],
  ])("answers %s with a message", async (_name, value) => {
    expect(await invokeResponse(invoke("composeExtension/query", value))).toEqual({ composeExtension: { type: "message", text: UNKNOWN_COMMAND_MESSAGE } });
  });

  it("never logs what was searched", async () => {
    await invokeResponse(searchFor("parental leave notice"));
    expect(JSON.stringify(server.logs)).not.toContain("parental leave notice");
    expect(server.logs).toContainEqual(expect.objectContaining({ level: "info", message: "bot.message_extension.searched" }));
  });
});

describe("composeExtension/queryLink (link unfurling)", () => {
  async function unfurl(url: unknown): Promise<MessagingExtensionAttachment[]> {
    return attachmentsOf(await invokeResponse(invoke("composeExtension/queryLink", { url })));
  }

  it.each([
    `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fannual-leave.md`,
    `${TEST_PUBLIC_URL}/tabs/guidance/?page=hr/annual-leave.md&utm_source=teams#top`,
    `${TEST_PUBLIC_URL.toUpperCase()}/tabs/guidance?page=hr%252Fannual-leave.md`,
  ])("unfurls the hub's own Guidance tab link %s into the page's card", async (url) => {
    const [attachment, ...rest] = await unfurl(url);
    expect(rest).toEqual([]);
    const card = cardOf(attachment);
    // Teams renders Adaptive Cards up to 1.3 in unfurled links.
    expect(card.version).toBe(LINK_UNFURL_CARD_VERSION);
    expect(cardTexts(card)[0]).toBe("Annual leave");
    expect(cardTexts(card)[1]).toMatch(/^Annual leave How to book annual leave/);
    expect(card.speak).toMatch(/^Council guidance: Annual leave\./);
    expect(cardActions(card).map((a) => a.title)).toEqual(["Open in Council Hub"]);
    expect(attachment?.preview).toMatchObject({ contentType: THUMBNAIL_CARD_CONTENT_TYPE, content: { title: "Annual leave" } });
  });

  it.each([SICKNESS_URL, `${SICKNESS_URL}/`, `${SICKNESS_URL}?web=1`, "HTTPS://INTRANET.example-council.gov.uk/HR/Sickness-Absence#fit-notes"])(
    "unfurls the original page link %s into the same card",
    async (url) => {
      const [attachment, ...rest] = await unfurl(url);
      expect(rest).toEqual([]);
      const card = cardOf(attachment);
      expect(cardTexts(card)[0]).toBe("Sickness absence");
      expect(cardActions(card)).toEqual([
        expect.objectContaining({ title: "Open in Council Hub", url: `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fsickness-absence.md` }),
        expect.objectContaining({ title: "Open original", url: SICKNESS_URL }),
      ]);
    },
  );

  it.each([
    ["an unknown page on the hub", `${TEST_PUBLIC_URL}/tabs/guidance?page=hr%2Fno-such-page.md`],
    ["an unknown page on the intranet", "https://intranet.example-council.gov.uk/hr/no-such-page"],
    ["a URL on an unknown host", "https://www.example.com/hr/sickness-absence"],
    ["the hub's home page", `${TEST_PUBLIC_URL}/`],
    ["something that is not a URL", "not a url"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a missing url", undefined],
  ])("returns an empty result for %s, so Teams leaves the link alone", async (_name, url) => {
    expect(await unfurl(url)).toEqual([]);
    expect(errorsLogged()).toEqual([]);
  });

  it("never logs the pasted URL", async () => {
    await unfurl(SICKNESS_URL);
    expect(JSON.stringify(server.logs)).not.toContain("sickness-absence");
    expect(server.logs).toContainEqual(expect.objectContaining({ message: "bot.message_extension.unfurled", meta: { kind: "original", found: true } }));
  });
});
