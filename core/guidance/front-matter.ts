import { parse as parseYaml } from "yaml";

/**
 * Front matter (the YAML between `---` lines at the top of a Markdown page) as a plain object; {} when there is
 * none or it is broken. Most pages' front matter is a few `key: value` lines, which a full YAML parser spends more
 * time on than the rest of the page's parsing; those are read here directly, and anything else (lists, nesting,
 * numbers, booleans, escapes, comments, multi-line values) goes to the YAML parser, so the result is always what
 * YAML says.
 */
export function parseFrontMatter(yaml: string): Record<string, unknown> {
  const simple = simpleFrontMatter(yaml);
  if (simple) return simple;
  try {
    const value: unknown = parseYaml(yaml);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Broken front matter should not lose the page: the caller indexes the body and falls back to the first heading.
  }
  return {};
}

const LINE = /^([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*):[ \t]+(\S(?:.*\S)?)[ \t]*$/;
// A plain (unquoted) value that YAML reads as syntax, or as something other than a string (YAML 1.2 core schema:
// null, booleans, numbers; and yes/no/on/off, which YAML 1.1 parsers read as booleans): left to the parser.
const NOT_PLAIN_STRING =
  /^[-?:,[\]{}#&*!|>'"%@`]|: |\s#|:$|^(?:~|null|true|false|yes|no|on|off|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:e[-+]?\d+)?|0o[0-7]+|0x[0-9a-f]+|[-+]?\.inf|\.nan)$/i;

/** `key: value` lines only (values plain strings or simply quoted), or undefined for anything else. */
function simpleFrontMatter(yaml: string): Record<string, unknown> | undefined {
  const meta: Record<string, unknown> = {};
  const lines = yaml.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // "\r\n" ends a line; a lone "\r" at the very end is content to YAML, and fails LINE below.
    const line = i < lines.length - 1 && raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    const m = LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    const value = m[2]!;
    if (Object.prototype.hasOwnProperty.call(meta, key) || key === "__proto__") return undefined;
    const first = value.charCodeAt(0);
    if (first === 34 /* " */) {
      // Double-quoted without escapes or inner quotes: the text between the quotes.
      if (value.length < 2 || !value.endsWith('"') || value.slice(1, -1).includes('"') || value.includes("\\")) return undefined;
      meta[key] = value.slice(1, -1);
    } else if (first === 39 /* ' */) {
      if (value.length < 2 || !value.endsWith("'") || value.slice(1, -1).includes("'")) return undefined;
      meta[key] = value.slice(1, -1);
    } else {
      if (NOT_PLAIN_STRING.test(value)) return undefined;
      meta[key] = value;
    }
  }
  return meta;
}
