import type { AuditLog } from "./audit/audit-event";
import type { GuidanceService } from "./guidance/guidance-service";
import type { HealthCheck } from "./health";
import type { UserDirectory } from "./identity/ports";

/**
 * Everything the edges (API, bot, CLI) may call, built once by the composition root (teams-app/compose.ts).
 * Each capability (adjustments, governance, pulse, newsroom) adds its service here.
 */
export interface HubServices {
  readonly guidance: GuidanceService;
  readonly directory: UserDirectory;
  readonly audit: AuditLog;
  readonly health: readonly HealthCheck[];
  /** Releases the store (closes SQLite). */
  close(): Promise<void>;
}
