import { mkdtemp, readFile, rm, writeFile, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AdmZip from "adm-zip";
import {
  COLOR_ICON_SIZE,
  MissingVariablesError,
  ManifestToolError,
  OUTLINE_ICON_SIZE,
  checkEnvironment,
  checkIcons,
  decodePng,
  encodeRgbaPng,
  loadEnv,
  packageApp,
  parseEnvFile,
  placeholdersIn,
  projectPaths,
  readPngHeader,
  renderTemplate,
  runCli,
  validateManifest,
  type JsonValue,
  type ProjectPaths,
} from "../../manifest";

// @microsoft/app-manifest require()s strip-bom 5, which is ESM-only. Plain Node >= 20.19 loads that (require(esm)),
// but jest's module loader cannot before Node 24.9, so swap in the same one-liner for this test run.
jest.mock("strip-bom", () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, "") }));

const paths = projectPaths();
const ENVS = ["local", "dev"] as const;
const TEMPLATE_VARS = ["TEAMS_APP_ID", "APP_NAME_SUFFIX", "BOT_ID", "TAB_ENDPOINT", "BOT_DOMAIN", "AAD_APP_CLIENT_ID", "INTRANET_DOMAIN"];

async function template(): Promise<JsonValue> {
  return JSON.parse(await readFile(join(paths.templateDir, "manifest.json"), "utf8")) as JsonValue;
}

/** A scratch copy of the project's manifest files, so tests can break things without touching the real ones. */
async function scratchProject(): Promise<ProjectPaths> {
  const root = await mkdtemp(join(tmpdir(), "council-hub-manifest-"));
  const scratch = projectPaths(root);
  await mkdir(scratch.templateDir, { recursive: true });
  await mkdir(scratch.envDir, { recursive: true });
  for (const file of ["manifest.json", "color.png", "outline.png"]) await copyFile(join(paths.templateDir, file), join(scratch.templateDir, file));
  for (const env of ENVS) await copyFile(join(paths.envDir, `.env.${env}`), join(scratch.envDir, `.env.${env}`));
  return scratch;
}

describe("env files", () => {
  it("parses comments, quotes, export and inline comments", () => {
    const vars = parseEnvFile(
      [
        "# comment",
        "",
        "PLAIN=value  # trailing comment",
        'SUFFIX=" (local)"',
        "SINGLE='a # not a comment'",
        'ESCAPED="line1\\nline2 \\"quoted\\""',
        "export EXPORTED=yes",
        "EMPTY=",
        "URL=https://example.org/#anchor",
      ].join("\n"),
    );
    expect(vars).toEqual({
      PLAIN: "value",
      SUFFIX: " (local)",
      SINGLE: "a # not a comment",
      ESCAPED: 'line1\nline2 "quoted"',
      EXPORTED: "yes",
      EMPTY: "",
      URL: "https://example.org/#anchor",
    });
  });

  it("reports every bad line with its number", () => {
    expect(() => parseEnvFile("GOOD=1\nno equals sign\n9BAD=2\nOPEN=\"unterminated", ".env.test")).toThrow(
      /\.env\.test:2: expected KEY=VALUE[\s\S]*\.env\.test:3: "9BAD" is not a valid variable name[\s\S]*\.env\.test:4: unterminated quote/,
    );
  });

  it("refuses a secret in the committed file and merges the .user file over it", async () => {
    const scratch = await scratchProject();
    try {
      await writeFile(join(scratch.envDir, ".env.leaky"), "BOT_ID=x\nSECRET_BOT_PASSWORD=hunter2\n");
      await expect(loadEnv("leaky", scratch.envDir, scratch.root)).rejects.toThrow(/SECRET_BOT_PASSWORD to env\/\.env\.leaky\.user/);

      await writeFile(join(scratch.envDir, ".env.ok"), "BOT_ID=x\nSECRET_BOT_PASSWORD=\n");
      await writeFile(join(scratch.envDir, ".env.ok.user"), "SECRET_BOT_PASSWORD=hunter2\n");
      const env = await loadEnv("ok", scratch.envDir, scratch.root);
      expect(env.vars).toEqual({ BOT_ID: "x", SECRET_BOT_PASSWORD: "hunter2" });
      expect(env.files).toEqual(["env/.env.ok", "env/.env.ok.user"]);
    } finally {
      await rm(scratch.root, { recursive: true, force: true });
    }
  });

  it("rejects environment names that could escape env/", async () => {
    await expect(loadEnv("../secrets", paths.envDir)).rejects.toThrow(/not a valid environment name/);
  });

  it.each(ENVS)("env/.env.%s defines every variable the template uses and no secrets", async (envName) => {
    const { vars } = await loadEnv(envName, paths.envDir);
    for (const name of placeholdersIn(await template())) expect(vars[name]).toBeTruthy();
    expect(Object.entries(vars).filter(([k, v]) => k.startsWith("SECRET_") && v)).toEqual([]);
  });
});

