// GET /view/<token>: a group's read-only page (group share), and its downloads under the same token; else a plain 404.
import type { Express, Response } from "express";
import { calendarFeed } from "../core/meetings/calendar.ts";
import { feedForGroup } from "../core/meetings/calendar-links.ts";
import { fileSlug } from "../core/papers/documents.ts";
import type { Clock, Repos, Store } from "../core/ports.ts";
import {
  buildGroupView,
  groupActionTable,
  groupPaper,
  type ViewContext,
} from "../core/sharing/group-view.ts";
import { isViewToken, type ViewLink, viewPath, viewTokenHash } from "../core/sharing/view-links.ts";
import { localDate } from "../core/time/zone.ts";
import type { Group } from "../core/types.ts";
import { feedToIcs, ICS_CONTENT_TYPE } from "../documents/calendar-ics.ts";
import { renderDocument } from "../documents/render-document.ts";
import { disposition } from "./file-routes.ts";
import { type PageLink, renderViewPage, VIEW_CSP } from "./view-page.ts";

/** Links other features add to a shared page (a calendar feed), looked up for the group its link belongs to. */
export type ViewExtras = (link: ViewLink, repos: Repos) => Promise<PageLink[]>;

export interface ViewRouteDeps {
  store: Store;
  clock: Clock;
  extras?: ViewExtras;
}

const GONE =
  "This page is not shared, or its link has been replaced or withdrawn. Ask the group's chair for the current link.\n";

// The page is private to whoever holds the link: never cached, indexed, framed or sent on as a referrer.
const PRIVATE = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": VIEW_CSP,
};

type Download = "papers.docx" | "papers.html" | "actions.csv" | "actions.xlsx";
const CALENDAR = "calendar.ics";
const DOWNLOADS: readonly string[] = ["papers.docx", "papers.html", "actions.csv", "actions.xlsx"];

/** The group a token opens, read in one transaction with `work`; null for a wrong, withdrawn or archived one. */
async function withGroup<T>(
  deps: ViewRouteDeps,
  token: string,
  work: (ctx: ViewContext, group: Group, link: ViewLink) => Promise<T>,
): Promise<T | null> {
  if (!isViewToken(token)) return null;
  return deps.store.transaction(async (repos) => {
    const link = await repos.viewLinks.byTokenHash(viewTokenHash(token));
    if (!link) return null;
    const [partnership, group] = await Promise.all([
      repos.partnerships.byId(link.partnershipId),
      repos.groups.byId(link.groupId),
    ]);
    if (!partnership || !group || group.partnershipId !== partnership.id || group.archivedAt) return null;
    return work({ repos, partnership, now: deps.clock.now() }, group, link);
  });
}

const notFound = (res: Response) => res.status(404).type("text/plain; charset=utf-8").send(GONE);

export function mountViewRoutes(app: Express, deps: ViewRouteDeps): void {
  app.get("/view/:token", async (req, res) => {
    res.set(PRIVATE);
    const token = req.params.token;
    const html = await withGroup(deps, token, async (ctx, group, link) => {
      const view = await buildGroupView(ctx, group);
      const extra = deps.extras ? await deps.extras(link, ctx.repos) : [];
      return renderViewPage(view, viewPath(token), extra);
    });
    if (html === null) return void notFound(res);
    res.status(200).type("text/html; charset=utf-8").send(html);
  });

  app.get("/view/:token/:file", async (req, res) => {
    res.set(PRIVATE);
    const file = req.params.file;
    if (file === CALENDAR) return void (await sendCalendar(deps, req.params.token, res));
    if (!DOWNLOADS.includes(file)) return void notFound(res);
    const made = await withGroup(deps, req.params.token, (ctx, group) =>
      download(ctx, group, file as Download),
    );
    if (!made) return void notFound(res);
    const { bytes, contentType } = await renderDocument(made.document);
    res
      .status(200)
      .set({ "Content-Type": contentType, "Content-Disposition": disposition(made.filename) })
      .send(Buffer.from(bytes));
  });
}

/** The group's meetings as .ics, so people outside chat can add the boards to their own calendar. */
async function sendCalendar(deps: ViewRouteDeps, token: string, res: Response): Promise<void> {
  const ics = await withGroup(deps, token, async (ctx, group) => {
    const source = await feedForGroup(ctx.repos, ctx.partnership.id, group.id);
    return source
      ? feedToIcs(calendarFeed(source.partnership, source.group, source.meetings, ctx.now), ctx.now)
      : null;
  });
  if (ics === null) return void notFound(res);
  res.status(200).set("Content-Type", ICS_CONTENT_TYPE).send(ics);
}

/** The paper for the group's next (or latest) meeting, or the group's whole action log. */
async function download(ctx: ViewContext, group: Group, file: Download) {
  const slug = fileSlug(group.slug);
  if (file === "papers.docx" || file === "papers.html") {
    const paper = await groupPaper(ctx, group);
    if (!paper) return null;
    const format = file === "papers.docx" ? "docx" : "html";
    return {
      filename: `matters-arising-${slug}-${paper.date}.${format}`,
      document: { kind: "paper" as const, format, paper } as const,
    };
  }
  const format = file === "actions.csv" ? "csv" : "xlsx";
  const table = await groupActionTable(ctx, group);
  return {
    filename: `actions-${slug}-${localDate(ctx.now, ctx.partnership.timeZone)}.${format}`,
    document: { kind: "table" as const, format, table } as const,
  };
}
