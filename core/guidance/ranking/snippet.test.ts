import type { GuidancePage } from "../page";
import { parseDocument } from "../parse-document";
import { parseQuery } from "../query";
import { CouncilSearchEngine } from "./council-search-engine";

const NOW = new Date("2025-06-01T12:00:00Z");
const page = (id: string, markdown: string): GuidancePage => parseDocument({ id, content: markdown }, "test", NOW);

const VOCABULARY = {
  entries: [
    { terms: ["annual leave", "holiday", "paid time off"] },
    { terms: ["TOIL", "time off in lieu"] },
    { terms: ["SLT", "senior leadership team"] },
  ],
};

function snippets(pages: readonly GuidancePage[], question: string): Record<string, string> {
  const engine = new CouncilSearchEngine({ vocabulary: VOCABULARY });
  for (const p of pages) engine.upsert(p);
  return Object.fromEntries(engine.answerNow(parseQuery(question, 10)).hits.map((h) => [h.id, h.snippet]));
}

describe("snippets mark the words of a matched vocabulary phrase", () => {
  const leave = page("hr/leave.md", "# Leave\n\nYou get 28 days of annual leave a year. Leave for other reasons is agreed with your manager.\n");
  const toil = page("hr/toil.md", "# Overtime\n\nIf you work extra hours you can take time off in lieu instead of pay. Time sheets are due monthly.\n");
  const slt = page("corp/slt.md", "# Who decides\n\nThe leadership team meets weekly; the team publishes notes.\n");

  it("marks both words of 'annual leave' for 'holiday', and not a lone 'leave' elsewhere", () => {
    const snippet = snippets([leave, toil], "holiday")["hr/leave.md"];
    expect(snippet).toContain("**annual** **leave** a year");
    expect(snippet).toContain(". Leave for other reasons");
  });

  it("marks 'time', 'off' and 'lieu' (not the stopword 'in') for 'TOIL', and not a lone 'Time' later", () => {
    const snippet = snippets([leave, toil], "TOIL")["hr/toil.md"];
    expect(snippet).toContain("take **time** **off** in **lieu** instead");
    expect(snippet).toContain("pay. Time sheets");
  });

  it("marks the run of a long phrase that ranking matched without its first word ('leadership team' for 'SLT')", () => {
    const snippet = snippets([slt, leave], "SLT")["corp/slt.md"];
    expect(snippet).toContain("The **leadership** **team** meets weekly; the team publishes");
  });

  it("still marks a typed word wherever it appears", () => {
    const snippet = snippets([leave, toil], "leave")["hr/leave.md"];
    expect(snippet).toContain("annual **leave** a year. **Leave** for other");
  });

  it("keeps snippets plain text with ** marks only", () => {
    for (const snippet of Object.values(snippets([leave, toil, slt], "holiday TOIL SLT"))) expect(snippet).not.toMatch(/<[^>]+>/);
  });
});
