// How an occurrence's agenda, papers link, apologies and decisions read on meeting show, agenda list and
// the reminders. Plain strings: each renderer escapes links and titles for its platform.
import { type Block, type Field, type Item, items } from "../card.ts";
import type { Person } from "../types.ts";
import type { AgendaItem, Apology, Decision } from "./ports.ts";

export type People = Map<number, Person>;

const nameOf = (people: People, id: number | null) => {
  const p = id === null ? undefined : people.get(id);
  return p ? p.name : null;
};

export function agendaItems(agenda: AgendaItem[], people: People, showProposer = true): Item[] {
  return agenda.map((a, i) => {
    const presenter = nameOf(people, a.presenterId);
    const proposer = nameOf(people, a.proposedBy);
    const detail = [
      presenter ? `by ${presenter}` : "",
      a.paperUrl ? `paper: ${a.paperUrl}` : "",
      showProposer && proposer && a.proposedBy !== a.presenterId ? `proposed by ${proposer}` : "",
    ].filter(Boolean);
    return {
      title: `${i + 1}. ${a.title}`,
      ...(detail.length ? { detail: detail.join(" · ") } : {}),
      ...(a.late ? { flag: "added after the papers deadline" } : {}),
    };
  });
}

export const agendaBlock = (agenda: AgendaItem[], people: People, showProposer = true): Block =>
  items(agendaItems(agenda, people, showProposer), `Agenda (${agenda.length})`, "No agenda items yet.");

export function apologyItems(list: Apology[], people: People): Item[] {
  return list.map((a) => ({
    title: nameOf(people, a.personId) ?? "someone since removed",
    ...(a.note ? { detail: a.note } : {}),
  }));
}

/** The count everyone may see, and whether the reader is among them. */
export function apologiesField(list: Apology[], actorId: number): Field {
  const mine = list.some((a) => a.personId === actorId);
  const count = list.length ? `${list.length} sent` : "none";
  return { label: "Apologies", value: mine ? `${count}, yours included` : count };
}

/** Numbered as decision remove takes them. */
export const decisionItems = (list: Decision[]): Item[] =>
  list.map((d, i) => ({ title: `${i + 1}. ${d.text}` }));

/** Everyone the business names, for one look-up. */
export function peopleIn(agenda: AgendaItem[], apologies: Apology[]): number[] {
  return [
    ...new Set([
      ...agenda.flatMap((a) => [a.proposedBy, ...(a.presenterId === null ? [] : [a.presenterId])]),
      ...apologies.map((a) => a.personId),
    ]),
  ];
}
