/** Unit, store, API, bot and CLI tests. Browser tests have their own config (jest.browser.config.js). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/core", "<rootDir>/store", "<rootDir>/graph", "<rootDir>/bot", "<rootDir>/teams-app", "<rootDir>/manifest", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "/tests/browser/"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript", tsx: true } }, module: { type: "commonjs" } }] },
  testTimeout: 30000,
};
