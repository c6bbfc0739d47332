import type { AuditEvent, AuditLog } from "../core";
import type { SqliteDb } from "./sqlite-database";

/** Append-only audit trail in SQLite: the class offers no update or delete. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: SqliteDb) {}

  async record(event: AuditEvent): Promise<void> {
    this.db
      .prepare("INSERT INTO audit_event (actor, action, target, at, detail) VALUES (?, ?, ?, ?, ?)")
      .run(event.actor, event.action, event.target, event.at.toISOString(), event.detail ? JSON.stringify(event.detail) : null);
  }

  async recent(limit: number): Promise<AuditEvent[]> {
    const rows = this.db
      .prepare<[number], { actor: string; action: string; target: string; at: string; detail: string | null }>(
        "SELECT actor, action, target, at, detail FROM audit_event ORDER BY seq DESC LIMIT ?",
      )
      .all(limit);
    return rows.map((r) => ({ actor: r.actor, action: r.action, target: r.target, at: new Date(r.at), ...(r.detail ? { detail: JSON.parse(r.detail) as AuditEvent["detail"] } : {}) }));
  }
}
