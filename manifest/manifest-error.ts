/**
 * The error of the manifest tooling (a build-time CLI, not a request edge, so not core's AppError): a headline plus
 * every individual problem, because fixing an env file one error per run wastes a council IT team's afternoon.
 */
export class ManifestToolError extends Error {
  /** One line per problem, each understandable on its own. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  - ${p}`).join("\n")}` : message);
    this.name = "ManifestToolError";
    this.problems = problems;
  }
}

/** Raised when the template uses `${{VAR}}`s the environment does not define (or leaves empty). */
export class MissingVariablesError extends ManifestToolError {
  /** Names of the missing variables, in order of first use. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[], source: string) {
    super(
      `${source} has no value for ${missing.length === 1 ? "variable" : "variables"} ${missing.join(", ")}`,
      missing.map((name) => `${name} is missing or empty; set ${name}=... in ${source}`),
    );
    this.name = "MissingVariablesError";
    this.missing = missing;
  }
}
