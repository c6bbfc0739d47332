import { parentPort } from "node:worker_threads";
// Only the renderer, not the whole of core: a worker starts faster the less it loads.
import { markdownToHtml } from "../../core/guidance/markdown-html";
import type { RenderRequest, RenderResponse } from "./render-messages";

/**
 * The worker-thread side of WorkerMarkdownRenderer: renders each page it is sent and posts the HTML back. A render
 * that throws (marked overflows its stack on some deeply nested input) is answered without HTML; the page is then
 * shown as plain text.
 */
parentPort?.on("message", (request: RenderRequest) => {
  let response: RenderResponse;
  try {
    response = { id: request.id, html: markdownToHtml(request.markdown) };
  } catch {
    response = { id: request.id };
  }
  parentPort?.postMessage(response);
});
