import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError, type CollectionDef } from "../../core";
import { iteratePages } from "../page-iterator";
import { pathSegment, queryString } from "./list-context";

/** The parts of a Graph list the lookups read. */
export interface GraphList {
  readonly id: string;
  /** URL name: fixed when the list was created, so it is what we match collections on. */
  readonly name: string;
  readonly displayName: string;
  readonly description?: string;
}

/** Every list of a site, across pages. */
export async function listSiteLists(client: Client, siteId: string): Promise<GraphList[]> {
  const lists: GraphList[] = [];
  const path = `/sites/${pathSegment(siteId)}/lists?${queryString({ $select: "id,name,displayName,description" })}`;
  for await (const list of iteratePages<GraphList>(client, path)) lists.push(list);
  return lists;
}

/** The site's list for a collection: the one whose URL name is the collection name (case-insensitive, as SharePoint). */
export function findCollectionList(lists: readonly GraphList[], collection: CollectionDef): GraphList | undefined {
  return lists.find((list) => list.name.toLowerCase() === collection.name.toLowerCase());
}

/**
 * Maps each collection to its list id with one paged read of the site's lists, for a store started without a
 * provisioning run. A missing list is an operator error: run `hub provision` first.
 */
export async function resolveListIds(client: Client, siteId: string, collections: readonly CollectionDef[]): Promise<Record<string, string>> {
  const lists = await listSiteLists(client, siteId);
  const ids: Record<string, string> = {};
  const missing: string[] = [];
  for (const collection of collections) {
    const list = findCollectionList(lists, collection);
    if (list) ids[collection.name] = list.id;
    else missing.push(collection.name);
  }
  if (missing.length > 0) throw new AppError("internal", `SharePoint lists missing for ${missing.join(", ")}: run hub provision.`);
  return ids;
}
