import { DEFAULT_NEXT_STEP_CONTACTS } from "./next-step-contacts";
import { MAX_NEXT_STEPS, nextStepsFor } from "./next-steps";

const labels = (question: string): string[] => nextStepsFor(question).map((s) => s.label);

describe("next steps when search has no answer", () => {
  it.each([
    ["am i paid for bank holidays if i work part time", DEFAULT_NEXT_STEP_CONTACTS.hr.label],
    ["my laptop charger broke where do i get a new one", DEFAULT_NEXT_STEP_CONTACTS.it.label],
    ["forgot my password", DEFAULT_NEXT_STEP_CONTACTS.it.label],
    ["who do I ask in IT", DEFAULT_NEXT_STEP_CONTACTS.it.label],
    ["I need a special chair because of a disability", DEFAULT_NEXT_STEP_CONTACTS.adjustments.label],
    ["assistive software for dyslexia", DEFAULT_NEXT_STEP_CONTACTS.adjustments.label],
    ["where is the car park", DEFAULT_NEXT_STEP_CONTACTS.facilities.label],
    ["whats the canteen menu", DEFAULT_NEXT_STEP_CONTACTS.facilities.label],
    ["fire assembly point for the town hall", DEFAULT_NEXT_STEP_CONTACTS.facilities.label],
    ["how do I answer an FOI", DEFAULT_NEXT_STEP_CONTACTS.informationGovernance.label],
  ])("sends %p to %p first", (question, first) => {
    expect(labels(question)[0]).toBe(first);
  });

  it("quotes a question with emoji or a lone surrogate in the mail subject without failing", () => {
    const emojiAtCut = "a".repeat(149) + "😀 blorf";
    const subject = (q: string) => decodeURIComponent(nextStepsFor(q).at(-1)!.url!.split("?subject=")[1]!);
    expect(subject(emojiAtCut)).toBe(`Missing guidance: ${"a".repeat(149)}😀`);
    expect(subject("broken \uD83D question")).toBe("Missing guidance: broken \uFFFD question");
  });

  it("always ends with the comms team, with the question in the mail subject", () => {
    const steps = nextStepsFor("xylophone tuning allowance");
    const last = steps.at(-1)!;
    expect(last.label).toBe(DEFAULT_NEXT_STEP_CONTACTS.comms.label);
    expect(last.url).toBe(`mailto:internal.comms@example-council.gov.uk?subject=${encodeURIComponent("Missing guidance: xylophone tuning allowance")}`);
  });

  it("offers the line manager when no topic matches, so there are always at least two steps", () => {
    expect(labels("xylophone tuning allowance")).toEqual([DEFAULT_NEXT_STEP_CONTACTS.manager.label, DEFAULT_NEXT_STEP_CONTACTS.comms.label]);
  });

  it("does not read the everyday word 'it' as IT", () => {
    expect(labels("can I claim it back")).not.toContain(DEFAULT_NEXT_STEP_CONTACTS.it.label);
  });

  it("offers at most four steps, the topic with most matching words first", () => {
    const steps = labels("laptop password for HR pay and leave, parking pass, disability adjustment, GDPR breach");
    expect(steps).toHaveLength(MAX_NEXT_STEPS);
    expect(steps[0]).toBe(DEFAULT_NEXT_STEP_CONTACTS.hr.label);
    expect(steps.at(-1)).toBe(DEFAULT_NEXT_STEP_CONTACTS.comms.label);
  });

  it("links the adjustment request to the Adjustments tab", () => {
    expect(nextStepsFor("reasonable adjustment")[0]).toMatchObject({ url: "/tabs/adjustments" });
  });
});
