import { MissingVariablesError } from "./manifest-error";
import type { EnvVars } from "./load-env";

/** A parsed JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `${{NAME}}`, the Agents Toolkit placeholder syntax, so the same template works with the Toolkit and our CLI. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces every `${{NAME}}` in the string values of `template` (keys are left alone). Substituting into parsed
 * JSON rather than raw text means a value containing a quote or backslash cannot break the manifest's JSON.
 * Empty values count as missing: an unprovisioned `BOT_ID=` must fail here, not as a schema error later.
 *
 * @throws MissingVariablesError naming every missing variable at once.
 */
export function renderTemplate<T extends JsonValue>(template: T, vars: EnvVars, source = "the environment"): T {
  const missing = new Set<string>();
  const rendered = walk(template, (text) =>
    text.replace(PLACEHOLDER, (placeholder, name: string) => {
      const value = vars[name];
      if (value === undefined || value === "") {
        missing.add(name);
        return placeholder;
      }
      return value;
    }),
  );
  if (missing.size > 0) throw new MissingVariablesError([...missing], source);
  return rendered as T;
}

/** Parses a JSON template and renders it; a JSON syntax error names the template file. */
export function renderJsonTemplate(templateText: string, vars: EnvVars, templateName: string, source?: string): JsonValue {
  let template: JsonValue;
  try {
    template = JSON.parse(templateText) as JsonValue;
  } catch (error) {
    throw new Error(`${templateName} is not valid JSON: ${(error as Error).message}`);
  }
  return renderTemplate(template, vars, source);
}

/** Names of the `${{NAME}}` placeholders a template uses, in order of first use. */
export function placeholdersIn(template: JsonValue): string[] {
  const names = new Set<string>();
  walk(template, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]);
    return text;
  });
  return [...names];
}

function walk(value: JsonValue, onString: (text: string) => string): JsonValue {
  if (typeof value === "string") return onString(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, onString));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, onString)]));
  }
  return value;
}
