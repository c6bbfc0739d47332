import { PassThrough } from "node:stream";
import { defineCollection } from "../../core";
import { loadConfig } from "../../teams-app/config";
import type { CliContext } from "../../teams-app/cli";
import { createProvisionCommand, graphClientFromConfig } from "../../teams-app/cli/provision-command";
import { startSharePointTestbed, type SharePointTestbed } from "../fakes";

// `hub provision` end to end against the SharePoint fake: the command with an injected Graph client factory (real
// client, real provisioner), its output, and its exit codes.

const TRAINING = defineCollection({
  name: "training-requests",
  title: "Training requests",
  description: "Requests for courses.",
  fields: { course: { type: "text", required: true, indexed: true }, approved: { type: "boolean", indexed: true } },
});

let testbed: SharePointTestbed;
beforeEach(async () => {
  testbed = await startSharePointTestbed();
});
afterEach(() => testbed.close());

async function run(args: string[], collections = [TRAINING]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on("data", (chunk: Buffer) => err.push(chunk.toString()));
  const ctx: CliContext = {
    io: { stdin: new PassThrough(), stdout, stderr, stderrIsTTY: false },
    openHub: () => {
      throw new Error("provision must not open the local store");
    },
  };
  const command = createProvisionCommand({ collections, createClient: () => testbed.client, loadConfig: () => loadConfig({}) });
  const code = await command.run(args, ctx);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const site = () => `${testbed.fake.site.hostname}:${testbed.fake.site.path}`;

describe("hub provision", () => {
  it("prints the plan on --dry-run and writes nothing", async () => {
    const result = await run(["--site", site(), "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Dry run: 1 change would be made (nothing was written):");
    expect(result.stdout).toContain('+ create list training-requests: "Training requests" with 3 columns (3 indexed)');
    expect(testbed.fake.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("provisions, then reports nothing to change on the second run", async () => {
    const first = await run(["--site", site()]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Made 1 change:");
    expect(testbed.fake.list("training-requests")).toBeDefined();
    const second = await run(["--site", testbed.siteId]);
    expect(second.stdout).toContain("Nothing to change: the list matches its declaration.");
  });

  it("refuses a missing or malformed site as a usage error", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--site", "x", "extra"])).code).toBe(2);
    await expect(run(["--site", "https://evil.example/sites/hub"])).rejects.toMatchObject({ code: "bad_request" });
  });

  it("has nothing to do while no collections are declared", async () => {
    const result = await run(["--site", site()], []);
    expect(result.stdout).toContain("nothing to provision");
    expect(testbed.fake.requests).toEqual([]);
  });

  it("explains which settings are missing for a real tenant", () => {
    expect(() => graphClientFromConfig(loadConfig({}))).toThrow(/ENTRA_TENANT_ID, ENTRA_CLIENT_ID and SECRET_ENTRA_CLIENT_SECRET/);
  });
});
