import { REDACTED, redactIdentifiers } from "./redact-identifiers";

describe("redactIdentifiers", () => {
  it.each([
    ["email from jo.bloggs@example-council.gov.uk about my grievance", `email from ${REDACTED} about my grievance`],
    ["my NI number is QQ 12 34 56 C can payroll see it", `my NI number is ${REDACTED} can payroll see it`],
    ["ni number qq123456c", `ni number ${REDACTED}`],
    ["parking permit for SW1A 1AA", `parking permit for ${REDACTED}`],
    ["call me on 07700 900123 about leave", `call me on ${REDACTED} about leave`],
    ["ring +44 20 7946 0958 please", `ring ${REDACTED} please`],
    ["employee number 12345678 payslip", `employee number ${REDACTED} payslip`],
    ["case 0012-3456-78 update", `case ${REDACTED} update`],
  ])("removes the identifying detail from %j", (question, stored) => {
    expect(redactIdentifiers(question)).toBe(stored);
  });

  it.each([
    "annual leave 2026",
    "can I work 37 hours over 4 days",
    "what is the 10k spend limit",
    "wcag 2.2 new criteria",
    "form SF-182 for training",
    "TOIL after 9pm on call",
    "section 508 and the 3 clicks rule",
    "leave from 2026-12-21 to 2027-01-02",
    "carry over leave 2025 2026",
    "pay award 2025-2026",
  ])("leaves an ordinary question as it is: %j", (question) => {
    expect(redactIdentifiers(question)).toBe(question);
  });
});
