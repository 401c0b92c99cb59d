// The matters-arising paper: actions arising at one board and still open, by organisation, with statuses,
// in .docx (read back from its XML), HTML, Markdown and CSV; bad formats and meetings refused clearly.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import type { Paper } from "../../src/core/papers/paper.ts";
import { renderDocument } from "../../src/documents/render-document.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

async function add(line: string): Promise<string> {
  // --past: the paper needs overdue actions, and a past due date otherwise waits for confirmation.
  const reply = await h.say("jo", `action add ${line} --past`);
  const ref = /^(A-\d+) added/.exec(reply.title)?.[1];
  if (!ref) throw new Error(`not added: ${reply.title}`);
  return ref;
}

/** Three actions from the October board (M-1, 22 Oct 2026), one per organisation, then one done, one dropped. */
async function october() {
  const sam = await add('"Map winter capacity" owner:@sam meeting:M-1@22/10/2026 due:31/1/2027');
  const priya = await add(
    '"Report <b>GP</b> access & waits" owner:@priya meeting:M-1@22/10/2026 due:1/11/2026',
  );
  const rob = await add('"Fire safety visits plan" owner:@rob meeting:M-1@22/10/2026 due:15/12/2026');
  const dave = await add('"Knife crime briefing" owner:@dave meeting:M-1@22/10/2026');
  expect(await h.text("jo", `action update ${sam} Draft shared with the CCG`)).toMatch(/updated/);
  expect(await h.text("jo", `action done ${rob} Plan agreed by the fire authority`)).toMatch(/done by/);
  expect(await h.text("jo", `action drop ${dave} Covered by Safer Essex`)).toMatch(/dropped/);
  return { sam, priya, rob, dave };
}

function paperOf(reply: Card): Paper {
  const doc = reply.attachment?.document;
  if (doc?.kind !== "paper") throw new Error(`no paper: ${reply.title}`);
  return doc.paper;
}

