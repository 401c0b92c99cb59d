// What every adapter hands the core: who said what, where, on which platform.
import type { Conversation } from "./context.ts";
import type { Platform } from "./types.ts";

export interface InboundEvent {
  platform: Platform;
  /** Slack team id, Teams tenant id, or "local" for the shell. */
  tenant: string;
  /**
   * The user's own workspace when it is not `tenant`: a Slack Connect channel shared with another
   * workspace, where `tenant` is the installation the event came through. Their identity lives here.
   */
  userTenant?: string;
  /** The platform's user id (or the shell handle). */
  userId: string;
  text: string;
  conversation: Conversation;
  /**
   * In a shared conversation, the message named Quorum (a Slack app_mention, a Teams <at> mention, a line
   * typed in a shell channel): it was said to Quorum like a direct message, so a plain sentence is read as
   * one. Unset for slash commands and button clicks, which are commands or nothing.
   */
  mention?: boolean;
  /** Profile facts the adapter could fetch, used to match a new identity to a person by email. */
  profile?: { name?: string; email?: string };
  /** What the adapter needs to message this user directly later (stored on their identity). */
  userRef?: Record<string, unknown>;
}
