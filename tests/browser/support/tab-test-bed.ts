import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { buildTabs } from "./build-tabs";
import { startHost, type StartedHost } from "./start-host";

/** The window a tab is tested at: a small laptop, where the tabs' side-by-side layouts first apply. */
const VIEWPORT = { width: 1024, height: 768 } as const;

/** What a tab's browser tests work with. `context` and `page` are new for each test: read them inside tests and hooks. */
export interface TabTestBed {
  readonly host: StartedHost;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the jest hooks a tab's browser test file shares: builds the tabs, starts the real host and chromium once
 * for the file, and opens a fresh context (its own sessionStorage, so every test signs in from scratch) and page for
 * each test. Call it at the top of the file.
 * @example const bed = tabTestBed({ acceptDownloads: true }); // then bed.page, bed.host.baseUrl in tests
 */
export function tabTestBed(contextOptions: Omit<BrowserContextOptions, "viewport"> = {}): TabTestBed {
  let host: StartedHost | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    buildTabs();
    host = await startHost();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  beforeEach(async () => {
    context = await started(browser, "browser").newContext({ viewport: VIEWPORT, ...contextOptions });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  return {
    get host() {
      return started(host, "host");
    },
    get browser() {
      return started(browser, "browser");
    },
    get context() {
      return started(context, "context");
    },
    get page() {
      return started(page, "page");
    },
  };
}

/** The value once its hook has run; a clear error when a test reads it too early or after a failed start. */
function started<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`The ${name} is not started (see the beforeAll/beforeEach hooks of tabTestBed).`);
  return value;
}
