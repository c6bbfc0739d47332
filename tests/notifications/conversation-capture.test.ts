import { randomUUID } from "node:crypto";
import request from "supertest";
import { BotConnectorSender, ProactiveNotifier, ProactiveSendQueue } from "../../bot";
import type { ConversationReferenceStore, StoredConversationReference } from "../../core";
import { SqliteConversationReferenceStore } from "../../store";
import { ConnectorFake } from "../fakes";
import { startNotificationBot, type NotificationBotServer } from "./support/bot-server";

/**
 * CouncilHubBot, driven over HTTP, remembers each person's personal chat (conversationReferences hook) and the
 * stored reference is enough for a proactive notification to reach them through the same adapter.
 */

const TENANT = "7d3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const BOT = { id: "28:council-hub-bot", name: "Council Hub" };
const ANN = { id: "29:1-ann", name: "Ann Example", aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab" };
const SECRET_QUESTION = "how do I report my colleague's drinking problem";

let connector: ConnectorFake;
let bot: NotificationBotServer;
let store: SqliteConversationReferenceStore;

beforeEach(async () => {
  connector = await ConnectorFake.start();
  bot = await startNotificationBot((hub) => (store = new SqliteConversationReferenceStore(hub.db)));
});
afterEach(async () => {
  await bot.close();
  await connector.close();
});

/** An activity in Ann's personal chat with the bot, as Teams delivers it. */
function personal(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    conversation: { id: "a:personal-chat-ann", conversationType: "personal", tenantId: TENANT },
    from: ANN,
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    locale: "en-GB",
    ...fields,
  };
}

const post = (activity: Record<string, unknown>): request.Test => request(bot.url).post("/api/messages").send(activity);

/** A message whose replies come back in the HTTP response, so no reply depends on the serviceUrl. */
const message = (text: string, fields: Record<string, unknown> = {}): Record<string, unknown> => personal({ type: "message", text, deliveryMode: "expectReplies", ...fields });

describe("saving references", () => {
  it("saves the personal chat when the app is installed (installationUpdate add)", async () => {
    await post(personal({ type: "installationUpdate", action: "add" })).expect(200);

    const saved = await store.find(ANN.aadObjectId);
    expect(saved).toEqual({
      aadObjectId: ANN.aadObjectId,
      tenantId: TENANT,
      serviceUrl: connector.serviceUrl,
      channelId: "msteams",
      conversationId: "a:personal-chat-ann",
      botId: BOT.id,
      userId: ANN.id,
      updatedAt: expect.any(Date),
    });
    expect(saved?.staleSince).toBeUndefined();
  });

  it("saves it from the install's conversationUpdate too, while the welcome card still goes out", async () => {
    await post(personal({ type: "conversationUpdate", membersAdded: [BOT] })).expect(200);

    expect(await store.find(ANN.aadObjectId)).toMatchObject({ conversationId: "a:personal-chat-ann" });
    expect(connector.delivered).toHaveLength(1);
    expect(connector.delivered[0].body.attachments).toEqual([expect.objectContaining({ contentType: "application/vnd.microsoft.card.adaptive" })]);
  });

  it("saves it on a first message and stores nothing of what was said", async () => {
    await post(message(SECRET_QUESTION)).expect(200);

    expect(await store.find(ANN.aadObjectId)).toMatchObject({ aadObjectId: ANN.aadObjectId });
    const everything = JSON.stringify(bot.hub.db.prepare("SELECT * FROM conversation_reference").all());
    expect(everything).not.toMatch(/drinking|colleague/);
    expect(everything).not.toContain(ANN.name);
    const columns = bot.hub.db.prepare<[], { name: string }>("PRAGMA table_info(conversation_reference)").all().map((c) => c.name);
    expect(columns.sort()).toEqual(["aad_object_id", "bot_id", "channel_id", "conversation_id", "service_url", "stale_since", "tenant_id", "updated_at", "user_id"]);
  });

  it("refreshes a changed serviceUrl", async () => {
    await post(message("help")).expect(200);
    const moved = `${connector.serviceUrl}emea/`;
    await post(message("help", { serviceUrl: moved })).expect(200);
    expect((await store.find(ANN.aadObjectId))?.serviceUrl).toBe(moved);
  });

  it.each([
    ["a team channel", { conversationType: "channel" }],
    ["a group chat", { conversationType: "groupChat" }],
  ])("never saves %s as a person's reference", async (_name, conversation) => {
    await post(message("help", { conversation: { id: "19:thread", tenantId: TENANT, ...conversation } })).expect(200);
    expect(await store.find(ANN.aadObjectId)).toBeUndefined();
  });

  it("marks the reference stale on uninstall, and a later message makes it usable again", async () => {
    await post(personal({ type: "installationUpdate", action: "add" })).expect(200);
    await post(personal({ type: "installationUpdate", action: "remove" })).expect(200);
    expect((await store.find(ANN.aadObjectId))?.staleSince).toBeInstanceOf(Date);

    await post(message("help")).expect(200);
    expect((await store.find(ANN.aadObjectId))?.staleSince).toBeUndefined();
  });
});

describe("when the store fails", () => {
  it("logs it and still answers the person", async () => {
    await bot.close();
    const broken: ConversationReferenceStore = {
      save: async () => {
        throw new Error("SQLITE_BUSY: database is locked");
      },
      find: async () => undefined,
      markStale: async () => undefined,
    };
    bot = await startNotificationBot(() => broken);

    const res = await post(message("help")).expect(200);

    expect((res.body as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
    expect(bot.logs).toEqual(expect.arrayContaining([expect.objectContaining({ level: "error", message: "bot.proactive.reference-save-failed" })]));
    expect(JSON.stringify(bot.logs)).not.toContain(ANN.aadObjectId);
  });
});

describe("install, then notify", () => {
  it("reaches the person through the reference the bot saved, in their personal chat", async () => {
    await post(personal({ type: "installationUpdate", action: "add" })).expect(200);
    const sender = new BotConnectorSender({ adapter: bot.adapter, botAppId: "" });
    const notifier = new ProactiveNotifier({ references: store, queue: new ProactiveSendQueue({ transport: (t, a) => sender.send(t, a) }), teamsAppId: "teams-app-id" });

    const outcome = await notifier.notify({
      recipient: ANN.aadObjectId,
      activityType: "surveyOpened",
      previewText: "Five questions, closes Friday",
      target: { tab: "pulse", entityId: "survey-9" },
      templateParameters: { surveyTitle: "Hybrid working" },
    });

    expect(outcome).toEqual({ recipient: ANN.aadObjectId, status: "delivered", channel: "botMessage" });
    const [message] = connector.delivered;
    expect(message.path).toBe(`/v3/conversations/${encodeURIComponent("a:personal-chat-ann")}/activities`);
    expect(message.body).toMatchObject({ recipient: { id: ANN.id }, conversation: { id: "a:personal-chat-ann", tenantId: TENANT } });
    const stored: StoredConversationReference | undefined = await store.find(ANN.aadObjectId);
    expect(stored?.staleSince).toBeUndefined();
  });
});
