import { COLLECTIONS, isAppError } from "../../core";
import { createSqliteHub, type SqliteHub } from "../../store";
import { loadConfig, type HubConfig } from "../config";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, type CliCommand, type CliContext, type CliIo } from "./cli-context";
import { ingestCommand } from "./ingest-command";
import { createProvisionCommand } from "./provision-command";
import { createPurgeQueriesCommand } from "./purge-queries-command";
import { searchCommand } from "./search-command";
import { seedCommand } from "./seed-command";
import { createSyncPagesCommand } from "./sync-pages-command";
import { formatUsage } from "./usage";
import { usersCommand } from "./users-command";

/** Every `hub` command, in the order `hub help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  ingestCommand,
  searchCommand,
  seedCommand,
  usersCommand,
  createProvisionCommand({ collections: COLLECTIONS }),
  createSyncPagesCommand(),
  createPurgeQueriesCommand(),
];

/** Longest error message printed; a validation error can carry a whole schema dump, and the CLI shows a line, not a report. */
const MAX_ERROR_CHARS = 500;

/** What the CLI needs from outside; tests may pass their own streams or configuration. */
export interface CliDeps {
  readonly io: CliIo;
  /** Reads DATA_DIR and friends; called only when a command needs the store. */
  readonly loadConfig: () => HubConfig;
}

/**
 * Runs `hub` with the arguments after the program name and resolves to the exit code. The single error edge of the
 * CLI: an AppError prints its user-safe message, anything else a short message, never a stack trace.
 * @example process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[], deps: Partial<CliDeps> = {}): Promise<number> {
  const io = deps.io ?? processIo();
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${formatUsage(COMMANDS)}\n`);
    return EXIT_USAGE;
  }
  if (name === "help" || name === "--help" || name === "-h") return help(io, rest[0]);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`hub: unknown command "${name}"\n\n${formatUsage(COMMANDS)}\n`);
    return EXIT_USAGE;
  }

  let hub: SqliteHub | undefined;
  const ctx: CliContext = {
    io,
    openHub: () => {
      if (hub) return hub;
      const config = (deps.loadConfig ?? loadConfig)();
      // Large ingests parse on worker threads (small ones, e.g. the sample seed, stay in-thread). A command that
      // searches restores the host's index snapshot rather than analysing every page (`hub ingest` never loads it).
      hub = createSqliteHub(config.dataDir, undefined, { parseInWorkers: true, indexSnapshot: config.searchIndexSnapshot });
      return hub;
    },
  };
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    io.stderr.write(`hub ${command.name}: ${describe(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await hub?.close();
  }
}

function help(io: CliIo, topic: string | undefined): number {
  if (topic === undefined) {
    io.stdout.write(`${formatUsage(COMMANDS)}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === topic);
  if (!command) {
    io.stderr.write(`hub: unknown command "${topic}"\n\n${formatUsage(COMMANDS)}\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(`${command.usage}\n`);
  return EXIT_OK;
}

function describe(error: unknown): string {
  if (isAppError(error)) {
    const details = error.details?.map((d) => `\n  ${d.path}: ${d.message}`).join("") ?? "";
    return error.message + details;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
}

// Run directly (`node dist/teams-app/cli/main.js …`) as well as through bin/hub.js.
if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
