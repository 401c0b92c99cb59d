// The board cycle end to end: minutes of a held meeting pasted → preview (nothing written) → Create all →
// the next meeting's matters-arising paper as .docx, read back with mammoth, by organisation → one action
// done → the same paper shows it "Done since last meeting". Plus the refusals around the preview.
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/card.ts";
import { renderDocument } from "../../src/documents/render-document.ts";
import { actions, minutesPreviews } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

// M-1 is the demo's quarterly Essex Partners Board; 22 Oct 2026 is the last one held before NOW (23 Nov 2026).
const MINUTES = [
  "Essex Partners Board, 22 October 2026",
  "1. Welcome and apologies",
  "Actions from last meeting were reviewed; all complete.",
  "2. Winter plan",
  "The board agreed the winter plan. ACTION: Sam to circulate the draft by 31/1",
  "Action – FIRE – share the fire safety visits plan – end of January",
  "Action: Priya (NHS-MSE) to report GP access and waits by 15/12/2026",
  "Action: Chris to brief the leaders",
  "Action – 31/1",
  "3. Any other business",
].join("\n");

const previewId = (reply: Card) => {
  if (!reply.ref) throw new Error(`no preview: ${reply.title}`);
  return reply.ref;
};

async function docxText(reply: Card): Promise<string> {
  if (!reply.attachment) throw new Error(`no file: ${reply.title}`);
  const { bytes } = await renderDocument(reply.attachment.document);
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return value;
}

/** The paper's table rows (an organisation's heading row has one cell; a cell's paragraphs split by \n). */
function rowsOf(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) =>
      (c[1] ?? "")
        .replace(/<\/p><p>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .trim(),
    ),
  );
}

