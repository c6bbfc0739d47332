import { createServer } from "node:net";

/**
 * A TCP port that was free a moment ago: the OS picks one for a throwaway listener, which is closed before the port
 * is returned. Another process could take it in between, so callers that spawn a server should retry on EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  // No host: bind every interface, as the playground does, so a port busy on any of them is never chosen.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("listening on port 0 gave no TCP port");
  return address.port;
}
