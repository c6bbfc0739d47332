import { needsWelcome } from "./welcome-members";

const bot = { id: "28:bot", name: "Council Hub" };
const user = { id: "29:user", name: "Ann" };

describe("needsWelcome", () => {
  it("welcomes when someone other than the bot joins", () => {
    expect(needsWelcome({ recipient: bot, membersAdded: [user], conversation: { id: "c", conversationType: "channel", isGroup: true, name: "" } })).toBe(true);
  });

  it("welcomes when the bot is installed in a personal chat", () => {
    expect(needsWelcome({ recipient: bot, membersAdded: [bot], conversation: { id: "c", conversationType: "personal", isGroup: false, name: "" } })).toBe(true);
  });

  it("stays quiet when only the bot joins a team channel, or nobody joins", () => {
    expect(needsWelcome({ recipient: bot, membersAdded: [bot], conversation: { id: "c", conversationType: "channel", isGroup: true, name: "" } })).toBe(false);
    expect(needsWelcome({ recipient: bot, membersAdded: [], conversation: { id: "c", conversationType: "personal", isGroup: false, name: "" } })).toBe(false);
  });
});
