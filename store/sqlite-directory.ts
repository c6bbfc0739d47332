import { isRole, type Role, type StaffUser, type UserDirectory } from "../core";
import type { SqliteDb } from "./sqlite-database";

interface UserRow {
  upn: string;
  name: string;
  roles: string;
  department: string;
  manager_upn: string | null;
}

/** The local staff directory (the sample users in dev mode). In Microsoft 365, Entra ID plays this part. */
export class SqliteDirectory implements UserDirectory {
  constructor(private readonly db: SqliteDb) {}

  async findByUpn(upn: string): Promise<StaffUser | undefined> {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM staff_user WHERE upn = ?").get(upn);
    return row ? toUser(row) : undefined;
  }

  async list(): Promise<StaffUser[]> {
    return this.db.prepare<[], UserRow>("SELECT * FROM staff_user ORDER BY name").all().map(toUser);
  }

  /** Inserts or replaces users, all or nothing. */
  async upsertMany(users: readonly StaffUser[]): Promise<void> {
    const insert = this.db.prepare(
      "INSERT INTO staff_user (upn, name, roles, department, manager_upn) VALUES (@upn, @name, @roles, @department, @manager_upn) " +
        "ON CONFLICT(upn) DO UPDATE SET name = excluded.name, roles = excluded.roles, department = excluded.department, manager_upn = excluded.manager_upn",
    );
    this.db.transaction(() => {
      for (const u of users) insert.run({ upn: u.upn, name: u.name, roles: JSON.stringify(u.roles), department: u.department, manager_upn: u.managerUpn ?? null });
    })();
  }
}

function toUser(row: UserRow): StaffUser {
  const roles = (JSON.parse(row.roles) as string[]).filter(isRole) as Role[];
  return { upn: row.upn, name: row.name, roles, department: row.department, ...(row.manager_upn ? { managerUpn: row.manager_upn } : {}) };
}
