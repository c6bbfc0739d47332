import { defineCollection, type RecordData, type RecordStore, type StoredRecord } from "../../core";
import { itemsPathOf } from "../../graph";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";

// Throttling and outage storms over hundreds of operations, counted in the fake: nothing lost, nothing written twice.
// `before` faults are refused requests (safe to retry); `after` faults are answers lost once the write happened.

const TICKETS = defineCollection({
  name: "storm-tickets",
  title: "Storm tickets",
  description: "Records written during fault storms.",
  fields: {
    name: { type: "text", required: true, indexed: true },
    rank: { type: "number" },
  },
});
type Ticket = RecordData<typeof TICKETS.fields>;
type Store = RecordStore<typeof TICKETS.fields>;

const SINGLE_CREATES = 150;
const BATCH_CREATES = 100;

/** Runs `work` over `inputs` with at most `limit` in flight, as many users would. */
async function pool<T, R>(inputs: readonly T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await work(inputs[i]!);
      }
    }),
  );
  return results;
}

async function start(uniqueHubKey = true): Promise<{ testbed: SharePointTestbed; store: Store }> {
  const testbed = await startSharePointTestbed({ seed: 20_260_501 });
  const { listIds } = await testbed.provision([TICKETS], { uniqueHubKey });
  return { testbed, store: testbed.factory(listIds).open(TICKETS) };
}

/** 250 creates: 150 one by one (10 at a time) and 100 through createMany (5 batches of 20). */
async function createAll(store: Store): Promise<StoredRecord<Ticket>[]> {
  const singles = await pool(
    Array.from({ length: SINGLE_CREATES }, (_, i) => i),
    10,
    (i) => store.create({ name: `single-${i}`, rank: i }),
  );
  const many = await store.createMany(Array.from({ length: BATCH_CREATES }, (_, i) => ({ name: `batch-${i}`, rank: i })));
  const failed = many.filter((r) => !r.ok);
  expect(failed).toEqual([]);
  return [...singles, ...many.map((r) => (r.ok ? r.record : undefined)!)];
}

/** Names in the list, and how many items carry each: every name exactly once means nothing lost or doubled. */
function census(testbed: SharePointTestbed): { names: string[]; duplicates: string[] } {
  const names = testbed.fake.items(TICKETS.name).map((i) => String(i.values.get("name")));
  const seen = new Set<string>();
  const duplicates = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  return { names, duplicates };
}

describe("fault storms against the SharePoint store", () => {
  it("loses and doubles nothing over 300 operations when 429/503 hit a quarter of writes before they run", async () => {
    const { testbed, store } = await start();
    try {
      const faults = [
        testbed.fake.injectFaults({ status: 429, retryAfterSeconds: 0, fraction: 0.15 }),
        testbed.fake.injectFaults({ status: 503, retryAfterSeconds: 0, fraction: 0.1 }),
        testbed.fake.injectFaults({ status: 429, retryAfterSeconds: 0, fraction: 0.1, match: { kinds: ["read", "batch"] } }),
      ];
      const created = await createAll(store);
      const updated = await pool(created.slice(0, 50), 10, (r) => store.update(r.id, { rank: 1000 + r.data.rank! }, r.version));

      const { names, duplicates } = census(testbed);
      expect(duplicates).toEqual([]);
      expect(names).toHaveLength(SINGLE_CREATES + BATCH_CREATES);
      expect(updated.every((r) => r.data.rank! >= 1000)).toBe(true);
      expect(testbed.fake.items(TICKETS.name).filter((i) => Number(i.values.get("rank")) >= 1000)).toHaveLength(50);
      expect(faults.reduce((n, f) => n + f.injected, 0)).toBeGreaterThan(60);
      expect(testbed.fake.faults.totals.after).toBe(0);
    } finally {
      await testbed.close();
    }
  }, 60_000);

  it("loses and doubles nothing over 300 operations when answers are lost after the write happened", async () => {
    const { testbed, store } = await start();
    try {
      const faults = [
        testbed.fake.injectFaults({ status: 504, timing: "after", retryAfterSeconds: 0, fraction: 0.1 }),
        testbed.fake.injectFaults({ status: 503, timing: "after", retryAfterSeconds: 0, fraction: 0.05 }),
        testbed.fake.injectFaults({ status: 429, retryAfterSeconds: 0, fraction: 0.1 }),
        testbed.fake.injectFaults({ status: 504, timing: "after", retryAfterSeconds: 0, fraction: 0.1, match: { kinds: ["batch"] } }),
      ];
      const created = await createAll(store);
      const updated = await pool(created.slice(0, 30), 10, (r) => store.update(r.id, { rank: -1 }, r.version));
      await pool(created.slice(30, 50), 10, (r) => store.delete(r.id, r.version));

      const { names, duplicates } = census(testbed);
      expect(duplicates).toEqual([]);
      expect(names).toHaveLength(SINGLE_CREATES + BATCH_CREATES - 20);
      expect(updated.every((r) => r.data.rank === -1)).toBe(true);
      const left = new Set(testbed.fake.items(TICKETS.name).map((i) => String(i.id)));
      expect(created.slice(30, 50).some((r) => left.has(r.id))).toBe(false);
      expect(created.slice(50).every((r) => left.has(r.id))).toBe(true);
      expect(faults.slice(0, 2).reduce((n, f) => n + f.injected, 0) + faults[3]!.injected).toBeGreaterThan(30);
    } finally {
      await testbed.close();
    }
  }, 60_000);

  it("still writes once without SharePoint's unique constraint: the key is looked up before any re-send", async () => {
    const { testbed, store } = await start(false);
    try {
      const lost = testbed.fake.injectFaults({ status: 504, timing: "after", retryAfterSeconds: 0, fraction: 0.2 });
      await createAll(store);
      const { names, duplicates } = census(testbed);
      expect(duplicates).toEqual([]);
      expect(names).toHaveLength(SINGLE_CREATES + BATCH_CREATES);
      expect(lost.injected).toBeGreaterThan(20);
    } finally {
      await testbed.close();
    }
  }, 60_000);

  it("catches a client that re-POSTs blindly: the fake sees the double write", async () => {
    const { testbed } = await start(false);
    try {
      testbed.fake.injectFaults({ status: 504, timing: "after", retryAfterSeconds: 0, count: 1 });
      const listId = testbed.fake.list(TICKETS.name)!.id;
      // The SDK's RetryHandler retries a 504 POST as it would a GET: without a key check that is a second item.
      await testbed.client.api(itemsPathOf(testbed.siteId, listId)).post({ fields: { name: "naive" } });
      expect(census(testbed).names).toEqual(["naive", "naive"]);
    } finally {
      await testbed.close();
    }
  });
});
