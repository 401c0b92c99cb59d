// Which platform reaches a person, best first: their choice if they made one, else the chat they used
// last, then their other chats, then email (when this installation sends email and they have an address).
import type { DeliveryTarget } from "../outbound.ts";
import type { Repos } from "../ports.ts";
import type { Identity, Partnership, Person, Platform } from "../types.ts";
import type { NotifyChoice, Reach } from "./ports.ts";

export type { Reach } from "./ports.ts";

/** Ref of an email target: whose address it is, so the sender can sign their one-click links. */
export const emailTarget = (
  partnership: Pick<Partnership, "id" | "slug">,
  person: Person,
): DeliveryTarget | null =>
  person.email
    ? {
        platform: "email",
        tenant: partnership.slug,
        kind: "person",
        id: person.email,
        ref: { personId: person.id, partnershipId: partnership.id },
        label: person.name,
      }
    : null;

/** The person's chat targets, most recently used first (email identities only record link clicks). */
export async function chatTargets(repos: Pick<Repos, "people">, person: Person): Promise<DeliveryTarget[]> {
  return chatTargetsFrom(await repos.people.identities(person.id), person);
}

function chatTargetsFrom(identities: readonly Identity[], person: Person): DeliveryTarget[] {
  return identities
    .filter((i) => i.platform !== "email")
    .map((i) => ({
      platform: i.platform,
      tenant: i.tenant,
      kind: "person" as const,
      id: i.externalId,
      ref: i.conversationRef,
      label: person.name,
    }));
}

/**
 * Orders the targets by the person's choice; pure, so whoami and delivery agree. The shell is last: it
 * reaches someone only at this machine's terminal, so any chat or email comes first.
 */
export function orderTargets(
  all: DeliveryTarget[],
  email: DeliveryTarget | null,
  choice: NotifyChoice,
): DeliveryTarget[] {
  const chats = all.filter((t) => t.platform !== "shell");
  const shell = all.filter((t) => t.platform === "shell");
  const first = (p: Platform) => [
    ...chats.filter((t) => t.platform === p),
    ...chats.filter((t) => t.platform !== p),
  ];
  const ordered =
    choice === "email"
      ? [email, ...chats]
      : choice === "auto"
        ? [...chats, email]
        : [...first(choice), email];
  return [...ordered, ...shell].filter((t): t is DeliveryTarget => t !== null);
}

/** Every way to reach the person from what was read of them, best first; none for removed people. */
function targetsFrom(
  partnership: Pick<Partnership, "id" | "slug">,
  person: Person,
  identities: readonly Identity[],
  reach: Reach,
  choice: NotifyChoice,
): DeliveryTarget[] {
  if (person.status === "inactive") return [];
  const email = reach.email ? emailTarget(partnership, person) : null;
  return orderTargets(chatTargetsFrom(identities, person), email, choice);
}

/** Every way to reach the person, best first; none for removed people. */
export async function reachTargets(
  repos: Pick<Repos, "people" | "reach">,
  partnership: Pick<Partnership, "id" | "slug">,
  person: Person,
  reach: Reach,
): Promise<DeliveryTarget[]> {
  if (person.status === "inactive") return [];
  const choice = await repos.reach.notifyChoice(person.id);
  return targetsFrom(partnership, person, await repos.people.identities(person.id), reach, choice);
}

/**
 * Where each of many people is reached first (reachTarget for each), in two reads however many they are:
 * a digest's or a reminder run's recipients. Removed people, and people nothing reaches, are left out.
 */
export async function reachTargetOfEach(
  repos: Pick<Repos, "people" | "reach">,
  partnership: Pick<Partnership, "id" | "slug">,
  persons: readonly Person[],
  reach: Reach,
): Promise<Map<number, DeliveryTarget>> {
  const active = persons.filter((p) => p.status !== "inactive");
  const out = new Map<number, DeliveryTarget>();
  if (active.length === 0) return out;
  const choices = await repos.reach.notifyChoices(partnership.id);
  const identities = await repos.people.identitiesOf(active.map((p) => p.id));
  for (const person of active) {
    const ids = identities.get(person.id) ?? [];
    const [first] = targetsFrom(partnership, person, ids, reach, choices.get(person.id) ?? "auto");
    if (first) out.set(person.id, first);
  }
  return out;
}

/** Where a reminder to the person goes now, or null when nothing reaches them. */
export async function reachTarget(...args: Parameters<typeof reachTargets>): Promise<DeliveryTarget | null> {
  return (await reachTargets(...args))[0] ?? null;
}

/** For whoami: "Slack (you used it last)", "email (your choice)". */
export function reachLine(target: DeliveryTarget | null, choice: NotifyChoice): string {
  if (!target) return "nowhere yet: use Quorum in chat once, or ask an admin to add your email address";
  const where = target.platform === "email" ? `email (${target.id})` : PLATFORM_NAMES[target.platform];
  const why =
    choice === "auto"
      ? target.platform === "email"
        ? "you have no chat linked"
        : "where you used Quorum last"
      : choice === target.platform
        ? "your choice"
        : `you chose ${choice}, which has no way to reach you yet`;
  return `${where}, ${why}`;
}

/** How a platform is named to people (also in "link confirm", naming the account to be linked). */
export const PLATFORM_NAMES: Record<Platform, string> = {
  slack: "Slack",
  teams: "Teams",
  shell: "the Quorum shell",
  email: "email",
};
