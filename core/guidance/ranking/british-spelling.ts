/**
 * British ↔ American spelling, folded to one form at index and query time, so "organisation" finds "organization"
 * and "colour" finds "color" whichever way the page and the question spell them. This is spelling, not meaning:
 * it runs before stemming on every word, and a wrong fold only merges two spellings nobody would confuse.
 * Meaning-level equivalents (holiday ↔ vacation) are vocabulary, which staff can edit; see ../vocabulary.
 */

/** Stems whose -our form is British (colour, colours, coloured, colourful …). */
const OUR_STEMS = [
  "ardour", "armour", "behaviour", "candour", "clamour", "colour", "demeanour", "endeavour", "favour", "flavour", "harbour", "honour",
  "humour", "labour", "neighbour", "odour", "parlour", "rigour", "rumour", "saviour", "savour", "splendour", "tumour", "valour",
  "vapour", "vigour",
];

/** British -re words (centre, metre …) with their American -er spelling; inflections are derived below. */
const RE_WORDS = ["centre", "metre", "litre", "theatre", "fibre", "calibre", "spectre", "sombre", "meagre", "lustre", "sabre", "kilometre", "centimetre", "millimetre", "goitre", "mitre"];

/** Whole-word pairs that no rule covers. Inflections are listed where they do not follow from the base. */
const WORD_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["programme", "program"], ["programmes", "programs"], ["licence", "license"], ["licences", "licenses"], ["defence", "defense"],
  ["offence", "offense"], ["offences", "offenses"], ["pretence", "pretense"], ["catalogue", "catalog"], ["catalogues", "catalogs"],
  ["catalogued", "cataloged"], ["dialogue", "dialog"], ["dialogues", "dialogs"], ["analogue", "analog"], ["prologue", "prolog"],
  ["grey", "gray"], ["aluminium", "aluminum"], ["sceptic", "skeptic"], ["sceptical", "skeptical"], ["scepticism", "skepticism"],
  ["mould", "mold"], ["plough", "plow"], ["draught", "draft"], ["kerb", "curb"], ["pyjamas", "pajamas"], ["judgement", "judgment"],
  ["judgements", "judgments"], ["acknowledgement", "acknowledgment"], ["acknowledgements", "acknowledgments"], ["ageing", "aging"],
  ["whilst", "while"], ["amongst", "among"], ["learnt", "learned"], ["spelt", "spelled"], ["burnt", "burned"], ["dreamt", "dreamed"],
  ["enquiry", "inquiry"], ["enquiries", "inquiries"], ["enquire", "inquire"], ["enquired", "inquired"], ["enquiring", "inquiring"],
  ["practise", "practice"], ["practised", "practiced"], ["practises", "practices"], ["practising", "practicing"], ["artefact", "artifact"],
  ["artefacts", "artifacts"], ["cosy", "cozy"], ["jewellery", "jewelry"], ["speciality", "specialty"], ["specialities", "specialties"],
  ["aeroplane", "airplane"], ["aeroplanes", "airplanes"], ["sulphur", "sulfur"], ["annexe", "annex"], ["towards", "toward"],
  ["afterwards", "afterward"], ["maths", "math"], ["manoeuvre", "maneuver"], ["manoeuvres", "maneuvers"], ["enrolment", "enrollment"],
  ["enrolments", "enrollments"], ["enrol", "enroll"], ["enrols", "enrolls"], ["fulfil", "fulfill"], ["fulfils", "fulfills"],
  ["fulfilment", "fulfillment"], ["instalment", "installment"], ["instalments", "installments"], ["skilful", "skillful"], ["wilful", "willful"],
  ["distil", "distill"], ["instil", "instill"], ["tonne", "ton"], ["tonnes", "tons"], ["disc", "disk"], ["discs", "disks"], ["gaol", "jail"], ["moustache", "mustache"], ["doughnut", "donut"],
];

/** British -ll- before a suffix where American spelling has one l (travelled, cancelling, counsellor …). */
const DOUBLE_L_STEMS = ["travel", "cancel", "model", "label", "fuel", "signal", "counsel", "level", "channel", "tunnel", "dial", "marvel", "total", "equal", "jewel", "shovel", "quarrel", "pedal", "panel", "rival", "libel", "funnel", "grovel", "snorkel", "initial", "duel"];
const DOUBLE_L_SUFFIXES = ["ed", "ing", "er", "ers", "or", "ors", "ous"];

/** Greek/Latin ae and oe (paediatric, anaemia, oestrogen) that American spelling writes as e. */
const AE_OE_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["orthopaed", "orthoped"], ["encyclopaed", "encycloped"], ["paed", "ped"], ["anaem", "anem"], ["anaes", "anes"], ["haem", "hem"],
  ["leukaem", "leukem"], ["gynaec", "gynec"], ["oesoph", "esoph"], ["oestr", "estr"], ["foet", "fet"], ["diarrhoe", "diarrhe"],
];

const FOLDS: ReadonlyMap<string, string> = buildFolds();

function buildFolds(): Map<string, string> {
  const folds = new Map<string, string>(WORD_PAIRS);
  for (const uk of RE_WORDS) {
    const us = uk.slice(0, -2) + "er";
    folds.set(uk, us).set(uk + "s", us + "s").set(uk.slice(0, -1) + "d", us + "ed").set(uk.slice(0, -1) + "ing", us + "ing");
  }
  for (const stem of DOUBLE_L_STEMS) for (const suffix of DOUBLE_L_SUFFIXES) folds.set(stem + "l" + suffix, stem + suffix);
  return folds;
}

/**
 * The American form of a lower-case word when it has a British spelling, else the word itself.
 * @example americanSpelling("organisations") // "organizations"
 */
export function americanSpelling(word: string): string {
  const fold = FOLDS.get(word);
  if (fold !== undefined) return fold;
  if (word.length < 4) return word;
  if (word.includes("our")) {
    for (const stem of OUR_STEMS) if (word.startsWith(stem)) return stem.slice(0, -2) + "r" + word.slice(stem.length);
  }
  if (word.includes("ae") || word.includes("oe")) {
    for (const [uk, us] of AE_OE_PREFIXES) if (word.startsWith(uk)) return us + word.slice(uk.length);
  }
  return foldIseYse(word);
}

const ISE_ENDINGS = ["isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise"];

/**
 * -ise → -ize and -yse → -yze. Applied to every such word, including ones American English also spells -ise
 * ("advise", "exercise"): both sides of the match are folded alike, so only a collision with another real word
 * could hurt, and there are almost none.
 */
function foldIseYse(word: string): string {
  for (const ending of ISE_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      const stem = word.slice(0, -ending.length);
      return stem + "iz" + ending.slice(2);
    }
  }
  for (const ending of ["yses", "ysed", "ysing", "yse"]) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length) + "yz" + ending.slice(2);
  }
  return word;
}
