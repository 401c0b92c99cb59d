// Common UK public-sector short forms and their words: "HWB" finds the Health and Wellbeing Board entry.
/**
 * Built in, like WordNet: every partnership writes these both ways, and no model is needed to know that
 * an ICB is an integrated care board. Keys are as the core's search words spell them (lower case,
 * "A&E" → "ae"). Short forms that are also everyday words ("SEND", "IT", "AID") are left out: a
 * question asking how to send a paper must not read as one about special educational needs.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ae: "accident and emergency",
  aob: "any other business",
  agm: "annual general meeting",
  asb: "anti-social behaviour",
  asc: "adult social care",
  ccg: "clinical commissioning group",
  cpd: "continuing professional development",
  cqc: "care quality commission",
  csp: "community safety partnership",
  dbs: "disclosure and barring service",
  dfe: "department for education",
  dhsc: "department of health and social care",
  dluhc: "department for levelling up housing and communities",
  dpia: "data protection impact assessment",
  dpo: "data protection officer",
  dv: "domestic violence",
  dwp: "department for work and pensions",
  ehcp: "education health and care plan",
  foi: "freedom of information",
  gdpr: "general data protection regulation",
  gp: "general practitioner",
  hr: "human resources",
  hwb: "health and wellbeing board",
  icb: "integrated care board",
  icp: "integrated care partnership",
  ics: "integrated care system",
  jhws: "joint health and wellbeing strategy",
  jsna: "joint strategic needs assessment",
  kpi: "key performance indicator",
  la: "local authority",
  lep: "local enterprise partnership",
  lga: "local government association",
  mou: "memorandum of understanding",
  mp: "member of parliament",
  nhs: "national health service",
  ons: "office for national statistics",
  opcc: "office of the police and crime commissioner",
  pcc: "police and crime commissioner",
  pcn: "primary care network",
  pfcc: "police fire and crime commissioner",
  sab: "safeguarding adults board",
  sen: "special educational needs",
  sla: "service level agreement",
  sme: "small and medium enterprise",
  tor: "terms of reference",
  ukspf: "uk shared prosperity fund",
  vcs: "voluntary and community sector",
  vcse: "voluntary community and social enterprise",
  vfm: "value for money",
  vru: "violence reduction unit",
  yot: "youth offending team",
};

const LONG_FORMS = Object.entries(ABBREVIATIONS).map(([short, words]) => ({
  short,
  // Only the words search keeps: "health and wellbeing board" is there when health, wellbeing, board are.
  words: words.split(/[^a-z]+/).filter((w) => w.length > 2 && !["and", "for", "the"].includes(w)),
}));

/** The words of a short form, its plural too ("GPs", "MPs"); undefined for any other word. */
export function longFormOf(word: string): string | undefined {
  return ABBREVIATIONS[word] ?? (word.endsWith("s") ? ABBREVIATIONS[word.slice(0, -1)] : undefined);
}

export interface ShortFormReading {
  /** The short form's words when the word is one ("hwb" → "health and wellbeing board"), else "". */
  expands: string;
  /** Short forms whose words the query spells out in full and that include this word ("board" → "hwb"). */
  shortForms: string[];
}

/**
 * Both directions, read at query time so the stored entries need no rewriting: a short form asked for
 * finds its words, and words asked for find an entry that wrote the short form.
 */
export function shortFormReadings(words: string[]): ShortFormReading[] {
  const asked = new Set(words);
  // "general practitioners" spells out "general practitioner": a plural word stands for its singular.
  const same = (long: string, w: string) => w === long || w === `${long}s`;
  const spelt = LONG_FORMS.filter(
    (f) => !asked.has(f.short) && f.words.every((l) => words.some((w) => same(l, w))),
  );
  return words.map((w) => ({
    expands: longFormOf(w) ?? "",
    shortForms: spelt.filter((f) => f.words.some((l) => same(l, w))).map((f) => f.short),
  }));
}
