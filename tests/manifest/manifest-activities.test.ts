import { readFileSync } from "node:fs";
import { join } from "node:path";
import { manifestActivities } from "../../core";

/** The manifest must declare exactly the activity types the notifier sends, or Teams drops the notifications. */
describe("manifest activity types", () => {
  it("match core's notification types and templates", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, "../../manifest/template/manifest.json"), "utf8")) as { activities?: unknown };
    expect(manifest.activities).toEqual(JSON.parse(JSON.stringify(manifestActivities())));
  });
});
