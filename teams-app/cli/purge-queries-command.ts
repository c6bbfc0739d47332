import { parseArgs } from "node:util";
import type { Client } from "@microsoft/microsoft-graph-client";
import {
  purgeTextProblem,
  SEARCH_FEEDBACK,
  SEARCH_LOG_RETENTION_MONTHS,
  SEARCH_QUERIES,
  searchLogPurgeOn,
  systemClock,
  type Clock,
  type RecordStoreFactory,
} from "../../core";
import { SharePointRecordStoreFactory } from "../../graph";
import { loadConfig as loadHubConfig, type HubConfig } from "../config";
import { graphClientFromConfig } from "../graph-from-config";
import { EXIT_OK, writeLine, type CliCommand, type CliContext } from "./cli-context";
import { CLI_ACTOR } from "./ingest-command";
import { parseCommandArgs, usageError } from "./parse-command-args";

/** What `hub purge-queries` needs from outside. */
export interface PurgeQueriesCommandDeps {
  /** Makes the app-only Graph client for STORE=sharepoint (default: from configuration); tests point it at the HTTPS fake. */
  readonly createClient?: (config: HubConfig) => Client;
  /** Reads configuration (default: teams-app/config's loadConfig, the only reader of process.env). */
  readonly loadConfig?: () => HubConfig;
  readonly clock?: Clock;
}

/**
 * `hub purge-queries [--containing <text> [--dry-run]]`: applies the query log's retention rule now, or deletes every
 * logged question and feedback answer holding a text, in whichever store the host keeps them (STORE).
 */
export function createPurgeQueriesCommand(deps: PurgeQueriesCommandDeps = {}): CliCommand {
  const command: CliCommand = {
    name: "purge-queries",
    summary: "Delete logged search questions past retention, or those holding a text (--containing)",
    usage: [
      'Usage: hub purge-queries [--containing "<text>" [--dry-run]]',
      "",
      `Without options: applies the query log's retention rule now, deleting the questions asked more than ${SEARCH_LOG_RETENTION_MONTHS} months`,
      "ago, as a running host does daily: for a scheduled job, or when no host runs.",
      "",
      "With --containing: deletes every logged question and every \"Was this helpful?\" answer whose question contains",
      "the text, ignoring case and spacing: e.g. a name someone typed, which redaction cannot catch.",
      "",
      "Options:",
      "  --containing <text>  Delete the questions holding this text (at least 3 characters besides spaces)",
      "  --dry-run            With --containing: only count what would be deleted",
      "  -h, --help           Show this help",
      "",
      "Works on the store the host uses: SQLite in DATA_DIR, or SharePoint lists with STORE=sharepoint. Every purge,",
      "dry runs too, is written to the audit log with its counts, never the text. The text stays in your shell history.",
    ].join("\n"),
    async run(argv, ctx) {
      const parsed = parseCommandArgs(command, ctx, () =>
        parseArgs({
          args: [...argv],
          allowPositionals: true,
          options: { containing: { type: "string" }, "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
        }),
      );
      if (!parsed.ok) return parsed.exitCode;
      const { values, positionals } = parsed.args;
      if (positionals.length > 0) return usageError(command, ctx, 'takes no positional arguments; give the text with --containing "<text>".').exitCode;
      const text = values.containing;
      const dryRun = values["dry-run"];
      if (text === undefined && dryRun) return usageError(command, ctx, "--dry-run goes with --containing; the retention purge has no dry run.").exitCode;
      const problem = text === undefined ? undefined : purgeTextProblem(text);
      if (problem) return usageError(command, ctx, `--containing: ${problem}`).exitCode;

      const config = (deps.loadConfig ?? loadHubConfig)();
      const records = await recordsFor(config, ctx, deps.createClient ?? graphClientFromConfig);
      // The audit trail stays in the local SQLite file whatever STORE says, as it does for the host.
      const purge = searchLogPurgeOn(records, { audit: ctx.openHub().audit, clock: deps.clock ?? systemClock });
      const { stdout } = ctx.io;
      if (text === undefined) {
        const { removed, feedbackRemoved, keptFrom } = await purge.purgeExpired(CLI_ACTOR);
        await writeLine(
          stdout,
          `Deleted ${plural(removed, "logged search question")} and ${plural(feedbackRemoved, "feedback answer")} from before ${keptFrom} (kept ${SEARCH_LOG_RETENTION_MONTHS} months).`,
        );
        await writeLine(stdout, `removed=${removed} feedback=${feedbackRemoved}`);
        return EXIT_OK;
      }
      const report = await purge.purgeContaining(text, { actor: CLI_ACTOR, dryRun });
      // The text is not echoed: this output may end up in a scheduled job's log.
      const what = `${plural(report.queries, "logged search question")} and ${plural(report.feedback, "feedback answer")} holding the text`;
      await writeLine(stdout, report.dryRun ? `Would delete ${what} (dry run: nothing deleted).` : `Deleted ${what}.`);
      await writeLine(stdout, `queries=${report.queries} feedback=${report.feedback} dryRun=${report.dryRun}`);
      return EXIT_OK;
    },
  };
  return command;
}

/** Where the host keeps the query log and feedback: SharePoint lists under STORE=sharepoint, else the SQLite store. */
async function recordsFor(config: HubConfig, ctx: CliContext, createClient: (config: HubConfig) => Client): Promise<RecordStoreFactory> {
  if (config.store.kind !== "sharepoint") return ctx.openHub().records;
  return SharePointRecordStoreFactory.connect(createClient(config), {
    site: config.store.site,
    collections: [SEARCH_QUERIES, SEARCH_FEEDBACK],
    graphBaseUrl: config.graph.baseUrl,
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
