import { loadConfig } from "./config";
import { createDelegatedSearch, siteWebUrl } from "./delegated-search";
import { createLogger } from "./logger";

const ENTRA = {
  AUTH_MODE: "entra",
  ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111",
  ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
  BOT_APP_ID: "33333333-3333-4333-8333-333333333333",
  SECRET_BOT_APP_PASSWORD: "bot-secret",
  SITE_PAGES_SYNC_MINUTES: "0",
};

describe("delegated Microsoft Search for the Guidance tab", () => {
  it("derives the site's web URL from host:/path, and none from a site id", () => {
    expect(siteWebUrl("council.sharepoint.com:/sites/intranet/")).toBe("https://council.sharepoint.com/sites/intranet");
    expect(siteWebUrl("council.sharepoint.com,0a1b2c3d-0000-4000-8000-000000000001,0a1b2c3d-0000-4000-8000-000000000002")).toBeUndefined();
    expect(siteWebUrl('council.sharepoint.com:/sites/a" OR b')).toBeUndefined();
  });

  it("is used only in Microsoft 365 mode with Graph credentials and an intranet site", () => {
    const log = createLogger("silent");
    expect(createDelegatedSearch(loadConfig({}), log)).toBeUndefined();
    expect(createDelegatedSearch(loadConfig({ ...ENTRA, SHAREPOINT_SITE: "council.sharepoint.com:/sites/intranet" }), log)).toBeUndefined();
    expect(createDelegatedSearch(loadConfig({ ...ENTRA, SECRET_ENTRA_CLIENT_SECRET: "s" }), log)).toBeUndefined();
    expect(createDelegatedSearch(loadConfig({ ...ENTRA, SECRET_ENTRA_CLIENT_SECRET: "s", SHAREPOINT_SITE: "council.sharepoint.com:/sites/intranet" }), log)).toEqual(expect.any(Function));
  });
});
