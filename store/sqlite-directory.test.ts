import type { StaffUser } from "../core";
import { createSqliteHub, type SqliteHub } from "./sqlite-store";

const USERS: StaffUser[] = [
  { upn: "zara@council.example", name: "Zara Ahmed", roles: ["staff", "line_manager"], department: "Housing" },
  { upn: "alun@council.example", name: "Alun Jones", roles: ["staff"], department: "Housing", managerUpn: "zara@council.example" },
];

describe("SqliteDirectory", () => {
  let hub: SqliteHub;
  beforeEach(() => {
    hub = createSqliteHub(":memory:");
  });
  afterEach(() => hub.close());

  it("lists users by name and finds them case-insensitively by UPN", async () => {
    await hub.directory.upsertMany(USERS);
    expect((await hub.directory.list()).map((u) => u.name)).toEqual(["Alun Jones", "Zara Ahmed"]);
    expect(await hub.directory.findByUpn("ALUN@Council.Example")).toEqual(USERS[1]);
    expect(await hub.directory.findByUpn("nobody@council.example")).toBeUndefined();
  });

  it("updates an existing user in place", async () => {
    await hub.directory.upsertMany(USERS);
    await hub.directory.upsertMany([{ ...USERS[1]!, roles: ["staff", "case_officer"], department: "Adult Social Care" }]);
    expect(await hub.directory.findByUpn("alun@council.example")).toMatchObject({ roles: ["staff", "case_officer"], department: "Adult Social Care" });
    expect(await hub.directory.list()).toHaveLength(2);
  });
});
