import { CloudAdapter } from "botbuilder";
import { botAuthenticationSettings, createBotAdapter } from "./create-adapter";
import { silentBotLog } from "./bot-log";

describe("botAuthenticationSettings", () => {
  it("leaves authentication off without an app id (local development only)", () => {
    expect(botAuthenticationSettings({})).toEqual({});
    expect(botAuthenticationSettings({ appId: "  ", appPassword: "x" })).toEqual({});
  });

  it("is multi-tenant with an app id and no tenant", () => {
    expect(botAuthenticationSettings({ appId: "app", appPassword: "secret" })).toEqual({
      MicrosoftAppId: "app",
      MicrosoftAppPassword: "secret",
      MicrosoftAppType: "MultiTenant",
    });
  });

  it("is single-tenant with a tenant id", () => {
    expect(botAuthenticationSettings({ appId: "app", appPassword: "secret", tenantId: "tenant" })).toEqual({
      MicrosoftAppId: "app",
      MicrosoftAppPassword: "secret",
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: "tenant",
    });
  });
});

describe("createBotAdapter", () => {
  it("builds a CloudAdapter with the turn-error handler attached", () => {
    const adapter = createBotAdapter({ appId: "app", appPassword: "secret", tenantId: "tenant", log: silentBotLog });
    expect(adapter).toBeInstanceOf(CloudAdapter);
    expect(typeof adapter.onTurnError).toBe("function");
    expect(createBotAdapter({ log: silentBotLog })).toBeInstanceOf(CloudAdapter);
  });
});
