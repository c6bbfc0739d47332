import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  it("has working defaults for the embedded default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, authMode: "dev", nodeEnv: "development", seedSampleData: true, playground: { enabled: true, port: 56150 } });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it("refuses AUTH_MODE=dev in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", AUTH_MODE: "dev", BOT_APP_ID: "x" })).toThrow(/AUTH_MODE=dev is refused/);
  });

  it("refuses to run the bot unauthenticated in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", AUTH_MODE: "entra", ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222" })).toThrow(/BOT_APP_ID is required/);
  });

  it("lists every missing Entra setting", () => {
    expect(() => loadConfig({ AUTH_MODE: "entra" })).toThrow(/ENTRA_TENANT_ID, ENTRA_CLIENT_ID, BOT_APP_ID, SECRET_BOT_APP_PASSWORD/);
  });

  it("accepts a bot certificate instead of a secret, but only as a pair", () => {
    const entra = { AUTH_MODE: "entra", ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222", BOT_APP_ID: "33333333-3333-4333-8333-333333333333" };
    expect(loadConfig({ ...entra, BOT_CERTIFICATE_THUMBPRINT: "AB12", SECRET_BOT_CERTIFICATE_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----" }).bot).toMatchObject({ certificateThumbprint: "AB12" });
    expect(() => loadConfig({ ...entra, BOT_CERTIFICATE_THUMBPRINT: "AB12" })).toThrow(/go together/);
  });

  it("names invalid values", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ AUTH_MODE: "none" })).toThrow(/AUTH_MODE/);
  });

  it("needs the site and Graph credentials for the SharePoint store", () => {
    expect(loadConfig({}).store).toEqual({ kind: "sqlite" });
    expect(() => loadConfig({ STORE: "sharepoint" })).toThrow(/SHAREPOINT_SITE, ENTRA_TENANT_ID, ENTRA_CLIENT_ID, SECRET_ENTRA_CLIENT_SECRET/);
    const config = loadConfig({ STORE: "sharepoint", SHAREPOINT_SITE: "example.sharepoint.com:/sites/intranet", ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222", SECRET_ENTRA_CLIENT_SECRET: "s" });
    expect(config.store).toEqual({ kind: "sharepoint", site: "example.sharepoint.com:/sites/intranet" });
    expect(config.graph).toEqual({ baseUrl: "https://graph.microsoft.com", clientSecret: "s" });
  });

  describe("site pages sync", () => {
    const graph = { ENTRA_TENANT_ID: "11111111-1111-4111-8111-111111111111", ENTRA_CLIENT_ID: "22222222-2222-4222-8222-222222222222", SECRET_ENTRA_CLIENT_SECRET: "s" };
    const site = "example.sharepoint.com:/sites/intranet";

    it("is off for the embedded default, and every 15 minutes with the SharePoint store", () => {
      expect(loadConfig({}).sitePages).toEqual({ syncMinutes: 0 });
      expect(loadConfig({ STORE: "sharepoint", SHAREPOINT_SITE: site, ...graph }).sitePages).toEqual({ site, syncMinutes: 15 });
      expect(loadConfig({ STORE: "sharepoint", SHAREPOINT_SITE: site, ...graph, SITE_PAGES_SYNC_MINUTES: "0" }).sitePages.syncMinutes).toBe(0);
    });

    it("runs with the SQLite store when asked, given the site and Graph credentials", () => {
      expect(loadConfig({ SITE_PAGES_SYNC_MINUTES: "5", SHAREPOINT_SITE: site, ...graph })).toMatchObject({ store: { kind: "sqlite" }, sitePages: { site, syncMinutes: 5 } });
      expect(() => loadConfig({ SITE_PAGES_SYNC_MINUTES: "5" })).toThrow(/SITE_PAGES_SYNC_MINUTES=5 needs SHAREPOINT_SITE, ENTRA_TENANT_ID, ENTRA_CLIENT_ID, SECRET_ENTRA_CLIENT_SECRET/);
      expect(() => loadConfig({ SITE_PAGES_SYNC_MINUTES: "5", SHAREPOINT_SITE: site })).toThrow(/needs ENTRA_TENANT_ID/);
    });

    it("keeps SHAREPOINT_SITE as the sync-pages default even when the host does not sync", () => {
      expect(loadConfig({ SHAREPOINT_SITE: site }).sitePages).toEqual({ site, syncMinutes: 0 });
    });

    it("refuses intervals that are not whole minutes from 0 to a day", () => {
      for (const bad of ["-1", "1.5", "1441", "often"]) expect(() => loadConfig({ SITE_PAGES_SYNC_MINUTES: bad })).toThrow(/SITE_PAGES_SYNC_MINUTES/);
    });
  });

  it("treats empty values as unset and parses booleans", () => {
    expect(loadConfig({ PORT: "", PLAYGROUND: "false" })).toMatchObject({ port: 3978, playground: { enabled: false } });
  });
});
