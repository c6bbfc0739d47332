import { parseArgs } from "node:util";
import { seedSampleData } from "../../store";
import { EXIT_OK, writeLine, type CliCommand } from "./cli-context";
import { parseCommandArgs, usageError } from "./parse-command-args";

/** `hub seed`: loads the sample directory and intranet into DATA_DIR when they are empty. */
export const seedCommand: CliCommand = {
  name: "seed",
  summary: "Load the sample staff directory and intranet pages if the store is empty",
  usage: [
    "Usage: hub seed",
    "",
    "Adds the sample users when the directory is empty and the sample intranet when there are no pages.",
    "Running it again on a seeded store changes nothing.",
  ].join("\n"),
  async run(argv, ctx) {
    const parsed = parseCommandArgs(seedCommand, ctx, () => parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: "boolean", short: "h" } } }));
    if (!parsed.ok) return parsed.exitCode;
    if (parsed.args.positionals.length > 0) return usageError(seedCommand, ctx, "takes no arguments.").exitCode;
    const hub = ctx.openHub();
    const result = await seedSampleData({ guidance: hub.guidance, directory: hub.directory });
    const { stdout } = ctx.io;
    await writeLine(stdout, result.users > 0 ? `Added ${result.users} sample users.` : "The directory already has users: left as it is.");
    if (!result.pages) {
      await writeLine(stdout, "The store already has pages: sample intranet not loaded.");
    } else {
      const { added, failed } = result.pages;
      await writeLine(stdout, `Added ${added} sample pages${failed.length > 0 ? ` (${failed.length} failed)` : ""}.`);
    }
    return EXIT_OK;
  },
};
