#!/usr/bin/env node
// The `hub` command. Plain CommonJS so it runs without a build step of its own; the CLI itself is compiled TypeScript.
"use strict";

const { existsSync } = require("node:fs");
const { join } = require("node:path");

const entry = join(__dirname, "..", "dist", "teams-app", "cli", "main.js");
if (!existsSync(entry)) {
  process.stderr.write("Run npm install (or npm run build) first\n");
  process.exit(1);
}

// A reader that stops early (`hub search … | head`) closes the pipe; that is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error && error.code === "EPIPE") process.exit(0);
  throw error;
});

require(entry)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
