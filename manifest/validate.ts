import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import { bundledManifestVersions, loadBundledSchema } from "./bundled-schema";
import { checkIcons, type ManifestIcons } from "./icon-checks";
import { loadEnv } from "./load-env";
import { ManifestToolError } from "./manifest-error";
import type { ProjectPaths } from "./project-paths";
import { renderJsonTemplate, type JsonValue } from "./render";

/** The app version must be MAJOR.MINOR.PATCH: Teams compares versions numerically when an update is uploaded. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** Any `${{` left after rendering means a placeholder was mistyped (e.g. `${{BOT-ID}}`) and never substituted. */
const LEFTOVER = "${{";

/** Options for {@link validateManifest}. */
export interface ValidateOptions {
  /** Folder the icon file names in the manifest are relative to (the template folder). */
  readonly iconsDir: string;
}

/**
 * Validates a rendered manifest offline: the bundled JSON schema for its manifestVersion (via
 * `AppManifestUtils.validateAgainstSchema`), then what the schema cannot express but Teams enforces at upload.
 * Returns every problem found; an empty list means valid.
 */
export async function validateManifest(manifest: unknown, options: ValidateOptions): Promise<string[]> {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) return ["the manifest must be a JSON object"];
  const m = manifest as Record<string, unknown>;
  const problems: string[] = [];

  problems.push(...leftoverPlaceholders(manifest as JsonValue, ""));
  problems.push(...(await schemaProblems(m)));
  if (typeof m.version === "string" && !SEMVER.test(m.version)) {
    problems.push(`version "${m.version}" must be MAJOR.MINOR.PATCH (e.g. 1.0.0) so Teams can tell an update from a downgrade`);
  }
  problems.push(...domainProblems(m));
  problems.push(...composeExtensionProblems(m));
  problems.push(...(await checkIcons(m.icons as ManifestIcons | undefined, options.iconsDir)));
  return problems;
}

async function schemaProblems(m: Record<string, unknown>): Promise<string[]> {
  const version = m.manifestVersion;
  if (typeof version !== "string") return ["manifestVersion is missing; set it to a Teams manifest schema version such as 1.22"];
  const schema = loadBundledSchema(version);
  if (!schema) {
    const bundled = bundledManifestVersions();
    return [`manifestVersion "${version}" is not a schema version bundled with @microsoft/app-manifest (bundled: ${bundled.join(", ")})`];
  }
  const problems: string[] = [];
  if (typeof m.$schema === "string" && !m.$schema.includes(`/v${version}/`)) {
    problems.push(`$schema ${m.$schema} does not match manifestVersion ${version}`);
  }
  const failures = await AppManifestUtils.validateAgainstSchema(m as unknown as AppManifest, schema);
  // The library reports "<json pointer> <message>. Details: {...}"; an empty pointer means the root object.
  problems.push(...failures.map((failure) => `schema: ${failure.startsWith(" ") ? `(root)${failure}` : failure}`));
  return problems;
}

/** Tab pages and SSO only load from listed domains; Teams shows a blank tab, not an error, when one is missing. */
function domainProblems(m: Record<string, unknown>): string[] {
  const domains = Array.isArray(m.validDomains) ? m.validDomains.filter((d): d is string => typeof d === "string") : [];
  const allowed = (host: string): boolean =>
    domains.some((domain) => {
      const name = domain.replace(/:\d+$/, "").toLowerCase();
      return name.startsWith("*.") ? host.endsWith(name.slice(1)) : host === name;
    });
  const problems: string[] = [];
  const tabs = Array.isArray(m.staticTabs) ? (m.staticTabs as Array<Record<string, unknown>>) : [];
  tabs.forEach((tab, index) => {
    for (const field of ["contentUrl", "websiteUrl"]) {
      const url = tab[field];
      if (typeof url !== "string") continue;
      let host: string;
      try {
        host = new URL(url).hostname.toLowerCase();
      } catch {
        problems.push(`staticTabs[${index}].${field} "${url}" is not a valid URL`);
        continue;
      }
      if (!allowed(host)) problems.push(`staticTabs[${index}].${field} host "${host}" is not listed in validDomains`);
    }
  });
  const app = m.webApplicationInfo as { id?: unknown; resource?: unknown } | undefined;
  if (app && typeof app.resource === "string") {
    // Teams SSO needs the Application ID URI in the form api://<domain>/<client id> (or api://<client id>).
    if (!app.resource.startsWith("api://") || (typeof app.id === "string" && !app.resource.endsWith(app.id))) {
      problems.push(`webApplicationInfo.resource "${app.resource}" should be api://<domain>/${String(app.id)} for Teams SSO`);
    }
  }
  return problems;
}

