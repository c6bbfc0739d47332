import type { StaffUser } from "./user";

/** The staff directory: SQLite sample users locally, Entra ID (Graph /users) in Microsoft 365. */
export interface UserDirectory {
  findByUpn(upn: string): Promise<StaffUser | undefined>;
  list(): Promise<StaffUser[]>;
}
