import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { markdownToHtml } from "../../core/guidance/markdown-html";
import { compiledWorkerScript } from "./worker-parser";
import { WorkerMarkdownRenderer } from "./worker-renderer";

// The worker runs compiled JavaScript (dist/store/parse-pool/render-worker.js, written by `npm run build`); without a
// build these tests are skipped and pages render in-thread.
const script = compiledWorkerScript("render-worker.js");
const withWorkers = script ? it : it.skip;

describe("WorkerMarkdownRenderer", () => {
  let renderer: WorkerMarkdownRenderer | undefined;
  afterEach(async () => {
    await renderer?.close();
    renderer = undefined;
  });

  withWorkers("renders on its worker exactly what rendering in-thread gives", async () => {
    renderer = new WorkerMarkdownRenderer();
    const markdown = "# Leave\n\nBook **annual leave** in [MyHR](https://myhr.example).\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nPress <kbd>Ctrl\n\n<img src=x onerror=alert(1)>";
    expect(await renderer.render(markdown)).toBe(markdownToHtml(markdown));
  });

  withWorkers("gives up on a render that runs past its budget, and renders the next page on a fresh worker", async () => {
    renderer = new WorkerMarkdownRenderer({ budgetMs: 300 });
    // marked takes tens of seconds on this 8 KB page; the host must not wait for it.
    const hostile = renderer.render("[a](".repeat(2000));
    const queued = renderer.render("queued behind it");
    expect(await hostile).toBeUndefined();
    expect(await queued).toBeUndefined();
    expect(await renderer.render("Next *page*")).toBe("<p>Next <em>page</em></p>\n");
  });

  withWorkers("answers a render that throws with nothing (the page is then shown as text)", async () => {
    renderer = new WorkerMarkdownRenderer();
    // marked overflows its stack on block quotes nested this deep.
    expect(await renderer.render("> ".repeat(20_000) + "x")).toBeUndefined();
    expect(await renderer.render("fine")).toBe("<p>fine</p>\n");
  });

  withWorkers("never keeps a process alive once its renders are done", () => {
    const program = [
      `const { WorkerMarkdownRenderer } = require(${JSON.stringify(join(dirname(script!), "worker-renderer.js"))});`,
      "const renderer = new WorkerMarkdownRenderer();",
      `renderer.render("# Done").then((html) => process.stdout.write(html.trim()));`,
    ].join("\n");
    expect(execFileSync(process.execPath, ["-e", program], { timeout: 20_000, encoding: "utf8" })).toBe("<h1>Done</h1>");
  });
});