describe("rendering", () => {
  it("uses exactly the documented placeholders", async () => {
    expect(placeholdersIn(await template()).sort()).toEqual([...TEMPLATE_VARS].sort());
  });

  it("substitutes every placeholder", async () => {
    const { vars } = await loadEnv("local", paths.envDir);
    const rendered = renderTemplate(await template(), vars) as Record<string, unknown>;
    expect(JSON.stringify(rendered)).not.toContain("${{");
    expect(rendered).toMatchObject({
      id: vars.TEAMS_APP_ID,
      name: { short: "Council Hub (local)" },
      bots: [{ botId: vars.BOT_ID }],
      validDomains: ["localhost"],
      webApplicationInfo: { id: vars.AAD_APP_CLIENT_ID, resource: `api://localhost/${vars.AAD_APP_CLIENT_ID}` },
    });
    expect((rendered.staticTabs as Array<{ contentUrl?: string }>)[0].contentUrl).toBe("https://localhost:3978/tabs/guidance");
  });

  it("keeps JSON intact when a value contains quotes or backslashes", () => {
    const rendered = renderTemplate({ text: "say ${{WORD}}" }, { WORD: 'a "quoted" \\ value' });
    expect(rendered).toEqual({ text: 'say a "quoted" \\ value' });
  });

  it("lists every missing or empty variable at once", async () => {
    const error = (() => {
      try {
        renderTemplate(
          { a: "${{BOT_ID}}", b: ["${{ TAB_ENDPOINT }}/x", "${{BOT_ID}}"], c: "${{TEAMS_APP_ID}}" },
          { TEAMS_APP_ID: "" },
          "env/.env.test",
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MissingVariablesError);
    expect((error as MissingVariablesError).missing).toEqual(["BOT_ID", "TAB_ENDPOINT", "TEAMS_APP_ID"]);
    expect((error as Error).message).toMatch(/env\/\.env\.test has no value for variables BOT_ID, TAB_ENDPOINT, TEAMS_APP_ID/);
  });
});

describe("validation", () => {
  it.each(ENVS)("the %s environment renders to a valid manifest", async (envName) => {
    const { problems, manifest } = await checkEnvironment(envName, paths);
    expect(problems).toEqual([]);
    expect((manifest as { manifestVersion: string }).manifestVersion).toBe("1.22");
  });

  async function validLocal(): Promise<Record<string, unknown>> {
    return structuredClone((await checkEnvironment("local", paths)).manifest) as Record<string, unknown>;
  }

  it("reports a missing bots[0].botId via the schema", async () => {
    const manifest = await validLocal();
    delete (manifest.bots as Array<Record<string, unknown>>)[0].botId;
    const problems = await validateManifest(manifest, { iconsDir: paths.templateDir });
    expect(problems).toEqual([expect.stringMatching(/^schema: \/bots\/0 must have required property 'botId'/)]);
  });

  it("reports a non-semver app version and an unknown manifestVersion", async () => {
    const manifest = await validLocal();
    manifest.version = "1.0";
    expect(await validateManifest(manifest, { iconsDir: paths.templateDir })).toEqual([
      expect.stringMatching(/^version "1\.0" must be MAJOR\.MINOR\.PATCH/),
    ]);

    manifest.version = "1.0.0";
    manifest.manifestVersion = "9.99";
    expect(await validateManifest(manifest, { iconsDir: paths.templateDir })).toEqual([
      expect.stringMatching(/^manifestVersion "9\.99" is not a schema version bundled with @microsoft\/app-manifest \(bundled: .*1\.22/),
    ]);
  });

  it("reports bad ids, a tab outside validDomains and leftover placeholders", async () => {
    const manifest = await validLocal();
    manifest.id = "not-a-guid";
    manifest.validDomains = ["intranet.example-council.gov.uk"];
    (manifest.staticTabs as Array<Record<string, unknown>>)[0].contentUrl = "https://localhost:3978/tabs/${{TAB}}";
    const problems = await validateManifest(manifest, { iconsDir: paths.templateDir });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/staticTabs\/0\/contentUrl still contains a placeholder/),
        expect.stringMatching(/^schema: \/id must match pattern/),
        expect.stringMatching(/staticTabs\[0\]\.contentUrl host "localhost" is not listed in validDomains/),
      ]),
    );
  });

  it("is offline: validation passes with fetch disabled", async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error("network used"));
    try {
      expect((await checkEnvironment("dev", paths)).problems).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe("icons", () => {
  it("are PNGs of the sizes Teams requires", async () => {
    for (const [file, size] of [["color.png", COLOR_ICON_SIZE], ["outline.png", OUTLINE_ICON_SIZE]] as const) {
      const header = readPngHeader(await readFile(join(paths.templateDir, file)));
      expect([file, header.width, header.height]).toEqual([file, size, size]);
    }
  });

  it("outline is white on transparent and the colour icon is opaque", async () => {
    const outline = decodePng(await readFile(join(paths.templateDir, "outline.png")));
    const colour = decodePng(await readFile(join(paths.templateDir, "color.png")));
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] > 0) expect([...outline.rgba.subarray(i, i + 3)]).toEqual([255, 255, 255]);
    }
    expect(colour.rgba.filter((_, i) => i % 4 === 3 && colour.rgba[i] !== 255)).toHaveLength(0);
  });

  it("flags wrong sizes and a coloured outline", async () => {
    const dir = await mkdtemp(join(tmpdir(), "council-hub-icons-"));
    try {
      const grey = (size: number): Buffer => encodeRgbaPng(size, size, new Uint8Array(size * size * 4).fill(128));
      await writeFile(join(dir, "color.png"), grey(96));
      await writeFile(join(dir, "outline.png"), grey(OUTLINE_ICON_SIZE));
      const problems = await checkIcons({ color: "color.png", outline: "outline.png" }, dir);
      expect(problems).toEqual([
        expect.stringMatching(/icons\.color: color\.png is 96×96; Teams needs 192×192/),
        expect.stringMatching(/icons\.outline: outline\.png has 1024 visible pixels that are not white \(first at x=0, y=0/),
        expect.stringMatching(/icons\.outline: outline\.png has no transparent pixels/),
      ]);
      expect(await checkIcons({ color: "missing.png", outline: "../outline.png" }, dir)).toEqual([
        expect.stringMatching(/icons\.outline "\.\.\/outline\.png" must be a plain file name/),
        expect.stringMatching(/icons\.color: missing\.png was not found/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("round-trips through the PNG encoder and decoder", () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    expect(decodePng(encodeRgbaPng(3, 2, rgba))).toEqual({ width: 3, height: 2, rgba });
  });
});

describe("packaging", () => {
  let outDir: string;
  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), "council-hub-package-"));
  });
  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it.each(ENVS)("zips manifest.json and both icons for %s, fully rendered", async (envName) => {
    const { zipPath } = await packageApp(envName, { paths, outDir });
    expect(zipPath).toBe(join(outDir, `appPackage.${envName}.zip`));
    const zip = new AdmZip(zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifestText = zip.readAsText("manifest.json");
    expect(manifestText).not.toContain("${{");
    expect(JSON.parse(manifestText)).toMatchObject({ manifestVersion: "1.22", bots: [{ supportsFiles: false }] });
    expect(readPngHeader(zip.readFile("color.png") as Buffer)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(zip.readFile("outline.png") as Buffer)).toMatchObject({ width: 32, height: 32 });
  });

  it("writes no package when the manifest is invalid", async () => {
    const scratch = await scratchProject();
    try {
      await writeFile(join(scratch.envDir, ".env.broken"), "TEAMS_APP_ID=nope\nBOT_ID=nope\nBOT_DOMAIN=x\nTAB_ENDPOINT=https://x\nAAD_APP_CLIENT_ID=nope\nAPP_NAME_SUFFIX=\" (broken)\"\nINTRANET_DOMAIN=x\n");
      const attempt = packageApp("broken", { paths: scratch, outDir });
      await expect(attempt).rejects.toBeInstanceOf(ManifestToolError);
      await expect(attempt).rejects.toThrow(/schema: \/id must match pattern/);
      await expect(readFile(join(outDir, "appPackage.broken.zip"))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(scratch.root, { recursive: true, force: true });
    }
  });
});

describe("cli", () => {
  function capture(): { io: { out: (l: string) => void; err: (l: string) => void }; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
  }

  it("validates the default (local) environment", async () => {
    const { io, out } = capture();
    expect(await runCli(["validate"], { ...io, paths })).toBe(0);
    expect(out.join("\n")).toMatch(/environment "local" is valid/);
  });

  it("packages with --env dev and with --env=dev", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "council-hub-cli-"));
    try {
      for (const argv of [["package", "--env", "dev"], ["package", "--env=dev"]]) {
        const { io, out } = capture();
        expect(await runCli(argv, { ...io, paths, outDir })).toBe(0);
        expect(out.join("\n")).toMatch(/appPackage\.dev\.zip/);
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it("exits 1 naming the missing variables and the env file", async () => {
    const scratch = await scratchProject();
    try {
      await writeFile(join(scratch.envDir, ".env.partial"), "TEAMS_APP_ID=6f1c0a2e-4b7d-4c3a-9e51-0c1a1c0a1001\nBOT_ID=\n");
      const { io, err } = capture();
      expect(await runCli(["validate", "--env", "partial"], { ...io, paths: scratch })).toBe(1);
      expect(err.join("\n")).toMatch(/env\/\.env\.partial has no value for variables APP_NAME_SUFFIX, BOT_ID, BOT_DOMAIN, INTRANET_DOMAIN, TAB_ENDPOINT, AAD_APP_CLIENT_ID/);
    } finally {
      await rm(scratch.root, { recursive: true, force: true });
    }
  });

  it("exits 1 for an unknown environment and 2 for bad usage", async () => {
    const missing = capture();
    expect(await runCli(["validate", "--env", "nope"], { ...missing.io, paths })).toBe(1);
    expect(missing.err.join("\n")).toMatch(/No environment "nope": env\/\.env\.nope does not exist/);

    for (const argv of [[], ["deploy"], ["validate", "--env"], ["validate", "--verbose"]]) {
      const usage = capture();
      expect(await runCli(argv, { ...usage.io, paths })).toBe(2);
      expect(usage.err.join("\n")).toMatch(/Usage: node dist\/manifest\/cli\.js/);
    }
  });
});
