import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError, type CollectionDef } from "../../core";
import { iteratePages } from "../page-iterator";
import { graphFailure, toAppError } from "../sharepoint/graph-errors";
import { pathSegment } from "../sharepoint/list-context";
import { findCollectionList, listSiteLists, type GraphList } from "../sharepoint/list-lookup";
import { diffColumn, type GraphColumn } from "./column-diff";
import { describeColumn, listSchemaFor, type ListSchema } from "./list-schema";

/** One change provisioning makes (or, in a dry run, would make). */
export interface ProvisionChange {
  readonly collection: string;
  readonly action: "create list" | "update list" | "add column" | "update column";
  /** List or column name. */
  readonly target: string;
  readonly detail: string;
}

/** The outcome of a run. */
export interface ProvisionReport {
  readonly siteId: string;
  readonly dryRun: boolean;
  /** Empty when every list already matches its declaration. */
  readonly changes: readonly ProvisionChange[];
  /** List id per collection (lists a dry run would create are absent). */
  readonly listIds: Readonly<Record<string, string>>;
}

/** Options for {@link SharePointProvisioner}. */
export interface ProvisionerOptions {
  /** Graph site id (resolve `hostname:/sites/path` with resolveSite first). */
  readonly siteId: string;
  /**
   * Enforce unique values on the hub key column (default true): SharePoint then refuses a duplicate create outright.
   * Turn off for a list that needs item-level permissions, which SharePoint forbids alongside a unique column.
   */
  readonly uniqueHubKey?: boolean;
}

interface PlannedChange {
  readonly change: ProvisionChange;
  readonly apply: (listIds: Record<string, string>) => Promise<void>;
}

/**
 * Creates or updates a site's lists, columns and indexes from collection declarations, idempotently: it reads the
 * site first and changes only what differs, so a second run makes no requests that write and says so. Existing data
 * is never dropped: a column of the wrong type stops the run with an explanation before anything is written.
 *
 * @example
 * const report = await new SharePointProvisioner(client, { siteId }).provision(COLLECTIONS, { dryRun: true });
 */
export class SharePointProvisioner {
  private readonly sitePath: string;
  private readonly uniqueHubKey: boolean;

  constructor(
    private readonly client: Client,
    private readonly options: ProvisionerOptions,
  ) {
    this.sitePath = `/sites/${pathSegment(options.siteId)}`;
    this.uniqueHubKey = options.uniqueHubKey ?? true;
  }

  /** Works out the changes (reads only), then makes them unless `dryRun`. */
  async provision(collections: readonly CollectionDef[], options: { readonly dryRun?: boolean } = {}): Promise<ProvisionReport> {
    const dryRun = options.dryRun === true;
    const schemas = collections.map((collection) => listSchemaFor(collection, this.uniqueHubKey));
    const lists = await this.read(() => listSiteLists(this.client, this.options.siteId), "site's lists");
    const listIds: Record<string, string> = {};
    const planned: PlannedChange[] = [];
    const problems: Array<{ path: string; message: string }> = [];
    for (const [i, schema] of schemas.entries()) {
      const existing = findCollectionList(lists, collections[i]!);
      if (!existing) {
        planned.push(this.planNewList(schema));
        continue;
      }
      listIds[schema.name] = existing.id;
      planned.push(...(await this.planExistingList(schema, existing, problems)));
    }
    if (problems.length > 0) {
      throw new AppError("conflict", `Provisioning stopped before changing anything: ${problems.length} column(s) cannot be reconciled.`, { details: problems });
    }
    if (!dryRun) for (const { apply } of planned) await apply(listIds);
    return { siteId: this.options.siteId, dryRun, changes: planned.map((p) => p.change), listIds };
  }

  private planNewList(schema: ListSchema): PlannedChange {
    const indexed = schema.columns.filter((c) => c.indexed).length;
    return {
      change: { collection: schema.name, action: "create list", target: schema.name, detail: `"${schema.displayName}" with ${schema.columns.length} columns (${indexed} indexed)` },
      apply: async (listIds) => {
        // Created under the collection name so the list's URL name is stable, then given its display title.
        const list = await this.write<GraphList>(() => this.client.api(`${this.sitePath}/lists`).post({ displayName: schema.name, description: schema.description, list: { template: "genericList" }, columns: schema.columns }), `list ${schema.name}`);
        listIds[schema.name] = list.id;
        await this.write(() => this.client.api(`${this.listPath(list.id)}`).patch({ displayName: schema.displayName }), `list ${schema.name}`);
        const title = (await this.readColumns(list.id)).find((c) => c.name === "Title");
        if (title?.required) await this.write(() => this.client.api(`${this.listPath(list.id)}/columns/${pathSegment(title.id)}`).patch({ required: false }), `column Title`);
      },
    };
  }

  private async planExistingList(schema: ListSchema, list: GraphList, problems: Array<{ path: string; message: string }>): Promise<PlannedChange[]> {
    const planned: PlannedChange[] = [];
    const listPath = this.listPath(list.id);
    const listChanges: Record<string, string> = {};
    if (list.displayName !== schema.displayName) listChanges.displayName = schema.displayName;
    if ((list.description ?? "") !== schema.description) listChanges.description = schema.description;
    if (Object.keys(listChanges).length > 0) {
      planned.push({
        change: { collection: schema.name, action: "update list", target: schema.name, detail: Object.keys(listChanges).join(" and ") },
        apply: () => this.write(() => this.client.api(listPath).patch(listChanges), `list ${schema.name}`),
      });
    }
    const columns = await this.readColumns(list.id);
    const title = columns.find((c) => c.name === "Title");
    if (title?.required) {
      planned.push({
        change: { collection: schema.name, action: "update column", target: "Title", detail: "make optional (records have no title)" },
        apply: () => this.write(() => this.client.api(`${listPath}/columns/${pathSegment(title.id)}`).patch({ required: false }), "column Title"),
      });
    }
    for (const desired of schema.columns) {
      const existing = columns.find((c) => c.name.toLowerCase() === desired.name.toLowerCase());
      if (!existing) {
        planned.push({
          change: { collection: schema.name, action: "add column", target: desired.name, detail: describeColumn(desired) },
          apply: () => this.write(() => this.client.api(`${listPath}/columns`).post(desired), `column ${desired.name}`),
        });
        continue;
      }
      const diff = diffColumn(existing, desired);
      if (diff.kind === "incompatible") problems.push({ path: `${schema.name}.${desired.name}`, message: diff.reason });
      if (diff.kind === "patch") {
        planned.push({
          change: { collection: schema.name, action: "update column", target: desired.name, detail: diff.summary },
          apply: () => this.write(() => this.client.api(`${listPath}/columns/${pathSegment(existing.id)}`).patch(diff.body), `column ${desired.name}`),
        });
      }
    }
    return planned;
  }

  private listPath(listId: string): string {
    return `${this.sitePath}/lists/${pathSegment(listId)}`;
  }

  private async readColumns(listId: string): Promise<GraphColumn[]> {
    return this.read(async () => {
      const columns: GraphColumn[] = [];
      for await (const column of iteratePages<GraphColumn>(this.client, `${this.listPath(listId)}/columns`)) columns.push(column);
      return columns;
    }, "list columns");
  }

  private async read<T>(run: () => Promise<T>, what: string): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw error instanceof AppError ? error : toAppError(graphFailure(error), what);
    }
  }

  private async write<T = unknown>(run: () => Promise<unknown>, what: string): Promise<T> {
    return (await this.read(run, what)) as T;
  }
}
