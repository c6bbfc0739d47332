import { containsRun } from "./curation/term-runs";
import { analyse } from "./ranking/analyzer";
import type { NextStep } from "./page";
import { DEFAULT_NEXT_STEP_CONTACTS, type NextStepContactId } from "./next-step-contacts";

/** A topic rule: a question using any of these words is sent to this contact. */
interface TopicRule {
  readonly contact: Exclude<NextStepContactId, "comms" | "manager">;
  readonly words: readonly string[];
  /** Acronyms matched only in capitals, because in lower case they are everyday words ("IT" and "it"). */
  readonly acronyms?: readonly string[];
}

/**
 * Topic rules, deliberately plain so anyone can see why a step was offered: a word of the question (after the
 * search analyser's normalisation, so "holidays" ≈ "holiday" and "organisation" ≈ "organization") is in the list.
 */
const TOPIC_RULES: readonly TopicRule[] = [
  {
    contact: "adjustments",
    words: ["disability", "disabled", "adjustment", "adjustments", "assistive", "health", "dyslexia", "dyslexic", "autism", "autistic", "adhd", "neurodivergent", "wheelchair", "hearing", "deaf", "sight", "visually", "impairment", "condition", "chronic", "ergonomic", "screen reader", "access to work", "occupational"],
  },
  {
    contact: "hr",
    acronyms: ["HR"],
    words: ["pay", "paid", "salary", "payslip", "wage", "leave", "holiday", "sick", "sickness", "absence", "pension", "contract", "maternity", "paternity", "grievance", "disciplinary", "overtime", "toil", "flexi", "expenses", "mileage", "recruitment", "probation", "appraisal", "redundancy", "retirement", "bereavement"],
  },
  {
    contact: "it",
    acronyms: ["IT", "ICT"],
    words: ["laptop", "computer", "pc", "password", "login", "log in", "account", "email", "outlook", "teams", "printer", "phone", "mobile", "software", "wifi", "vpn", "monitor", "keyboard", "mfa", "authenticator", "charger", "install"],
  },
  {
    contact: "facilities",
    words: ["building", "office", "desk", "parking", "car park", "post", "pass", "lift", "heating", "toilet", "kitchen", "canteen", "catering", "cleaning", "fire", "evacuation", "repair", "locker", "room booking", "meeting room"],
  },
  {
    contact: "informationGovernance",
    words: ["gdpr", "data protection", "foi", "freedom of information", "breach", "subject access", "sar", "dpia", "privacy", "records retention"],
  },
];

/** Most steps offered: a short choice, not a directory. Topic steps come first; asking the comms team is always last. */
export const MAX_NEXT_STEPS = 4;
/** Longest question quoted in the comms team's mail subject. */
const SUBJECT_QUESTION_CHARS = 150;

/** Each rule's words as term sequences, so multi-word entries ("car park") must appear side by side. */
const COMPILED_RULES = TOPIC_RULES.map((rule) => ({
  contact: rule.contact,
  // Deduplicated after normalisation ("disability" and "disabled" are one term), so a rule scores per distinct word.
  phrases: [...new Set(rule.words.map((w) => analyse(w).map((x) => x.term).join(" ")))].map((p) => p.split(" ")),
  acronyms: (rule.acronyms ?? []).map((a) => new RegExp(`\\b${a}\\b`)),
}));

/**
 * Where to go next when search has no good answer: 2–4 steps. Topic rules that match the question, most words
 * matched first (at most three), or the line manager when none match; then always the comms team, with the question
 * in the mail subject so they know which page is missing.
 */
export function nextStepsFor(question: string, contacts: Readonly<Record<NextStepContactId, NextStep>> = DEFAULT_NEXT_STEP_CONTACTS): NextStep[] {
  const terms = analyse(question).map((w) => w.term);
  const scored = COMPILED_RULES.map((rule, order) => ({
    rule,
    order,
    hits: rule.phrases.filter((phrase) => containsRun(terms, phrase)).length + rule.acronyms.filter((a) => a.test(question)).length,
  }))
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.order - b.order);
  const steps: NextStep[] = scored.slice(0, MAX_NEXT_STEPS - 1).map((s) => contacts[s.rule.contact]);
  if (steps.length === 0) steps.push(contacts.manager);
  steps.push(withSubject(contacts.comms, question));
  return steps;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Adds the question as the mail subject of a mailto: link, so the comms team sees what was missing. */
function withSubject(step: NextStep, question: string): NextStep {
  if (!step.url?.startsWith("mailto:") || step.url.includes("?")) return step;
  // Cut by characters, not UTF-16 units, and mend any lone surrogate: encodeURIComponent throws on half an emoji.
  const quoted = Array.from(question.trim()).slice(0, SUBJECT_QUESTION_CHARS).join("").replace(LONE_SURROGATE, "\uFFFD");
  const subject = `Missing guidance: ${quoted}`;
  return { ...step, url: `${step.url}?subject=${encodeURIComponent(subject)}` };
}
