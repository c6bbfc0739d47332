/** A dependency that /healthz asks: the store, and later Graph. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}
