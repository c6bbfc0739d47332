import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AdmZip from "adm-zip";
import { INITIAL_RUN_PARAMETER, QUERY_PARAMETER, SEARCH_COMMAND_ID } from "../../bot";
import { checkEnvironment, loadEnv, packageApp, projectPaths, validateManifest } from "../../manifest";

// @microsoft/app-manifest require()s strip-bom 5, which is ESM-only; jest's module loader cannot load it before Node 24.9.
jest.mock("strip-bom", () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, "") }));

const paths = projectPaths();

interface Command {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly initialRun: boolean;
  readonly context: string[];
  readonly parameters: Array<{ name: string; title: string; description: string }>;
}
interface ComposeExtension {
  botId: string;
  commands: Command[];
  messageHandlers: Array<{ type: string; value: { domains: string[] } }>;
}

async function rendered(env: "local" | "dev"): Promise<Record<string, unknown>> {
  const { manifest, problems } = await checkEnvironment(env, paths);
  expect(problems).toEqual([]);
  return structuredClone(manifest) as Record<string, unknown>;
}

function extensionOf(manifest: Record<string, unknown>): ComposeExtension {
  const extensions = manifest.composeExtensions as ComposeExtension[];
  expect(extensions).toHaveLength(1);
  return extensions[0] as ComposeExtension;
}

describe("manifest: message extension", () => {
  it.each(["local", "dev"] as const)("declares the search command the bot handles, for %s, and validates offline", async (env) => {
    const manifest = await rendered(env);
    const { vars } = await loadEnv(env, paths.envDir);
    const extension = extensionOf(manifest);
    expect(extension.botId).toBe(vars.BOT_ID);
    expect(extension.botId).toBe((manifest.bots as Array<{ botId: string }>)[0]?.botId);
    expect(extension.commands).toEqual([
      expect.objectContaining({ id: SEARCH_COMMAND_ID, type: "query", initialRun: true, context: ["compose", "commandBox"] }),
    ]);
    const [command] = extension.commands;
    expect(command?.title.trim()).not.toBe("");
    expect(command?.description.trim()).not.toBe("");
    expect(command?.parameters).toEqual([expect.objectContaining({ name: QUERY_PARAMETER, title: expect.any(String), description: expect.any(String) })]);
    expect(command?.parameters.map((p) => p.name)).not.toContain(INITIAL_RUN_PARAMETER);
  });

  it.each(["local", "dev"] as const)("unfurls links on the hub's own host and the intranet's, for %s", async (env) => {
    const { vars } = await loadEnv(env, paths.envDir);
    const extension = extensionOf(await rendered(env));
    expect(extension.messageHandlers).toEqual([{ type: "link", value: { domains: [vars.BOT_DOMAIN, vars.INTRANET_DOMAIN] } }]);
    expect(new URL(vars.TAB_ENDPOINT ?? "").hostname).toBe(vars.BOT_DOMAIN);
  });

  it("reports a link domain written as a URL, and an extension wired to another bot", async () => {
    const manifest = await rendered("dev");
    const extension = extensionOf(manifest);
    extension.messageHandlers[0]!.value.domains = ["https://intranet.example.gov.uk/", "*.sharepoint.com"];
    extension.botId = "de7de7de-0000-4000-8000-0000000000ff";
    expect(await validateManifest(manifest, { iconsDir: paths.templateDir })).toEqual([
      expect.stringMatching(/^composeExtensions\[0\]\.botId "de7de7de-0000-4000-8000-0000000000ff" is not the id of a bot/),
      expect.stringMatching(/^composeExtensions\[0\]\.messageHandlers\[0\]\.value\.domains\[0\] "https:\/\/intranet\.example\.gov\.uk\/" must be a host name/),
    ]);
  });

  it("reports a command over the schema's limits", async () => {
    const manifest = await rendered("local");
    const command = extensionOf(manifest).commands[0] as { title: string };
    command.title = "A title far longer than thirty-two characters";
    expect(await validateManifest(manifest, { iconsDir: paths.templateDir })).toEqual([expect.stringMatching(/^schema: \/composeExtensions\/0\/commands\/0\/title must NOT have more than 32 characters/)]);
  });

  it("packages the extension into the app zip", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "council-hub-package-"));
    try {
      const { zipPath } = await packageApp("dev", { paths, outDir });
      const zipped = JSON.parse(new AdmZip(zipPath).readAsText("manifest.json")) as Record<string, unknown>;
      expect(extensionOf(zipped).commands[0]?.id).toBe(SEARCH_COMMAND_ID);
      expect(extensionOf(zipped).messageHandlers[0]?.value.domains).toEqual(["councilhub.example-council.gov.uk", "examplecouncil.sharepoint.com"]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
