// Drizzle implementation of the workspace requests (installs waiting for a decision) and workspace defaults.
import { and, asc, eq, sql } from "drizzle-orm";
import type { WorkspaceRepo, WorkspaceRequest } from "../../core/ports.ts";
import type { Platform } from "../../core/types.ts";
import type { Db } from "../open-database.ts";
import { installations, workspaceRequests } from "../schema.ts";

const cols = {
  id: workspaceRequests.id,
  platform: workspaceRequests.platform,
  tenant: workspaceRequests.tenant,
  name: workspaceRequests.name,
  partnershipId: workspaceRequests.partnershipId,
  status: workspaceRequests.status,
  requestedBy: workspaceRequests.requestedBy,
  createdAt: workspaceRequests.createdAt,
};

const asRequest = (
  row: { platform: string; status: string } & Omit<WorkspaceRequest, "platform" | "status">,
) =>
  ({
    ...row,
    platform: row.platform as Platform,
    status: row.status === "declined" ? "declined" : "pending",
  }) as WorkspaceRequest;

export function workspaceRepo(db: Db): WorkspaceRepo {
  const where = (platform: Platform, tenant: string) =>
    and(eq(workspaceRequests.platform, platform), eq(workspaceRequests.tenant, tenant));
  return {
    async request(platform, tenant) {
      const [row] = await db.select(cols).from(workspaceRequests).where(where(platform, tenant));
      return row ? asRequest(row) : null;
    },
    async ask(r) {
      const [row] = await db
        .insert(workspaceRequests)
        .values({ ...r, status: "pending" })
        .onConflictDoUpdate({
          target: [workspaceRequests.platform, workspaceRequests.tenant],
          set: {
            name: r.name,
            partnershipId: r.partnershipId,
            requestedBy: r.requestedBy,
            status: "pending",
            decidedAt: null,
            createdAt: sql`now()`,
          },
        })
        .returning(cols);
      if (!row) throw new Error("insert returned nothing");
      return asRequest(row);
    },
    async askOnce(r) {
      const [row] = await db
        .insert(workspaceRequests)
        .values({ ...r, status: "pending" })
        .onConflictDoNothing({ target: [workspaceRequests.platform, workspaceRequests.tenant] })
        .returning(cols);
      return row ? asRequest(row) : null;
    },
    async pending(partnershipId) {
      const rows = await db
        .select(cols)
        .from(workspaceRequests)
        .where(
          and(eq(workspaceRequests.partnershipId, partnershipId), eq(workspaceRequests.status, "pending")),
        )
        .orderBy(asc(workspaceRequests.id));
      return rows.map(asRequest);
    },
    async decline(id, at) {
      await db
        .update(workspaceRequests)
        .set({ status: "declined", decidedAt: at })
        .where(eq(workspaceRequests.id, id));
    },
    async forget(id) {
      await db.delete(workspaceRequests).where(eq(workspaceRequests.id, id));
    },
    async defaultOrganisation(platform, tenant) {
      const [row] = await db
        .select({ org: installations.defaultOrganisationId })
        .from(installations)
        .where(and(eq(installations.platform, platform), eq(installations.tenant, tenant)));
      return row?.org ?? null;
    },
    async setDefaultOrganisation(platform, tenant, organisationId) {
      await db
        .update(installations)
        .set({ defaultOrganisationId: organisationId })
        .where(and(eq(installations.platform, platform), eq(installations.tenant, tenant)));
    },
  };
}
