// GET /files/<token>: a paper or export made in chat, while its link lasts; anything else is a plain 404.
import type { Express } from "express";
import type { Clock } from "../core/ports.ts";
import type { Db } from "../store/open-database.ts";
import { openSharedFile } from "../store/repos/shared-files.ts";

const GONE = "This link has expired or does not exist. Ask Quorum for the file again to get a new link.\n";

/** RFC 6266 filename: an ASCII fallback and the exact name in UTF-8. */
export const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function mountFileRoutes(app: Express, deps: { db: Db; clock: Clock }): void {
  app.get("/files/:token", async (req, res) => {
    const file = await openSharedFile(deps.db, req.params.token, deps.clock.now());
    res.set({
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
    if (!file) {
      res.status(404).type("text/plain; charset=utf-8").send(GONE);
      return;
    }
    res
      .status(200)
      .set({ "Content-Type": file.contentType, "Content-Disposition": disposition(file.filename) })
      .send(Buffer.from(file.bytes));
  });
}
