/**
 * Questions are logged without who asked, but people type identifying details into a search box: "email from
 * jo.bloggs@… about my grievance", a phone number, a National Insurance number, an employee or case number. The
 * content-gap report needs the question's words, never those details, so they are replaced before anything is
 * stored. Names cannot be found reliably this way and are not attempted; the retention rule bounds what remains.
 */

/** What a removed detail is replaced with in the stored question. */
export const REDACTED = "[removed]";

const PATTERNS: readonly RegExp[] = [
  // E-mail addresses.
  /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu,
  // National Insurance numbers: two letters, six digits (optionally spaced in pairs), a letter A–D. Any two letters,
  // not only issued prefixes: people type the QQ example too, and the shape alone is worth removing.
  /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi,
  // UK postcodes ("SW1A 1AA", "M1 1AE"): with a home address they identify a household.
  /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/gi,
  // Phone numbers and other long numbers (employee, payroll, case, card numbers): six or more digits, allowing
  // spaces, dots and dashes between them; years and short counts ("2026", "37 hours") stay.
  /(?:\+\d{1,3}[\s.-]?)?(?:\(?\d[\s.-]?\)?){6,}/g,
];

/** Long numbers that identify nobody: a date ("2026-11-26") or years ("2025 2026", "2025-2026"). */
const HARMLESS_NUMBER = /^(?:\d{4}-\d{2}-\d{2}|(?:19|20)\d{2}(?:[\s.-]+(?:19|20)\d{2})*)$/;

/** The question with e-mail addresses, NI numbers, postcodes, phone numbers and other long numbers replaced. */
export function redactIdentifiers(question: string): string {
  let text = question;
  for (const pattern of PATTERNS) {
    text = text.replace(pattern, (match) => {
      const core = match.trim();
      return HARMLESS_NUMBER.test(core) ? match : match.replace(core, REDACTED);
    });
  }
  return text;
}
