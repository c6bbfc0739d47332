import { parseArgs } from "node:util";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { CollectionDef } from "../../core";
import { graphClientFromConfig } from "../graph-from-config";
import { resolveSite, SharePointProvisioner, type ProvisionChange, type ProvisionReport } from "../../graph";
import { loadConfig as loadHubConfig, type HubConfig } from "../config";
import { EXIT_OK, writeLine, type CliCommand, type CliIo } from "./cli-context";
import { parseCommandArgs, usageError } from "./parse-command-args";

export { graphClientFromConfig };

/** What `hub provision` needs from outside. */
export interface ProvisionCommandDeps {
  /** Collections whose lists are provisioned (the records registry). */
  readonly collections: readonly CollectionDef[];
  /** Makes the Graph client from configuration; tests point it at the HTTPS fake. */
  readonly createClient?: (config: HubConfig) => Client;
  /** Reads configuration (default: teams-app/config's loadConfig, the only reader of process.env). */
  readonly loadConfig?: () => HubConfig;
}


const SYMBOL: Record<ProvisionChange["action"], string> = { "create list": "+", "add column": "+", "update list": "~", "update column": "~" };

/**
 * `hub provision --site <site> [--dry-run]`: creates or updates the SharePoint lists, columns and indexes of every
 * declared collection. Idempotent; `--dry-run` reads the site and prints the plan without writing anything.
 */
export function createProvisionCommand(deps: ProvisionCommandDeps): CliCommand {
  const command: CliCommand = {
    name: "provision",
    summary: "Create or update the SharePoint lists of every record collection (--dry-run to preview)",
    usage: [
      "Usage: hub provision --site <hostname:/sites/name | site id> [--dry-run] [--without-unique-key]",
      "",
      "Creates each collection's list, its columns and indexes, or brings an existing list in line with its declaration.",
      "Running it again changes nothing. Columns of the wrong type are reported and never dropped.",
      "",
      "Options:",
      "  --site <site>         The SharePoint site, e.g. council.sharepoint.com:/sites/hub, or its Graph site id",
      "  --dry-run             Print what would change; make no changes",
      "  --without-unique-key  Do not enforce unique hub keys (needed for lists with item-level permissions)",
      "  -h, --help            Show this help",
      "",
      "Needs ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET (application permission Sites.Manage.All or",
      "Sites.Selected with manage rights on the site).",
    ].join("\n"),
    async run(argv, ctx) {
      const parsed = parseCommandArgs(command, ctx, () =>
        parseArgs({
          args: [...argv],
          allowPositionals: true,
          options: {
            site: { type: "string" },
            "dry-run": { type: "boolean", default: false },
            "without-unique-key": { type: "boolean", default: false },
            help: { type: "boolean", short: "h" },
          },
        }),
      );
      if (!parsed.ok) return parsed.exitCode;
      const { values, positionals } = parsed.args;
      if (positionals.length > 0) return usageError(command, ctx, "takes no positional arguments; give the site with --site.").exitCode;
      if (!values.site?.trim()) return usageError(command, ctx, "which site? e.g. --site council.sharepoint.com:/sites/hub").exitCode;
      if (deps.collections.length === 0) {
        await writeLine(ctx.io.stdout, "No collections are declared: nothing to provision.");
        return EXIT_OK;
      }
      const client = (deps.createClient ?? graphClientFromConfig)((deps.loadConfig ?? loadHubConfig)());
      const site = await resolveSite(client, values.site);
      const report = await new SharePointProvisioner(client, { siteId: site.id, uniqueHubKey: !values["without-unique-key"] }).provision(deps.collections, {
        dryRun: values["dry-run"],
      });
      await printReport(ctx.io, values.site.trim(), report, deps.collections.length);
      return EXIT_OK;
    },
  };
  return command;
}

async function printReport(io: CliIo, site: string, report: ProvisionReport, collections: number): Promise<void> {
  const { stdout } = io;
  await writeLine(stdout, `Site ${site} (${report.siteId})`);
  if (report.changes.length === 0) {
    await writeLine(stdout, `Nothing to change: ${collections === 1 ? "the list matches its declaration" : `all ${collections} lists match their declarations`}.`);
    return;
  }
  const count = `${report.changes.length} change${report.changes.length === 1 ? "" : "s"}`;
  await writeLine(stdout, report.dryRun ? `Dry run: ${count} would be made (nothing was written):` : `Made ${count}:`);
  for (const change of report.changes) {
    const target = change.action === "create list" || change.action === "update list" ? change.target : `${change.collection}.${change.target}`;
    await writeLine(stdout, `  ${SYMBOL[change.action]} ${change.action} ${target}: ${change.detail}`);
  }
}
