import type { AuditLog } from "./audit/audit-event";
import type { SearchCuration } from "./guidance/curation/search-curation";
import type { GuidanceService } from "./guidance/guidance-service";
import type { HealthCheck } from "./health";
import type { UserDirectory } from "./identity/ports";

/**
 * Everything the edges (API, bot, CLI) may call, built once by the composition root (teams-app/compose.ts).
 * Each capability (adjustments, governance, pulse, newsroom) adds its service here.
 */
export interface HubServices {
  readonly guidance: GuidanceService;
  /** Search curation for the comms team: best bets, the vocabulary, the anonymous query log and content-gap report. */
  readonly searchCuration: SearchCuration;
  readonly directory: UserDirectory;
  readonly audit: AuditLog;
  readonly health: readonly HealthCheck[];
  /** Flushes the query log and releases the store (closes SQLite). */
  close(): Promise<void>;
}
