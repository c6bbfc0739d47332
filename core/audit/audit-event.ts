/**
 * One entry of the audit trail. Every read and write of special-category data (health, disability) is
 * recorded, as are administrative actions. Entries are append-only.
 */
export interface AuditEvent {
  /** Who acted (UPN), or "system" for scheduled work. */
  readonly actor: string;
  /** What happened, dotted and past tense, e.g. "guidance.ingested", "adjustment.case.read". */
  readonly action: string;
  /** What it happened to, e.g. "adjustment-case:42". */
  readonly target: string;
  readonly at: Date;
  /** Extra facts worth keeping. Never put special-category content itself here. */
  readonly detail?: Record<string, string | number | boolean>;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<AuditEvent[]>;
}
