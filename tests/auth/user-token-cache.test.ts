import { UserTokenCache } from "../../graph/auth";

/** The per-user token cache behind the OBO provider: expiry, sharing of in-flight fetches, and its size bound. */
describe("UserTokenCache", () => {
  let clockMs: number;
  beforeEach(() => {
    clockMs = 1_000_000;
  });
  const tokenFor = (name: string, lifetimeMs = 3_600_000) => async () => ({ accessToken: name, expiresAt: clockMs + lifetimeMs });

  it("refreshes a token once it is inside the refresh margin", async () => {
    const cache = new UserTokenCache({ now: () => clockMs, refreshMarginMs: 60_000 });
    expect(await cache.get("a", tokenFor("a1", 120_000))).toBe("a1");
    clockMs += 59_000;
    expect(await cache.get("a", tokenFor("a2"))).toBe("a1");
    clockMs += 2_000;
    expect(await cache.get("a", tokenFor("a3"))).toBe("a3");
  });

  it("does not cache a token that is already inside the margin, nor a failure", async () => {
    const cache = new UserTokenCache({ now: () => clockMs, refreshMarginMs: 60_000 });
    expect(await cache.get("a", tokenFor("short", 30_000))).toBe("short");
    await expect(cache.get("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("a", tokenFor("ok"))).toBe("ok");
  });

  it("shares one fetch between concurrent callers of the same key only", async () => {
    const cache = new UserTokenCache({ now: () => clockMs });
    let fetches = 0;
    const slow = (name: string) => async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 10));
      return { accessToken: name, expiresAt: clockMs + 3_600_000 };
    };
    const got = await Promise.all([cache.get("a", slow("A")), cache.get("b", slow("B")), cache.get("a", slow("A'")), cache.get("b", slow("B'"))]);
    expect(got).toEqual(["A", "B", "A", "B"]);
    expect(fetches).toBe(2);
  });

  it("holds at most maxEntries, dropping expired entries first, then the least recently used", async () => {
    const cache = new UserTokenCache({ now: () => clockMs, maxEntries: 2, refreshMarginMs: 0 });
    await cache.get("short", tokenFor("s", 1_000));
    await cache.get("old", tokenFor("o"));
    clockMs += 2_000;
    await cache.get("new", tokenFor("n"));
    expect(cache.size).toBe(2);
    expect(await cache.get("old", tokenFor("o2"))).toBe("o");
    await cache.get("newest", tokenFor("x"));
    expect(cache.size).toBe(2);
    expect(await cache.get("new", tokenFor("n2"))).toBe("n2"); // reading "old" made "new" the least recently used
  });
});
