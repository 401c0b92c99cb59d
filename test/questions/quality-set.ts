// Quality set for FAQ search: paraphrases with the FAQ question each should hit, and off-topic questions.
// Targets are the demo FAQ (db/demo-partnership.json) plus fixtures/council-faq.md, by their question.

export interface Paraphrase {
  ask: string;
  /** The FAQ question (as stored) that should come first. */
  expect: string;
}

const WHOLE_PLACE = "What is a whole place community budget?";
const OTHER_PILOTS = "Which other areas are piloting community budgets?";
const OFFICIALS = "How many Whitehall officials are working with the Essex pilot?";
const DOMAINS = "Which policy areas will the community budget focus on?";
const GOVERNED = "How is the community budget pilot governed?";
const ASSEMBLY = "When does the Essex Assembly meet?";
const CHAIR = "Who chairs Essex Partners?";
const SCG = "What does the Strategic Coordination Group do?";
const ACHIEVE = "What will the community budget achieve?";
const TAKING_PART = "Who is taking part in the Whole Essex Community Budget?";
const PLAN = "When must the operational plan be ready?";
const SELECTED = "How was Essex selected as a pilot?";
const BARRIERS = "What barriers is the programme trying to remove?";
const RENAMED = "What happened to the Whole Essex Community Budget programme?";
const EVIDENCE = "Where can I find the evidence behind the programme?";
const SAFER = "What is the Safer Essex group?";
const PAID = "Will the pilot change how providers are paid?";

export const PARAPHRASES: Paraphrase[] = [
  // short forms
  { ask: "other pilot areas", expect: OTHER_PILOTS },
  { ask: "whole place community budget", expect: WHOLE_PLACE },
  { ask: "assembly dates", expect: ASSEMBLY },
  { ask: "operational plan deadline", expect: PLAN },
  { ask: "safer essex", expect: SAFER },
  { ask: "evidence base", expect: EVIDENCE },
  // full questions in other words
  { ask: "Where are the other pilots?", expect: OTHER_PILOTS },
  { ask: "which councils are also piloting community budgets", expect: OTHER_PILOTS },
  { ask: "what exactly is a whole-place community budget?", expect: WHOLE_PLACE },
  { ask: "how many civil servants from Whitehall are coming to Essex?", expect: OFFICIALS },
  { ask: "how many officials are working on the pilot", expect: OFFICIALS },
  { ask: "what policy areas does the community budget cover?", expect: DOMAINS },
  { ask: "what are the policy domains of the pilot", expect: DOMAINS },
  { ask: "how will the pilot be governed", expect: GOVERNED },
  { ask: "what are the governance arrangements for the community budget pilot?", expect: GOVERNED },
  { ask: "when is the next Essex Assembly meeting?", expect: ASSEMBLY },
  { ask: "how often does the assembly meet", expect: ASSEMBLY },
  { ask: "who is the chair of Essex Partners?", expect: CHAIR },
  { ask: "who chairs the partners board", expect: CHAIR },
  { ask: "what is the strategic coordination group for?", expect: SCG },
  { ask: "what does the ESCG coordination group do", expect: SCG },
  { ask: "what will the community budget deliver for residents?", expect: ACHIEVE },
  { ask: "what is the community budget meant to achieve", expect: ACHIEVE },
  { ask: "which organisations are taking part in the community budget?", expect: TAKING_PART },
  { ask: "who is involved in the whole essex community budget", expect: TAKING_PART },
  { ask: "by when does the operational plan have to be ready?", expect: PLAN },
  { ask: "why was Essex selected to be a pilot?", expect: SELECTED },
  { ask: "how did essex get chosen as a pilot area", expect: SELECTED },
  { ask: "what barriers stop services working together?", expect: BARRIERS },
  { ask: "which barriers does the programme want to remove", expect: BARRIERS },
  { ask: "what happened to the whole essex programme?", expect: RENAMED },
  { ask: "is the community budget programme now the public service reform unit?", expect: RENAMED },
  { ask: "where do I find the evidence for the programme?", expect: EVIDENCE },
  { ask: "what is safer essex?", expect: SAFER },
  { ask: "will providers be paid differently under the pilot?", expect: PAID },
  { ask: "how are providers paid", expect: PAID },
  // misspellings
  { ask: "wich other areas are pilotting comunity budgets", expect: OTHER_PILOTS },
  { ask: "whole place comunity budjet", expect: WHOLE_PLACE },
  { ask: "when does the essex asembly meat", expect: ASSEMBLY },
  { ask: "who chiars essex partners", expect: CHAIR },
  { ask: "stratgic coordinaton group", expect: SCG },
  { ask: "operatonal plan", expect: PLAN },
  // long form
  {
    ask: "I am new to the partnership and keep hearing about the pilot: which other parts of the country were picked to pilot community budgets alongside Essex?",
    expect: OTHER_PILOTS,
  },
  {
    ask: "Our board is writing a paper and needs to know how many Whitehall officials, from how many departments, are being seconded to work with the Essex pilot team",
    expect: OFFICIALS,
  },
];

/** Questions the FAQ does not answer: none may be answered confidently. Several share words with it. */
export const OFF_TOPIC: string[] = [
  "what time does the library open on sunday?",
  "how do I reset my password",
  "can I park at county hall tomorrow?",
  "where is the nearest A&E",
  "what's the weather forecast for Chelmsford",
  "how do I claim travel expenses?",
  "who won the football last night",
  "has my bin collection day changed?",
  "how do I book a meeting room at county hall",
  "is council tax going up next year?",
  "please send me the minutes of last week's board meeting",
  "recipe for lasagne",
  "my laptop won't turn on",
  "how many days of annual leave do I get",
  "what is the wifi password in the chamber",
  "when is the next police recruitment open day?",
  "does the fire service fit free smoke alarms?",
  "who is the new chief executive of the NHS trust?",
  "can the university host our next away day?",
  "how do I apply for a community grant for our village hall?",
];