/** A link-unfurling domain: a host name, optionally with a leading "*." wildcard; no scheme, port or path. */
const LINK_DOMAIN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * What the schema allows but Teams rejects or silently ignores in a message extension: a link domain written as a
 * URL ("https://intranet.example/", a common slip when filling in INTRANET_DOMAIN), and a bot id that differs from
 * the bot's (the extension's invokes would go to another bot).
 */
function composeExtensionProblems(m: Record<string, unknown>): string[] {
  const extensions = Array.isArray(m.composeExtensions) ? (m.composeExtensions as Array<Record<string, unknown>>) : [];
  const botIds = new Set((Array.isArray(m.bots) ? (m.bots as Array<{ botId?: unknown }>) : []).flatMap((bot) => (typeof bot.botId === "string" ? [bot.botId] : [])));
  const problems: string[] = [];
  extensions.forEach((extension, index) => {
    if (typeof extension.botId === "string" && botIds.size > 0 && !botIds.has(extension.botId)) {
      problems.push(`composeExtensions[${index}].botId "${extension.botId}" is not the id of a bot in "bots"`);
    }
    const handlers = Array.isArray(extension.messageHandlers) ? (extension.messageHandlers as Array<{ value?: { domains?: unknown } }>) : [];
    handlers.forEach((handler, h) => {
      const domains = Array.isArray(handler.value?.domains) ? handler.value.domains : [];
      domains.forEach((domain, d) => {
        if (typeof domain !== "string" || !LINK_DOMAIN.test(domain)) {
          problems.push(`composeExtensions[${index}].messageHandlers[${h}].value.domains[${d}] "${String(domain)}" must be a host name such as intranet.example.gov.uk, without https:// or a path`);
        }
      });
    });
  });
  return problems;
}

function leftoverPlaceholders(value: JsonValue, pointer: string): string[] {
  if (typeof value === "string") return value.includes(LEFTOVER) ? [`${pointer || "/"} still contains a placeholder: "${value}"`] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => leftoverPlaceholders(item, `${pointer}/${i}`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => leftoverPlaceholders(item, `${pointer}/${key}`));
  }
  return [];
}

/** A manifest rendered for one environment, with the problems validation found. */
export interface EnvironmentCheck {
  /** The environment name, e.g. `local`. */
  readonly envName: string;
  /** The rendered manifest. */
  readonly manifest: JsonValue;
  /** Every problem found; empty means the manifest can be packaged. */
  readonly problems: readonly string[];
}

/**
 * Renders the template with `env/.env.<envName>` and validates the result.
 *
 * @throws ManifestToolError when the env file is missing or unreadable, or MissingVariablesError when the template
 * uses variables the env file does not set.
 */
export async function checkEnvironment(envName: string, paths: ProjectPaths): Promise<EnvironmentCheck> {
  const env = await loadEnv(envName, paths.envDir, paths.root);
  const templateFile = join(paths.templateDir, "manifest.json");
  const templateName = relative(paths.root, templateFile);
  const text = await readFile(templateFile, "utf8").catch((error: Error) => {
    throw new ManifestToolError(`Cannot read the manifest template ${templateName}: ${error.message}`);
  });
  const manifest = renderJsonTemplate(text, env.vars, templateName, env.files.join(" + "));
  const problems = await validateManifest(manifest, { iconsDir: paths.templateDir });
  return { envName, manifest, problems };
}
