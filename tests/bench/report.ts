/** One line of the bench table. `baseline` and `ratio` are blank where nothing is compared. */
export interface ReportRow {
  readonly metric: string;
  readonly value: string;
  readonly baseline?: string;
  readonly ratio?: string;
}

/** Fixed decimals, or "–" for a missing or non-finite value (a skipped section, a zero baseline). */
export function fmt(value: number | undefined, decimals = 2): string {
  return value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(decimals);
}

/** value / baseline, formatted as "0.42×". */
export function ratio(value: number, baseline: number): string {
  return baseline === 0 ? "–" : `${(value / baseline).toFixed(2)}×`;
}

/** A GitHub-flavoured Markdown table with the columns metric | value | baseline | ratio. */
export function markdownTable(rows: readonly ReportRow[]): string {
  const cells = (r: ReportRow): string[] => [r.metric, r.value, r.baseline ?? "", r.ratio ?? ""];
  const lines = [["metric", "value", "baseline", "ratio"], ["---", "---:", "---:", "---:"], ...rows.map(cells)];
  return lines.map((cols) => `| ${cols.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`).join("\n");
}
