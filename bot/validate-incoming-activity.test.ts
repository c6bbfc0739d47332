import { AppError } from "../core";
import { validateIncomingActivity } from "./validate-incoming-activity";

const valid = {
  type: "message",
  channelId: "msteams",
  serviceUrl: "https://smba.trafficmanager.net/uk/",
  conversation: { id: "a:1", conversationType: "personal" },
  from: { id: "29:1", aadObjectId: "00000000-0000-0000-0000-000000000001" },
  recipient: { id: "28:bot" },
  text: "hello",
  channelData: { tenant: { id: "t" } },
};

describe("validateIncomingActivity", () => {
  it("accepts a Teams activity and keeps every field for botbuilder", () => {
    expect(validateIncomingActivity(valid)).toEqual(valid);
  });

  it.each([
    ["an empty object", {}],
    ["null", null],
    ["an array", [valid]],
    ["a numeric type", { ...valid, type: 42 }],
    ["an empty type", { ...valid, type: "" }],
    ["no conversation", { ...valid, conversation: undefined }],
    ["no from", { ...valid, from: {} }],
    ["no serviceUrl", { ...valid, serviceUrl: undefined }],
    ["a non-http serviceUrl", { ...valid, serviceUrl: "file:///etc/passwd" }],
    ["non-string text", { ...valid, text: 42 }],
  ])("rejects %s with a 400 AppError", (_name, body) => {
    let thrown: unknown;
    try {
      validateIncomingActivity(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
    expect((thrown as AppError).details?.length).toBeGreaterThan(0);
  });
});
