import type { ConversationTarget } from "../../core";
import { openDatabase, SqliteConversationReferenceStore, type SqliteDb } from "../../store";
import { VirtualClock } from "./support/virtual-clock";

const ANN: ConversationTarget = {
  aadObjectId: "6f1c2d3e-1111-2222-3333-0123456789ab",
  tenantId: "7d3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
  serviceUrl: "https://smba.trafficmanager.net/uk/",
  channelId: "msteams",
  conversationId: "a:personal-chat-ann",
  botId: "28:bot",
  userId: "29:ann",
};

let db: SqliteDb;
let clock: VirtualClock;
let store: SqliteConversationReferenceStore;

beforeEach(() => {
  db = openDatabase(":memory:");
  clock = new VirtualClock();
  store = new SqliteConversationReferenceStore(db, clock);
});
afterEach(() => db.close());

describe("SqliteConversationReferenceStore", () => {
  it("saves and finds by Entra object id, whatever its letter case", async () => {
    await store.save(ANN);
    expect(await store.find(ANN.aadObjectId.toUpperCase())).toEqual({ ...ANN, updatedAt: clock.now() });
    expect(await store.find("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("leaves an unchanged reference alone, so updatedAt means last changed", async () => {
    await store.save(ANN);
    const first = clock.now();
    clock.advance(60_000);
    await store.save(ANN);
    expect((await store.find(ANN.aadObjectId))?.updatedAt).toEqual(first);

    await store.save({ ...ANN, serviceUrl: "https://smba.trafficmanager.net/emea/" });
    expect(await store.find(ANN.aadObjectId)).toMatchObject({ serviceUrl: "https://smba.trafficmanager.net/emea/", updatedAt: clock.now() });
  });

  it("keeps the first stale time, and a save clears it", async () => {
    await store.save(ANN);
    const staleAt = clock.now();
    await store.markStale(ANN.aadObjectId);
    clock.advance(1000);
    await store.markStale(ANN.aadObjectId);
    expect((await store.find(ANN.aadObjectId))?.staleSince).toEqual(staleAt);

    await store.save(ANN);
    expect((await store.find(ANN.aadObjectId))?.staleSince).toBeUndefined();
  });

  it("ignores fields that are not part of a target (an activity's text cannot slip in)", async () => {
    await store.save({ ...ANN, text: "my grievance about my manager" } as ConversationTarget);
    expect(JSON.stringify(db.prepare("SELECT * FROM conversation_reference").all())).not.toContain("grievance");
  });

  it("marking an unknown person stale is a no-op", async () => {
    await store.markStale("00000000-0000-0000-0000-000000000000");
    expect(db.prepare("SELECT COUNT(*) AS n FROM conversation_reference").get()).toEqual({ n: 0 });
  });
});
