// Builds the Teams tabs: one esbuild bundle per tab into dist/tabs/assets/<tab>.js, and a static
// dist/tabs/<tab>/index.html that loads it. Run by `npm run build:tabs`; `NODE_ENV=production` minifies.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist", "tabs");
const assetsDir = join(outDir, "assets");

/**
 * Every tab: its folder under tabs/ (entry `main.tsx`) and the page title. Adding a tab is one line here;
 * the host serves dist/tabs/<name>/index.html at /tabs/<name>/ and dist/tabs/assets at /tabs/assets/.
 */
const TABS = [
  { name: "guidance", title: "Guidance" },
  // { name: "adjustments", title: "Workplace adjustments" },
  // { name: "governance", title: "Technology governance" },
  // { name: "pulse", title: "Pulse surveys" },
  // { name: "news", title: "News" },
];

const APP_NAME = "Council Hub";
const production = process.env.NODE_ENV === "production";

/** Escapes text for an HTML text node or quoted attribute (titles are ours, but keep the habit). */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/**
 * The page shell. No inline script or event handler: the host's CSP is `script-src 'self'`. Fluent's Griffel
 * injects <style> at runtime, which the CSP allows with `style-src 'self' 'unsafe-inline'`. The <noscript>
 * text is the only content a user sees if the bundle cannot load. `?v=` is the bundle's content hash: the host
 * caches assets, so a new build must change the script URL for browsers to fetch it.
 */
const indexHtml = ({ name, title }, version) => `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(`${title} - ${APP_NAME}`)}</title>
    <script src="/tabs/assets/${name}.js?v=${version}" defer></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>${escapeHtml(APP_NAME)} needs JavaScript to run.</noscript>
  </body>
</html>
`;

const started = performance.now();
// Clean assets only, so stale bundles of a removed tab never get served.
await rm(assetsDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });

// One esbuild call for all tabs: shared code is parsed once, which keeps the build well under a second.
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(TABS.map((t) => [t.name, join(root, "tabs", t.name, "main.tsx")])),
  outdir: assetsDir,
  bundle: true,
  // A classic deferred script, not a module: one self-contained bundle per tab, nothing to import at runtime.
  format: "iife",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  minify: production,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "warning",
  tsconfig: join(root, "tabs", "tsconfig.json"),
  define: { "process.env.NODE_ENV": JSON.stringify(production ? "production" : "development") },
});

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const tab of TABS) {
  const file = join(assetsDir, `${tab.name}.js`);
  const bytes = await readFile(file);
  const version = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
  await mkdir(join(outDir, tab.name), { recursive: true });
  await writeFile(join(outDir, tab.name, "index.html"), indexHtml(tab, version));
  // Gzipped size is what a user downloads; the raw size is what the browser parses.
  console.log(`  ${relative(root, file)}  ${kib(bytes.length)}  (${kib(gzipSync(bytes).length)} gzipped)`);
}
console.log(`Built ${TABS.length} tab(s) (${production ? "production" : "development"}) in ${Math.round(performance.now() - started)} ms.`);
