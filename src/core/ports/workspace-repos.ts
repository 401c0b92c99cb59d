// Ports for joining a partnership from chat: workspaces asking to be linked, and one-time "link me" codes.
import type { Platform } from "../types.ts";

/** A workspace or tenant that installed Quorum and waits for a partnership admin's decision. */
export interface WorkspaceRequest {
  id: number;
  platform: Platform;
  tenant: string;
  name: string | null;
  partnershipId: number | null;
  status: "pending" | "declined";
  requestedBy: string | null;
  createdAt: Date;
}

export interface WorkspaceRepo {
  request(platform: Platform, tenant: string): Promise<WorkspaceRequest | null>;
  /** Records (or renews, after a decline) a pending request. */
  ask(
    r: Pick<WorkspaceRequest, "platform" | "tenant" | "name" | "partnershipId" | "requestedBy">,
  ): Promise<WorkspaceRequest>;
  /**
   * Records a pending request only when the workspace has none (pending or declined): the new request, or
   * null when one exists. One statement, so two first contacts at once record (and announce) one.
   */
  askOnce(
    r: Pick<WorkspaceRequest, "platform" | "tenant" | "name" | "partnershipId" | "requestedBy">,
  ): Promise<WorkspaceRequest | null>;
  pending(partnershipId: number): Promise<WorkspaceRequest[]>;
  decline(id: number, at: Date): Promise<void>;
  /** Accepted: the request is done with (the installation row now says where the workspace belongs). */
  forget(id: number): Promise<void>;
  /** The organisation newcomers from this linked workspace join when their email domain matches none. */
  defaultOrganisation(platform: Platform, tenant: string): Promise<number | null>;
  setDefaultOrganisation(platform: Platform, tenant: string, organisationId: number | null): Promise<void>;
}

/** A one-time "link me" code (kept hashed) for a chat user Quorum could not match to a person. */
export interface IdentityLink {
  id: number;
  partnershipId: number;
  platform: Platform;
  tenant: string;
  externalId: string;
  /** Their name as the platform showed it, for whoever finishes the link. */
  name: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  personId: number | null;
  /** The offer "link confirm" last showed: who saw it, and whom its Confirm would link (null: none shown). */
  offerById: number | null;
  offerForId: number | null;
}

export interface IdentityLinkRepo {
  /** A new code for the identity; any code it asked for before and has not used stops working. */
  create(
    link: Pick<
      IdentityLink,
      "partnershipId" | "platform" | "tenant" | "externalId" | "name" | "expiresAt"
    > & {
      codeHash: string;
    },
  ): Promise<IdentityLink>;
  byCode(partnershipId: number, codeHash: string): Promise<IdentityLink | null>;
  /** Marks it used by the person, unless it was used already (then false: it works once, even in a race). */
  use(id: number, personId: number, at: Date): Promise<boolean>;
  /** Records the offer a preview showed (replacing any earlier one): only its key can confirm it. */
  offer(id: number, offer: { keyHash: string; byId: number; forId: number }): Promise<void>;
  byOffer(partnershipId: number, keyHash: string): Promise<IdentityLink | null>;
  /** Cancel: the offer is gone, the code itself still works for whoever asked for it. */
  withdrawOffer(id: number): Promise<void>;
}
