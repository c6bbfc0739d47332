import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError, systemClock, type Clock } from "../../core";
import { isGraphListId, resolveSitePagesTarget, type SitePagesSyncReport, type SitePagesTarget } from "../../graph";
import { loadConfig as loadHubConfig, type HubConfig } from "../config";
import { graphClientFromConfig, hasGraphCredentials } from "../graph-from-config";
import { createSitePagesSync } from "../site-pages-scheduler";
import { EXIT_OK, writeLine, type CliCommand, type CliIo } from "./cli-context";
import { CLI_ACTOR, MAX_FAILURES_LISTED } from "./ingest-command";
import { parseCommandArgs, usageError } from "./parse-command-args";

/** What `hub sync-pages` needs from outside. */
export interface SyncPagesCommandDeps {
  /** Makes the app-only Graph client from configuration (default {@link syncPagesClientFromConfig}); tests point it at the HTTPS fake. */
  readonly createClient?: (config: HubConfig) => Client;
  /** Reads configuration (default: teams-app/config's loadConfig, the only reader of process.env). */
  readonly loadConfig?: () => HubConfig;
  readonly clock?: Clock;
}

/**
 * The app-only Graph client for `hub sync-pages`. Checks the credentials first so the message names this command and
 * what to set, rather than failing at the first token request.
 */
export function syncPagesClientFromConfig(config: HubConfig): Client {
  if (!hasGraphCredentials(config)) {
    throw AppError.badRequest(
      "hub sync-pages needs Graph app credentials: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET (application permission Sites.Read.All, or Sites.Selected with read on the site).",
    );
  }
  return graphClientFromConfig(config);
}

/**
 * `hub sync-pages [--site <site>] [--list <id>] [--full]`: one sync of a SharePoint site's pages into the local
 * guidance index in DATA_DIR, continuing from the deltaLink the last run (CLI or host) stored there.
 */
export function createSyncPagesCommand(deps: SyncPagesCommandDeps = {}): CliCommand {
  const command: CliCommand = {
    name: "sync-pages",
    summary: "Sync a SharePoint site's pages into the local guidance index (--full to re-read all)",
    usage: [
      "Usage: hub sync-pages [--site <hostname:/sites/name | site id>] [--list <id>] [--full]",
      "",
      "Brings the local guidance index in line with the site's published pages: the first run reads every page, later",
      "runs only what changed since the last run (by this command or the host), so a quiet day costs one Graph call.",
      "",
      "Options:",
      "  --site <site>  The SharePoint site, e.g. council.sharepoint.com:/sites/intranet (default: SHAREPOINT_SITE)",
      "  --list <id>    Id of the site's Site Pages library (default: looked up by its name, SitePages)",
      "  --full         Forget where the last run stopped: enumerate the library and read every page again",
      "  -h, --help     Show this help",
      "",
      "Needs ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET (application permission Sites.Read.All or",
      "Sites.Selected with read on the site). Sync only sites every member of staff may read: the index is not trimmed.",
    ].join("\n"),
    async run(argv, ctx) {
      const parsed = parseCommandArgs(command, ctx, () =>
        parseArgs({
          args: [...argv],
          allowPositionals: true,
          options: {
            site: { type: "string" },
            list: { type: "string" },
            full: { type: "boolean", default: false },
            help: { type: "boolean", short: "h" },
          },
        }),
      );
      if (!parsed.ok) return parsed.exitCode;
      const { values, positionals } = parsed.args;
      if (positionals.length > 0) return usageError(command, ctx, "takes no positional arguments; give the site with --site.").exitCode;
      const listId = values.list?.trim();
      if (values.list !== undefined && !isGraphListId(listId ?? "")) return usageError(command, ctx, `--list must be a list id (a GUID), got "${values.list}".`).exitCode;

      const config = (deps.loadConfig ?? loadHubConfig)();
      const site = values.site?.trim() || config.sitePages.site?.trim();
      if (!site) return usageError(command, ctx, "which site? Give --site, e.g. --site council.sharepoint.com:/sites/intranet, or set SHAREPOINT_SITE.").exitCode;
      const client = (deps.createClient ?? syncPagesClientFromConfig)(config);

      const target = await resolveSitePagesTarget(client, site, listId);
      const clock = deps.clock ?? systemClock;
      const sync = createSitePagesSync({ client, hub: ctx.openHub(), target, graphBaseUrl: config.graph.baseUrl, clock });
      const started = performance.now();
      const report = await sync.run({ actor: CLI_ACTOR, full: values.full });
      await printReport(ctx.io, target, report, performance.now() - started);
      return EXIT_OK;
    },
  };
  return command;
}

/** Results on stdout (two lines, the second `key=value` pairs for scripts); failed pages on stderr. */
async function printReport(io: CliIo, target: SitePagesTarget, report: SitePagesSyncReport, elapsedMs: number): Promise<void> {
  const { mode, fullResync, changed, fetched, upserted, unchanged, removed, skipped, requests, failed } = report;
  for (const failure of failed.slice(0, MAX_FAILURES_LISTED)) io.stderr.write(`failed: ${failure.id}: ${failure.reason}\n`);
  if (failed.length > MAX_FAILURES_LISTED) io.stderr.write(`…and ${failed.length - MAX_FAILURES_LISTED} more pages failed\n`);
  if (failed.length > 0) io.stderr.write("Failed pages are read again on the next run.\n");
  const list = target.listLookedUp ? `Site Pages list ${target.listId} (looked up)` : `list ${target.listId}`;
  await writeLine(io.stdout, `Synced ${target.siteName} (${target.siteId}), ${list}: ${mode} run in ${(elapsedMs / 1000).toFixed(2)} s`);
  await writeLine(
    io.stdout,
    `fetched=${fetched} upserted=${upserted} removed=${removed} requests=${requests} fullResync=${fullResync} changed=${changed} unchanged=${unchanged} skipped=${skipped} failed=${failed.length}`,
  );
}
