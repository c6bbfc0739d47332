import { relative } from "node:path";
import { ManifestToolError } from "./manifest-error";
import { packageApp } from "./package-app";
import { projectPaths, type ProjectPaths } from "./project-paths";
import { checkEnvironment } from "./validate";

/** Exit codes: 0 done, 1 the manifest or env is wrong, 2 the command line is wrong. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const DEFAULT_ENV = "local";

const USAGE = `Usage: node dist/manifest/cli.js <validate|package> [--env <name>]

  validate   Render manifest/template/manifest.json with env/.env.<name> and check it offline
  package    Validate, then write build/appPackage/appPackage.<name>.zip
  --env      Environment name (default "${DEFAULT_ENV}"); reads env/.env.<name> and env/.env.<name>.user

npm scripts: npm run manifest:validate -- --env dev | npm run package -- --env dev`;

/** Where the CLI prints and which project it works on; injectable so tests run it in-process. */
export interface CliIo {
  /** Normal output. */
  readonly out: (line: string) => void;
  /** Errors and usage. */
  readonly err: (line: string) => void;
  /** Project paths; found from this install when omitted. */
  readonly paths?: ProjectPaths;
  /** Overrides where `package` writes the zip. */
  readonly outDir?: string;
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs `validate` or `package` and returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ("help" in parsed) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if ("error" in parsed) {
    io.err(`${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { command, envName } = parsed;
  try {
    const paths = io.paths ?? projectPaths();
    if (command === "validate") {
      const { manifest, problems } = await checkEnvironment(envName, paths);
      if (problems.length > 0) {
        io.err(`The manifest for environment "${envName}" has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
        for (const problem of problems) io.err(`  - ${problem}`);
        return EXIT_FAILED;
      }
      const version = (manifest as { manifestVersion?: string }).manifestVersion;
      io.out(`The manifest for environment "${envName}" is valid (Teams manifest schema ${version}, checked offline).`);
      return EXIT_OK;
    }
    const { zipPath } = await packageApp(envName, { paths, outDir: io.outDir });
    io.out(`Wrote ${relative(paths.root, zipPath)} (manifest.json, color.png, outline.png) for environment "${envName}".`);
    return EXIT_OK;
  } catch (error) {
    io.err(error instanceof ManifestToolError ? error.message : `Error: ${(error as Error).message ?? String(error)}`);
    return EXIT_FAILED;
  }
}

type ParsedArgs = { command: "validate" | "package"; envName: string } | { help: true } | { error: string };

function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: string | undefined;
  let envName = DEFAULT_ENV;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--env" || arg === "-e") {
      const value = argv[++i];
      if (!value || value.startsWith("-")) return { error: `${arg} needs an environment name, e.g. --env dev` };
      envName = value;
    } else if (arg.startsWith("--env=")) {
      envName = arg.slice("--env=".length);
    } else if (arg.startsWith("-")) {
      return { error: `Unknown option ${arg}` };
    } else if (command === undefined) {
      command = arg;
    } else {
      return { error: `Unexpected argument ${arg}` };
    }
  }
  if (command !== "validate" && command !== "package") {
    return { error: command === undefined ? "Missing command" : `Unknown command ${command}` };
  }
  return { command, envName };
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
