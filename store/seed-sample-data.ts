import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ROLES, type GuidanceService, type IngestReport, type StaffUser } from "../core";
import { readDocuments } from "./folder-documents";
import { packageRoot } from "./package-root";
import type { SqliteDirectory } from "./sqlite-directory";

/** The origin label of the sample intranet pages, so a later `hub ingest` of another folder never removes them. */
export const SAMPLE_ORIGIN = "sample";

export const sampleIntranetFolder = (): string => join(packageRoot(), "store", "seed", "intranet");
export const sampleUsersFile = (): string => join(packageRoot(), "store", "seed", "sample-users.json");

const sampleUsersSchema = z.array(
  z.object({
    upn: z.string().email(),
    name: z.string().min(1),
    roles: z.array(z.enum(ROLES)).min(1),
    department: z.string().min(1),
    managerUpn: z.string().email().optional(),
  }),
);

export async function loadSampleUsers(): Promise<StaffUser[]> {
  return sampleUsersSchema.parse(JSON.parse(await readFile(sampleUsersFile(), "utf8")));
}

export interface SeedResult {
  readonly users: number;
  readonly pages?: IngestReport;
}

/**
 * First-run seeding for the embedded default: the sample directory when there are no users, the sample intranet
 * when there are no pages. Running it again on a seeded database changes nothing.
 */
export async function seedSampleData(deps: { guidance: GuidanceService; directory: SqliteDirectory }): Promise<SeedResult> {
  let users = 0;
  if ((await deps.directory.list()).length === 0) {
    const sample = await loadSampleUsers();
    await deps.directory.upsertMany(sample);
    users = sample.length;
  }
  if ((await deps.guidance.pageCount()) > 0) return { users };
  const pages = await deps.guidance.ingest(SAMPLE_ORIGIN, readDocuments(sampleIntranetFolder()), { actor: "system" });
  return { users, pages };
}
