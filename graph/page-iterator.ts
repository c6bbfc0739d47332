import { PageIterator, type Client, type GraphRequestOptions, type PageCollection } from "@microsoft/microsoft-graph-client";

/**
 * Walks a Graph collection item by item across `@odata.nextLink` pages, fetching the next page only when the
 * consumer reaches it, so `break` stops the paging and a 50,000-user directory is never held in memory at once.
 * Built on the SDK's PageIterator (pausing it after each item) rather than re-implementing nextLink handling.
 *
 * @example
 * for await (const user of iteratePages<User>(client, "/users?$select=id,displayName&$top=999")) { ... }
 */
export async function* iteratePages<T>(
  client: Client,
  start: string | PageCollection,
  requestOptions?: GraphRequestOptions,
): AsyncGenerator<T, void, undefined> {
  const first = typeof start === "string" ? await getFirstPage(client, start, requestOptions) : start;
  if (!Array.isArray(first?.value)) {
    throw new TypeError(`Expected a Graph collection with a "value" array${typeof start === "string" ? ` from ${start}` : ""}.`);
  }
  const pending: T[] = [];
  // Returning false pauses the SDK iterator after one item; the next iterate() call resumes where it stopped.
  const iterator = new PageIterator(client, first, (item: T) => {
    pending.push(item);
    return false;
  }, requestOptions);
  for (;;) {
    await iterator.iterate();
    if (pending.length === 0) return;
    yield pending.shift() as T;
  }
}

/** Fetches the first page with the same headers and options PageIterator applies to later pages. */
async function getFirstPage(client: Client, path: string, requestOptions?: GraphRequestOptions): Promise<PageCollection> {
  let request = client.api(path);
  if (requestOptions?.headers) request = request.headers(requestOptions.headers);
  if (requestOptions?.middlewareOptions) request = request.middlewareOptions(requestOptions.middlewareOptions);
  if (requestOptions?.options) request = request.options(requestOptions.options);
  return (await request.get()) as PageCollection;
}
