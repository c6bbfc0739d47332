import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AppManifestUtils } from "@microsoft/app-manifest";

/** The schema type `AppManifestUtils.validateAgainstSchema` takes, without importing ajv (not our dependency). */
export type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Where @microsoft/app-manifest ships its copies of the Teams manifest schemas. */
function schemasDir(): string {
  return join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");
}

/** Manifest versions whose schema is bundled, e.g. `["1.0", …, "1.30", "DevPreview"]`, sorted numerically. */
export function bundledManifestVersions(): string[] {
  return readdirSync(schemasDir())
    .filter((name) => name.startsWith("v") && existsSync(join(schemasDir(), name, "MicrosoftTeams.schema.json")))
    .map((name) => name.slice(1))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/**
 * Loads the bundled schema for a manifest version, or undefined if the package has none. Read from disk ourselves
 * (rather than letting the library resolve `$schema`) so validation never falls back to downloading a schema:
 * it must work offline and on locked-down council build agents.
 */
export function loadBundledSchema(manifestVersion: string): ManifestSchema | undefined {
  if (!/^[0-9A-Za-z.]+$/.test(manifestVersion)) return undefined;
  const file = join(schemasDir(), `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) return undefined;
  // Some published schemas contain \a and \v escapes, which JSON does not allow; the library patches them the same way.
  const text = readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return JSON.parse(text) as ManifestSchema;
}
