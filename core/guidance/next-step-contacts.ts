import type { NextStep } from "./page";

/** The places search can send someone when it has no good answer. Ids are stable; wording and links are data. */
export type NextStepContactId = "hr" | "it" | "adjustments" | "facilities" | "informationGovernance" | "manager" | "comms";

/**
 * Where each next step points, with defaults for the sample council. A council changes these values (addresses,
 * tab links), not the rules that choose them. Tab links are deep links inside Council Hub.
 */
export const DEFAULT_NEXT_STEP_CONTACTS: Readonly<Record<NextStepContactId, NextStep>> = {
  hr: {
    label: "Ask the HR advice team",
    detail: "For pay, leave, pensions, contracts and HR policies that the guidance does not answer.",
    url: "mailto:hr.advice@example-council.gov.uk",
  },
  it: {
    label: "Contact the IT service desk",
    detail: "For laptops, phones, accounts, passwords, software and access problems.",
    url: "mailto:it.servicedesk@example-council.gov.uk",
  },
  adjustments: {
    label: "Request a workplace adjustment",
    detail: "If a health condition or disability makes part of your job harder, ask for an adjustment or assistive technology.",
    url: "/tabs/adjustments",
  },
  facilities: {
    label: "Contact the facilities helpdesk",
    detail: "For buildings, desks, parking, post, security passes and repairs.",
    url: "mailto:facilities@example-council.gov.uk",
  },
  informationGovernance: {
    label: "Ask the information governance team",
    detail: "For data protection, FOI requests, records and suspected data breaches.",
    url: "mailto:information.governance@example-council.gov.uk",
  },
  manager: {
    label: "Ask your line manager",
    detail: "They can often answer, or know who can.",
  },
  comms: {
    label: "Ask the communications team to add a page",
    detail: "Tell them what you were looking for, so the guidance can cover it.",
    url: "mailto:internal.comms@example-council.gov.uk",
  },
};
