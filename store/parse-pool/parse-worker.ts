import { parentPort } from "node:worker_threads";
// Only the parser, not the whole of core: a worker starts faster the less it loads.
import { parseOutcome } from "../../core/guidance/parse-document";
import type { ParseRequest, ParseResponse } from "./parse-messages";

/**
 * The worker-thread side of {@link WorkerDocumentParser}: parses each chunk of documents it is sent and posts back
 * one outcome per document, in order. A parse error becomes that document's outcome; it never stops the worker.
 */
parentPort?.on("message", (request: ParseRequest) => {
  const response: ParseResponse = { id: request.id, outcomes: request.docs.map((doc) => parseOutcome(doc, request.origin, request.now)) };
  parentPort?.postMessage(response);
});
