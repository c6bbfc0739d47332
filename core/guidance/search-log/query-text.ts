// eslint-disable-next-line no-control-regex -- stores refuse control characters; a pasted question may hold them.
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * A question's text as the query log keeps its words: control characters and runs of white space become one space,
 * ends trimmed. Redaction and the length cap come on top when a question is logged; purges match text with this too,
 * so what someone types to find a question lines up with how it was stored.
 */
export function normaliseQueryText(text: string): string {
  return text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

/**
 * The form two texts are compared in when looking for one inside the other: normalised as the log does, then in one
 * Unicode composition (a name typed with a combining accent still finds the stored precomposed one) and lower case.
 */
export function queryMatchKey(text: string): string {
  return normaliseQueryText(text).normalize("NFC").toLowerCase();
}
