// GET /calendar/<token>.ics: a group's meetings as a subscribable iCalendar feed; anything else is a 404.
import type { Express } from "express";
import { calendarFeed } from "../core/meetings/calendar.ts";
import { feedForGroup, feedForToken } from "../core/meetings/calendar-links.ts";
import type { Clock, Store } from "../core/ports.ts";
import { feedToIcs, ICS_CONTENT_TYPE } from "../documents/calendar-ics.ts";

const GONE =
  "This calendar link is not valid (it may have been turned off). Ask Quorum for a new one: meeting subscribe group:<slug>\n";

/** A group's .ics as of now, or null when the group is gone or archived (the web view serves it too). */
export async function icsForGroup(
  store: Store,
  ids: { partnershipId: number; groupId: number },
  now: Date,
): Promise<string | null> {
  const source = await store.transaction((repos) => feedForGroup(repos, ids.partnershipId, ids.groupId));
  return source ? feedToIcs(calendarFeed(source.partnership, source.group, source.meetings, now), now) : null;
}

export function mountCalendarRoutes(app: Express, deps: { store: Store; clock: Clock }): void {
  app.get("/calendar/:file", async (req, res) => {
    res.set({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" });
    const token = /^(.+)\.ics$/.exec(req.params.file)?.[1];
    const source = token ? await deps.store.transaction((repos) => feedForToken(repos, token)) : null;
    if (!source) {
      res.status(404).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send(GONE);
      return;
    }
    const now = deps.clock.now();
    const ics = feedToIcs(calendarFeed(source.partnership, source.group, source.meetings, now), now);
    res
      .status(200)
      // Private: the link is one person's; calendars poll it, so a short cache spares repeated work.
      .set({ "Content-Type": ICS_CONTENT_TYPE, "Cache-Control": "private, max-age=300" })
      .send(ics);
  });
}
