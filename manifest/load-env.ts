import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ManifestToolError } from "./manifest-error";

/** Variables from an environment's env files. */
export type EnvVars = Readonly<Record<string, string>>;

/** Environment names become file names, so keep them to letters, digits and dashes (no path tricks). */
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Secrets are recognised by this prefix, as in the Agents Toolkit, which writes them to `.env.<name>.user`. */
export const SECRET_PREFIX = "SECRET_";

/**
 * Parses dotenv-style text: `KEY=VALUE` lines, `#` comments, optional `export `, single quotes (literal), double
 * quotes (with \n, \", \\ escapes) and unquoted values trimmed, with ` #` starting an inline comment. Every bad
 * line is reported at once.
 */
export function parseEnvFile(text: string, fileName = ".env"): Record<string, string> {
  const vars: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `${fileName}:${index + 1}`;
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      problems.push(`${where}: expected KEY=VALUE, got "${line}"`);
      continue;
    }
    const [, key, rest] = match;
    const value = parseValue(rest);
    if (!KEY.test(key)) problems.push(`${where}: "${key}" is not a valid variable name`);
    else if (value === undefined) problems.push(`${where}: unterminated quote in the value of ${key}`);
    else vars[key] = value;
  }
  if (problems.length > 0) throw new ManifestToolError(`${fileName} could not be read`, problems);
  return vars;
}

function parseValue(rest: string): string | undefined {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const close = findClosingQuote(rest, quote);
    if (close < 0) return undefined;
    const inner = rest.slice(1, close);
    return quote === "'" ? inner : inner.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
  }
  const comment = rest.search(/\s#/);
  return (comment >= 0 ? rest.slice(0, comment) : rest).trim();
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** The committed env file for an environment: `env/.env.<name>`. */
export function envFilePath(envDir: string, envName: string): string {
  if (!ENV_NAME.test(envName)) throw new ManifestToolError(`"${envName}" is not a valid environment name (letters, digits and dashes)`);
  return join(envDir, `.env.${envName}`);
}

/** An environment's variables and the files they came from. */
export interface LoadedEnv {
  /** Merged variables; the `.user` file wins. */
  readonly vars: EnvVars;
  /** Files read, relative to the project root when one was given. */
  readonly files: readonly string[];
}

/**
 * Loads `env/.env.<name>` plus the git-ignored `env/.env.<name>.user` (secrets) if present. A `SECRET_` key with a
 * value in the committed file is an error: that is exactly how a client secret ends up in git history.
 */
export async function loadEnv(envName: string, envDir: string, root?: string): Promise<LoadedEnv> {
  const mainFile = envFilePath(envDir, envName);
  const show = (file: string): string => (root ? relative(root, file) : file);
  const mainText = await readFile(mainFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new ManifestToolError(`No environment "${envName}": ${show(mainFile)} does not exist`);
    throw error;
  });
  const main = parseEnvFile(mainText, show(mainFile));
  const leaked = Object.entries(main).filter(([key, value]) => key.startsWith(SECRET_PREFIX) && value !== "");
  if (leaked.length > 0) {
    throw new ManifestToolError(
      `${show(mainFile)} is committed to git but holds secrets`,
      leaked.map(([key]) => `move ${key} to ${show(mainFile)}.user (git-ignored) and rotate the secret`),
    );
  }

  const userFile = `${mainFile}.user`;
  const userText = await readFile(userFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const user = userText === undefined ? {} : parseEnvFile(userText, show(userFile));
  return {
    vars: { ...main, ...user },
    files: userText === undefined ? [show(mainFile)] : [show(mainFile), show(userFile)],
  };
}
