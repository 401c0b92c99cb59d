// Where people are reached: their own choice of platform, the groups whose digest is emailed, and how
// recently each chat identity was used (the store implements this port).
import type { Platform } from "../types.ts";

/** auto: wherever they last used Quorum, then email. The others put that platform first. */
export type NotifyChoice = "auto" | "email" | "slack" | "teams";
export const NOTIFY_CHOICES: readonly NotifyChoice[] = ["auto", "email", "slack", "teams"];

/** What this installation can deliver: email only when SMTP is configured (see the email adapter). */
export interface Reach {
  email: boolean;
}

export interface ReachRepo {
  /** "auto" when the person never chose. */
  notifyChoice(personId: number): Promise<NotifyChoice>;
  /** Everyone in the partnership who chose something other than auto. */
  notifyChoices(partnershipId: number): Promise<Map<number, NotifyChoice>>;
  setNotifyChoice(personId: number, choice: NotifyChoice, now: Date): Promise<void>;
  /** Ids of the partnership's groups with `digest email on`. */
  emailDigestGroups(partnershipId: number): Promise<Set<number>>;
  /** False when it already was so. */
  setEmailDigest(groupId: number, on: boolean, byPersonId: number): Promise<boolean>;
  /** Records that the person used this identity now (written at most hourly, so commands stay cheap). */
  touchIdentity(platform: Platform, tenant: string, externalId: string, now: Date): Promise<void>;
  /** The platform says this identity is gone (left the workspace): message it no more. */
  removeIdentity(platform: Platform, tenant: string, externalId: string): Promise<void>;
}
