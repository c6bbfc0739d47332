import type { CliCommand } from "./cli-context";

/** The top-level usage: every command with its one-line summary, and where the data lives. */
export function formatUsage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), "help".length);
  const rows = [...commands.map((c) => [c.name, c.summary] as const), ["help", "Show this help (hub help <command> for one command)"] as const];
  return [
    "Usage: hub <command> [options]",
    "",
    "Commands:",
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    "The store lives in DATA_DIR (default .data). Run hub <command> --help for a command's options.",
  ].join("\n");
}
