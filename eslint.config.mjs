// ESLint flat config. The import-boundary rules keep core/ free of every edge and every cloud/storage SDK:
// core is the domain, and must run (and be tested) without botbuilder, Graph, MSAL, SQLite, React or express.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const FORBIDDEN_IN_CORE = [
  { group: ["botbuilder", "botbuilder-*", "botframework-*"], message: "core/ must not depend on the Bot Framework (bot/ is an edge)." },
  { group: ["@microsoft/microsoft-graph-client", "@microsoft/microsoft-graph-*", "@microsoft/teams-js"], message: "core/ must not depend on Microsoft Graph or Teams SDKs (graph/ implements core's ports)." },
  { group: ["@azure/msal-*"], message: "core/ must not depend on MSAL." },
  { group: ["better-sqlite3"], message: "core/ must not depend on SQLite (store/ implements core's ports)." },
  { group: ["react", "react-dom", "react/*", "@fluentui/*"], message: "core/ must not depend on React or Fluent UI." },
  { group: ["express", "express/*", "helmet"], message: "core/ must not depend on express (teams-app/ is the host)." },
  { group: ["**/store", "**/store/*", "**/graph", "**/graph/*", "**/bot", "**/bot/*", "**/tabs", "**/tabs/*", "**/teams-app", "**/teams-app/*", "**/manifest", "**/manifest/*", "**/tests", "**/tests/*"], message: "core/ must not import an edge folder: edges depend on core, never the reverse." },
];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "coverage/**", ".data/**", "build/**", "tests/lint-fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  { files: ["tabs/**/*.{ts,tsx}"], languageOptions: { globals: { ...globals.browser } } },
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  { files: ["core/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: FORBIDDEN_IN_CORE }] } },
);
