import { parentPort } from "node:worker_threads";
// Only the parser, not the whole of core: a worker starts faster the less it loads.
import { parseOutcome } from "../../core/guidance/parse-document";
import type { ParseRequest, ParseResponse, WorkerReady } from "./parse-messages";

// Claim values, as in worker-parser.ts (not imported from there: this script loads only what it needs).
const UNCLAIMED = 0;
const CLAIMED_BY_WORKER = 1;

/**
 * The worker-thread side of WorkerDocumentParser: parses each chunk it is sent, unless the main thread claimed it
 * first, and posts back one outcome per document, in order. A parse error becomes that document's outcome; it never
 * stops the worker.
 */
parentPort?.on("message", (request: ParseRequest) => {
  if (Atomics.compareExchange(request.claims, request.slot, UNCLAIMED, CLAIMED_BY_WORKER) !== UNCLAIMED) {
    parentPort?.postMessage({ id: request.id } satisfies ParseResponse);
    return;
  }
  const response: ParseResponse = { id: request.id, outcomes: request.docs.map((doc) => parseOutcome(doc, request.origin, request.now)) };
  parentPort?.postMessage(response);
});

// Loaded: until this arrives the main thread parses in-thread rather than queue chunks behind the worker's start-up.
parentPort?.postMessage({ ready: true } satisfies WorkerReady);
