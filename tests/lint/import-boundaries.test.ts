import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** core/ stays free of every edge and SDK: the lint rule must fail on each forbidden import, and pass on core's own. */
describe("core import boundaries (eslint)", () => {
  const root = join(__dirname, "../..");

  // ESLint runs as a child process, as `npm run lint` does: its flat config is ESM, which jest's sandbox cannot load.
  async function problems(code: string, file = "core/guidance/example.ts"): Promise<string[]> {
    const run = spawnSync(process.execPath, [join(root, "node_modules", "eslint", "bin", "eslint.js"), "--stdin", "--stdin-filename", file, "--format", "json"], { cwd: root, input: code, encoding: "utf8" });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  }

  it.each([
    ['import { TurnContext } from "botbuilder";', /Bot Framework/],
    ['import { Client } from "@microsoft/microsoft-graph-client";', /Graph/],
    ['import { ConfidentialClientApplication } from "@azure/msal-node";', /MSAL/],
    ['import Database from "better-sqlite3";', /SQLite/],
    ['import { useState } from "react";', /React/],
    ['import { Button } from "@fluentui/react-components";', /React or Fluent/],
    ['import express from "express";', /express/],
    ['import { createSqliteHub } from "../../store";', /edge folder/],
    ['import { composeHub } from "../../teams-app/compose";', /edge folder/],
    ['import { CouncilHubBot } from "../../bot";', /edge folder/],
  ])("refuses %s in core/", async (code, message) => {
    const found = await problems(`${code}\nexport const x = 1;\n`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(message);
  });

  it("allows core's own imports, and the same imports outside core", async () => {
    expect(await problems('import { AppError } from "../shared/app-error";\nexport const x = AppError;\n')).toEqual([]);
    expect(await problems('import express from "express";\nexport const x = express;\n', "teams-app/example.ts")).toEqual([]);
  });
});