async function docxXml(reply: Card): Promise<{ body: string; footer: string; text: string }> {
  if (!reply.attachment) throw new Error("no attachment");
  const { bytes, contentType } = await renderDocument(reply.attachment.document);
  expect(contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const files = unzipSync(bytes);
  const body = strFromU8(files["word/document.xml"] ?? new Uint8Array());
  const footerName = Object.keys(files).find((f) => /^word\/footer\d*\.xml$/.test(f)) ?? "";
  const footer = strFromU8(files[footerName] ?? new Uint8Array());
  // The visible text in reading order: the runs' <w:t> contents, joined.
  const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
  return { body, footer, text };
}

describe("meeting papers", () => {
  it("lists the last board's actions and every open one by organisation, with status and latest note", async () => {
    const { sam, priya, rob, dave } = await october();
    const reply = await h.say("jo", "meeting papers M-1 format:docx");
    expect(reply.tone).toBe("success");
    expect(reply.title).toBe("Matters arising for Essex Partners Board, Fri 22 Jan 2027 (docx)");
    expect(reply.attachment?.filename).toBe("matters-arising-partners-2027-01-22.docx");
    const paper = paperOf(reply);
    expect(paper.previousDate).toBe("2026-10-22");
    const rows = new Map(paper.sections.flatMap((s) => s.rows.map((r) => [r.ref, { ...r, org: s.orgCode }])));
    expect(rows.get(sam)).toMatchObject({ org: "ECC", status: "open", isNew: true, dueOn: "2027-01-31" });
    expect(rows.get(sam)?.note?.text).toBe("Draft shared with the CCG");
    expect(rows.get(priya)).toMatchObject({ org: "NHS-MSE", status: "overdue", statusText: "Overdue" });
    expect(rows.get(rob)).toMatchObject({
      org: "FIRE",
      status: "done",
      statusText: "Done since last meeting",
    });
    expect(rows.get(dave)).toMatchObject({
      status: "dropped",
      statusText: "Dropped: Covered by Safer Essex",
    });
    const codes = paper.sections.map((s) => s.orgCode);
    expect(codes).toEqual([...codes].sort());

    const { body, footer, text } = await docxXml(reply);
    expect(text).toContain("Matters arising: Essex Partners Board");
    expect(text).toContain(
      "Essex Partners Board (M-1), Friday 22 January 2027 at 10:00, County Hall, Chelmsford",
    );
    expect(text).toContain("since the previous meeting on 22/10/2026");
    expect(text).toMatch(/Ref\|Action\|Owner\|Due\|Status\|Latest update/);
    expect(text).toContain(
      `${sam}|Map winter capacity|From M-1, Thu 22 Oct 2026 · new since last meeting|Sam Okafor|31/01/2027|Open|`,
    );
    expect(text).toContain("Report &lt;b&gt;GP&lt;/b&gt; access &amp; waits|");
    expect(text).toContain("|Overdue|");
    expect(text).toContain("Dropped: Covered by Safer Essex");
    // ECC's heading comes before NHS-MSE's: sections by organisation code.
    expect(text.indexOf("Essex County Council (ECC)")).toBeLessThan(text.indexOf("(NHS-MSE)"));
    expect(body.match(/<w:tblHeader\/>/g)?.length).toBe(1); // the header row, repeated on each page
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it("shows an action done since the last meeting on the next occurrence's paper, and not after", async () => {
    const sam = await add('"Circulate minutes" owner:@sam meeting:M-1@22/10/2026');
    const before = paperOf(await h.say("jo", "meeting papers M-1"));
    expect(before.sections.flatMap((s) => s.rows).find((r) => r.ref === sam)?.status).toBe("open");
    expect(await h.text("sam", `action done ${sam}`)).toMatch(/done by/);
    const january = await docxXml(await h.say("jo", "meeting papers M-1 22/1/2027"));
    expect(january.text).toContain(`${sam}|Circulate minutes|`);
    expect(january.text).toMatch(
      new RegExp(`${sam}\\|Circulate minutes\\|[^]*?\\|Done since last meeting\\|`),
    );
    // The April paper looks back to January: done before then, it is no longer news.
    const april = paperOf(await h.say("jo", "meeting papers M-1 22/4/2027"));
    expect(april.previousDate).toBe("2027-01-22");
    expect(april.sections.flatMap((s) => s.rows).map((r) => r.ref)).not.toContain(sam);
  });

  it("writes printable HTML with text escaped, Markdown and a CSV of the same rows", async () => {
    const { priya } = await october();
    const html = new TextDecoder().decode(await bytesOf("meeting papers M-1 format:html"));
    expect(html).toContain("@page { size: A4");
    expect(html).toContain("thead { display: table-header-group; }");
    expect(html).toContain("Report &lt;b&gt;GP&lt;/b&gt; access &amp; waits");
    expect(html).not.toContain("<b>GP</b>");
    expect(html).toMatch(/<td class="overdue">Overdue<\/td>/);
    const md = new TextDecoder().decode(await bytesOf("meeting papers group:partners format:md"));
    expect(md).toContain("# Matters arising: Essex Partners Board");
    expect(md).toContain("## NHS Mid and South Essex (NHS-MSE)");
    expect(md).toMatch(new RegExp(`\\| ${priya} \\| Report \\\\<b\\\\>GP\\\\</b\\\\> access & waits`));
    // ignoreBOM keeps the byte-order mark in the string, so the test can see it is there.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await bytesOf("meeting papers M-1 format:csv"),
    );
    expect(
      csv.startsWith(
        "\uFEFFOrganisation,Organisation name,Ref,Action,Owner,Due,Status,Latest update,Arose at\r\n",
      ),
    ).toBe(true);
    expect(csv).toContain(
      `NHS-MSE,NHS Mid and South Essex,${priya},Report <b>GP</b> access & waits,Dr Priya Nair,01/11/2026,Overdue`,
    );
  });

  it("makes a paper with no actions for a new group's first meeting, saying so", async () => {
    expect(await h.text("jo", 'group add board2 "Board Two" chair:@jo')).toMatch(/^✓/);
    expect(await h.text("jo", 'meeting add group:board2 at:"1/12/2026 10:00"')).toMatch(/^✓/);
    const reply = await h.say("jo", "meeting papers group:board2");
    expect(reply.title).toBe("Matters arising for Board Two, Tue 1 Dec 2026 (docx)");
    const { text } = await docxXml(reply);
    expect(text).toContain("Every action still open (this is the first meeting of the series)");
    expect(text).toContain("There are no actions to report.");
  });

  it.each([
    ["meeting papers M-1 format:pdf", /format: takes docx, html, md or csv, not "pdf"/],
    ["meeting papers", /Which meeting\? Give M-<n>/],
    ["meeting papers M-1 23/1/2027", /M-1 does not meet on Sat 23 Jan/],
    ["meeting papers M-42", /There is no meeting M-42/],
    ["meeting papers M-1 group:hwb", /M-1 is a meeting of partners, not of hwb/],
    ["meeting papers group:nope", /no group "nope"/],
  ])("answers %j with a clear refusal and no file", async (line, message) => {
    const reply = await h.say("jo", line);
    expect(reply.tone).toBe("error");
    expect(reply.title).toMatch(message);
    expect(reply.attachment).toBeUndefined();
  });

  it("is open to observers, like the action list it is made from", async () => {
    expect(await h.text("jo", "person role @tom observer")).not.toMatch(/^✗/);
    expect((await h.say("tom", "meeting papers M-1")).tone).toBe("success");
  });
});

async function bytesOf(line: string): Promise<Uint8Array> {
  const reply = await h.say("jo", line);
  if (!reply.attachment) throw new Error(`no file: ${reply.title}`);
  return (await renderDocument(reply.attachment.document)).bytes;
}
