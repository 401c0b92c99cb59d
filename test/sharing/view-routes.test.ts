// GET /view/<token> over HTTP: the page's content and headers, escaping of untrusted titles, its downloads, and 404s.
import { describe, expect, it } from "vitest";
import { useFresh } from "../helpers/fresh.ts";
import { openViewServer } from "./view-server.ts";

const s = useFresh(openViewServer);

const HOSTILE = `<script>alert("x")</script> & <img src=x onerror=alert(1)> 'quoted'`;

describe("a group's shared page", () => {
  it("shows the next meeting, open actions by organisation with the overdue one marked, and what was done since", async () => {
    await s.say("jo", 'action add "Book the venue for the spring conference" owner:@helen group:hwb');
    await s.say("helen", "action done A-13 booked");
    const res = await fetch(await s.share("helen", "hwb"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain("<h1>Health and Wellbeing Board</h1>");
    // Demo clock: Mon 23 Nov 2026; the board meets on the second Wednesday of every other month.
    expect(html).toMatch(
      /<dt>When<\/dt><dd><time datetime="2026-12-09">Wednesday 9 December 2026<\/time> at 14:00/,
    );
    expect(html).toMatch(/<dt>Papers due<\/dt><dd><time datetime="\d{4}-\d\d-\d\d">/);
    const overdueRow =
      /<tr role="row" class="overdue"><th scope="row" role="rowheader"><span class="ref">A-1<\/span>Circulate the draft health and wellbeing strategy[\s\S]*?<\/tr>/.exec(
        html,
      )?.[0];
    expect(overdueRow).toContain(">Overdue</td>");
    expect(html).toMatch(/Done since the last meeting \(<time datetime="2026-10-14">/);
    expect(html).toMatch(
      /A-13<\/span>Book the venue for the spring conference[\s\S]*?<time datetime="2026-11-23">/,
    );
    expect(html).toContain('<th scope="col" role="columnheader">Status</th>');
    expect(html).not.toMatch(/<script/i);
  });

  it("escapes an untrusted title everywhere it appears", async () => {
    await s.say("jo", `action add "${HOSTILE.replace(/"/g, "'")}" owner:@helen group:hwb`);
    const html = await (await fetch(await s.share("helen", "hwb"))).text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("is private: no caching, no indexing, no framing, no script allowed", async () => {
    const res = await fetch(await s.share("helen", "hwb"));
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("script-src");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("serves the matters-arising paper and the group's action log under the same token", async () => {
    await s.say("jo", 'action add "Only for the safer board" group:safer');
    const page = await s.share("helen", "hwb");
    const html = await (await fetch(page)).text();
    const base = new URL(page).pathname;
    for (const file of ["papers.docx", "papers.html", "actions.csv", "actions.xlsx"])
      expect(html).toContain(`href="${base}/${file}"`);
    const docx = await fetch(`${page}/papers.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toContain("matters-arising-hwb-2026-12-09.docx");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const paper = await (await fetch(`${page}/papers.html`)).text();
    expect(paper).toContain("Circulate the draft health and wellbeing strategy");
    const csv = await fetch(`${page}/actions.csv`);
    expect(csv.headers.get("cache-control")).toBe("private, no-store");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFFRef,Title,Status")).toBe(true);
    expect(text).toContain("Circulate the draft health and wellbeing strategy");
    // Only this group's actions.
    expect(text).not.toContain("Only for the safer board");
    const xlsx = await fetch(`${page}/actions.xlsx`);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("answers 404 for a forged, malformed or unknown path, with nothing of the group in it", async () => {
    const page = await s.share("helen", "hwb");
    const token = page.slice(page.lastIndexOf("/") + 1);
    const forged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const base = s.running.http.url;
    for (const path of [
      `/view/${forged}`,
      `/view/${"A".repeat(43)}`,
      "/view/..%2F..%2Fetc%2Fpasswd",
      `/view/${forged}/actions.csv`,
      `/view/${token}/secrets.txt`,
      `/view/${token}/papers.md`,
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      expect(body).not.toContain("Health and Wellbeing");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("stops working at once when unshared or replaced, and for an archived group", async () => {
    const first = await s.share("helen", "hwb");
    const second = await s.share("helen", "hwb");
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);
    expect((await s.say("helen", "group unshare hwb")).tone).toBe("success");
    expect((await fetch(second)).status).toBe(404);
    expect((await fetch(`${second}/actions.csv`)).status).toBe(404);

    await s.say("jo", 'group add csp "Community Safety Partnership"');
    const csp = await s.share("jo", "csp");
    expect((await fetch(csp)).status).toBe(200);
    expect((await s.say("jo", "group archive csp")).tone).toBe("success");
    expect((await fetch(csp)).status).toBe(404);
  });
});