describe("minutes into actions, through the board cycle", () => {
  it("previews, creates on confirmation, and the papers follow the actions to done", async () => {
    const before = await countRows(h, actions);
    const preview = await h.say("jo", `actions from minutes M-1 22/10/2026\n${MINUTES}`);
    const shown = (await h.text("jo", `actions from minutes M-1 22/10/2026\n${MINUTES}`)).split("\n");
    expect(preview.tone).toBe("warning");
    expect(preview.title).toMatch(/^3 actions from the minutes of Essex Partners Board, Thu 22 Oct 2026/);
    // Each action is its own item with its Edit and Skip buttons under it; the unread lines come after.
    const listed = preview.blocks.flatMap((b) =>
      b.kind === "items" && !b.heading?.startsWith("Lines") ? b.items : [],
    );
    expect(preview.blocks).toContainEqual({
      kind: "buttons",
      buttons: [
        { label: "Edit #4", command: `minutes edit ${preview.ref} 4` },
        { label: "Skip #4", command: `minutes skip ${preview.ref} 4` },
      ],
    });
    expect(listed.map((i) => [i.title, i.detail])).toEqual([
      ["#1 Circulate the draft", "Sam Okafor · ECC · due Sun 31 Jan 2027 · line 5"],
      ["#2 Share the fire safety visits plan", "Rob Fenn · FIRE · due Fri 29 Jan 2027 · line 6"],
      ["#3 Report GP access and waits", "Dr Priya Nair · NHS-MSE · due Tue 15 Dec 2026 · line 7"],
      ["#4 Brief the leaders", '"Chris" · no organisation · no due date · line 8'],
    ]);
    expect(listed[1]?.note).toContain("FIRE's member of Essex Partners Board");
    expect(listed[3]?.flag).toContain('no one called "Chris"');
    expect(shown).toContain("Lines I could not read (not created)");
    expect(shown.join("\n")).toMatch(/line 9: no task could be read/);
    // Nothing is written before confirmation (two previews stored, no action).
    expect(await countRows(h, actions)).toBe(before);

    const id = previewId(preview);
    const created = await h.say("jo", `minutes create ${id}`);
    expect(created.title).toMatch(
      /^3 actions created from the minutes of M-1, Thu 22 Oct 2026: A-\d+, A-\d+, A-\d+$/,
    );
    expect(created.tone).toBe("warning"); // #4 was left out, with its command to correct
    expect(await h.text("jo", `minutes create ${id}`)).toMatch(/already turned into actions: A-\d+/);
    expect(await countRows(h, actions)).toBe(before + 3);
    const [circulate, fire, gp] = (created.ref ?? "").split(",");
    expect(await h.text("jo", `action show ${circulate}`)).toMatch(/M-1, Thu 22 Oct 2026/);

    const paper = await h.say("jo", "meeting papers M-1 format:docx");
    expect(paper.title).toBe("Matters arising for Essex Partners Board, Fri 22 Jan 2027 (docx)");
    const rows = rowsOf(await docxText(paper));
    const rowOf = (ref: string | undefined) => rows.find((r) => r[0] === ref);
    const titleOf = (ref: string | undefined) => rowOf(ref)?.[1]?.split("\n")[0];
    expect(titleOf(circulate)).toBe("Circulate the draft");
    expect(rowOf(circulate)?.[1]).toContain("From M-1, Thu 22 Oct 2026");
    expect(rowOf(circulate)).toEqual(expect.arrayContaining(["Sam Okafor", "31/01/2027", "Open"]));
    expect(titleOf(fire)).toBe("Share the fire safety visits plan");
    expect(rowOf(fire)).toEqual(expect.arrayContaining(["Rob Fenn", "29/01/2027", "Open"]));
    expect(titleOf(gp)).toBe("Report GP access and waits");
    // By organisation: each action sits under its organisation's heading row.
    const under = (ref: string | undefined) =>
      rows
        .slice(
          0,
          rows.findIndex((r) => r[0] === ref),
        )
        .reverse()
        .find((r) => r.length === 1)?.[0];
    expect(under(circulate)).toMatch(/ECC/);
    expect(under(fire)).toMatch(/FIRE/);
    expect(under(gp)).toMatch(/NHS-MSE/);

    expect(await h.text("rob", `action done ${fire} Plan shared with every partner`)).toMatch(/done by Rob/);
    const after = rowsOf(await docxText(await h.say("jo", "meeting papers M-1 format:docx")));
    expect(after.find((r) => r[0] === fire)).toEqual(expect.arrayContaining(["Done since last meeting"]));
    expect(after.find((r) => r[0] === circulate)).toEqual(expect.arrayContaining(["Open"]));
  });

  it("refuses a paste over the limit, a paste with no action lines, and an unknown meeting, writing nothing", async () => {
    const long = `actions from minutes M-1\n${"Action: Sam to read the long minutes by 31/1\n".repeat(460)}`;
    expect(long.length).toBeGreaterThan(20_000);
    const refusal = await h.say("jo", long);
    expect(refusal.tone).toBe("error");
    expect(refusal.title).toMatch(/characters; "actions from minutes" takes at most 15,000/);

    const none = await h.text(
      "jo",
      "actions from minutes M-1\nThe board noted the report.\nActions from last meeting were reviewed",
    );
    expect(none).toMatch(/no action lines.*ACTION: Sam to circulate the draft by 31\/1/s);
    expect(await h.text("jo", "actions from minutes M-99\nACTION: Sam to circulate the draft")).toMatch(
      /There is no meeting M-99/,
    );
    expect(
      await h.text("jo", "actions from minutes M-1 23/10/2026\nACTION: Sam to circulate the draft"),
    ).toMatch(/does not meet on/);
    expect(await countRows(h, minutesPreviews)).toBe(0);
  });

  it("keeps a preview to the person who pasted it, once, and lets them skip, edit or cancel", async () => {
    const text =
      "actions from minutes M-1\nACTION: Sam to circulate the draft by 31/1\nACTION: Rob to share the plan";
    const id = previewId(await h.say("jo", text));
    expect(await h.text("sam", `minutes create ${id}`)).toMatch(/no minutes preview \d+ of yours/);
    expect(await h.text("claire", `minutes cancel ${id}`)).toMatch(/no minutes preview/);
    const edited = await h.text("jo", `minutes edit ${id} 2`);
    expect(edited).toContain('action add "Share the plan" owner:@rob org:FIRE meeting:M-1@2026-10-22');
    expect(edited).toMatch(/#1 Circulate the draft/);
    expect(edited).not.toMatch(/#2 Share the plan\n/);
    const made = await h.say("jo", "minutes create");
    expect(made.title).toMatch(/^1 action created/);
    expect(await h.text("jo", `minutes cancel ${id}`)).toMatch(/already turned into actions/);

    const other = previewId(await h.say("jo", text));
    expect(await h.text("jo", `minutes cancel ${other}`)).toMatch(/^Cancelled: no actions were created/);
    expect(await h.text("jo", `minutes create ${other}`)).toMatch(/cancelled, so nothing was created/);

    const late = previewId(await h.say("jo", text));
    h.clock.set(new Date(h.clock.now().getTime() + 25 * 3_600_000));
    expect(await h.text("jo", `minutes create ${late}`)).toMatch(/expired \(previews wait 24 hours\)/);
  });

  it("is refused to observers, as adding actions is", async () => {
    expect(await h.text("jo", "person role @claire observer")).not.toMatch(/^✗/);
    expect(await h.text("claire", "actions from minutes M-1\nACTION: Sam to circulate the draft")).toMatch(
      /Observers can read/,
    );
  });
});
