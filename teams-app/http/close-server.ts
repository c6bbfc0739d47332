import type { Server } from "node:http";

/**
 * Stops an HTTP server and waits for it. Open keep-alive connections (browsers, the playground, fetch's pool) are
 * ended at once: without that, `close()` waits for each of them to time out.
 */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
