import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import AdmZip from "adm-zip";
import { ManifestToolError } from "./manifest-error";
import { projectPaths, type ProjectPaths } from "./project-paths";
import type { JsonValue } from "./render";
import { checkEnvironment } from "./validate";

/** Options for {@link packageApp}. */
export interface PackageOptions {
  /** Project paths; found from the current install when omitted. */
  readonly paths?: ProjectPaths;
  /** Where to write the zip; defaults to `build/appPackage`. */
  readonly outDir?: string;
}

/** What {@link packageApp} produced. */
export interface PackageResult {
  /** Absolute path of the written zip. */
  readonly zipPath: string;
  /** The manifest inside it. */
  readonly manifest: JsonValue;
}

/**
 * Builds `appPackage.<env>.zip` (manifest.json, color.png, outline.png at the root, as Teams expects) for upload to
 * Teams admin centre or Developer Portal. Validation runs first, so an invalid package is never written.
 *
 * @throws ManifestToolError listing every problem when the manifest is invalid.
 */
export async function packageApp(envName: string, options: PackageOptions = {}): Promise<PackageResult> {
  const paths = options.paths ?? projectPaths();
  const { manifest, problems } = await checkEnvironment(envName, paths);
  if (problems.length > 0) throw new ManifestToolError(`The manifest for environment "${envName}" is invalid, so no package was written`, problems);

  const icons = (manifest as { icons: { color: string; outline: string } }).icons;
  const zip = new AdmZip();
  zip.addFile("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"));
  for (const name of [icons.color, icons.outline]) zip.addFile(name, await readFile(join(paths.templateDir, name)));

  const outDir = options.outDir ?? paths.appPackageDir;
  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  await writeFile(zipPath, zip.toBuffer());
  return { zipPath, manifest };
}
