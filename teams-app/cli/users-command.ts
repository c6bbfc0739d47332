import { parseArgs } from "node:util";
import { ROLE_LABELS, type StaffUser } from "../../core";
import { EXIT_OK, writeLine, type CliCommand } from "./cli-context";
import { parseCommandArgs, usageError } from "./parse-command-args";

/** `hub users [--json]`: lists the local staff directory, e.g. to pick a dev sign-in. */
export const usersCommand: CliCommand = {
  name: "users",
  summary: "List the staff directory",
  usage: ["Usage: hub users [--json]", "", "Options:", "  --json      Print the users as one JSON array", "  -h, --help  Show this help"].join("\n"),
  async run(argv, ctx) {
    const parsed = parseCommandArgs(usersCommand, ctx, () =>
      parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } }),
    );
    if (!parsed.ok) return parsed.exitCode;
    if (parsed.args.positionals.length > 0) return usageError(usersCommand, ctx, "takes no arguments.").exitCode;
    const users = await ctx.openHub().directory.list();
    const { stdout } = ctx.io;
    if (parsed.args.values.json) {
      await writeLine(stdout, JSON.stringify(users));
    } else if (users.length === 0) {
      await writeLine(stdout, "The directory is empty. Run `hub seed` to load the sample users.");
    } else {
      for (const user of users) await writeLine(stdout, formatUser(user));
    }
    return EXIT_OK;
  },
};

function formatUser(user: StaffUser): string {
  const roles = user.roles.map((role) => ROLE_LABELS[role]).join(", ");
  const manager = user.managerUpn ? `, reports to ${user.managerUpn}` : "";
  return `${user.name} <${user.upn}>  ${user.department}${manager}\n    ${roles}`;
}
