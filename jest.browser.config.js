/** Browser tests: Debian chromium driven by playwright-core, with axe-core. Run by `npm run test:browser`. */
const base = require("./jest.config.js");
module.exports = { ...base, roots: ["<rootDir>/tests/browser"], testPathIgnorePatterns: ["/node_modules/", "/dist/"], testTimeout: 120000 };
