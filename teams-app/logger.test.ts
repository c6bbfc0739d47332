import { captureConsole, createLogger } from "./logger";

describe("captureConsole", () => {
  it("turns a library's console.error and console.warn into one JSON log line each, and restores the console", () => {
    const lines: string[] = [];
    const before = console.error;
    const restore = captureConsole(createLogger("debug", (line) => lines.push(line)));
    try {
      console.error("Error finding key for token. Available keys: %s\nmore", "-----BEGIN RSA PUBLIC KEY-----");
      console.error(new TypeError("jwt expired"));
      console.warn("BadRequest: Missing activity or activity type.");
    } finally {
      restore();
    }
    expect(console.error).toBe(before);
    expect(lines).toHaveLength(3);
    const [first, second, third] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: "error", message: "library.console", text: "Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----\nmore" });
    expect(second).toMatchObject({ level: "error", message: "library.console", error: "jwt expired", errorName: "TypeError" });
    expect(third).toMatchObject({ level: "warn", message: "library.console", text: "BadRequest: Missing activity or activity type." });
    for (const line of lines) expect(line).not.toContain("\n");
  });
});
