// Minutes pasted into the shell: the lines after "actions from minutes" are one message until a line with
// just ".", the preview's buttons are answered by typed words, and only then are the actions created.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createShellAdapter } from "../../src/adapters/shell/shell-adapter.ts";
import { actions } from "../../src/store/schema.ts";
import { countRows, useHarness } from "../helpers/harness.ts";

const h = useHarness();

async function shell(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d) => (out += d));
  const adapter = createShellAdapter({ input, output, interactive: false, user: "jo" });
  const running = adapter.run({ quorum: h.quorum });
  input.end(`${lines.join("\n")}\n`);
  await running;
  return out;
}

describe("minutes pasted into the shell", () => {
  it("reads the paste up to '.', previews it, and creates only when 'minutes create' is typed", async () => {
    const before = await countRows(h, actions);
    const previewed = await shell([
      "actions from minutes M-1 22/10/2026",
      "2. Winter plan",
      "ACTION: Sam to circulate the draft by 31/1",
      "",
      "Action\tOwner\tDue",
      "Share the fire safety plan\tRob\t29/1/2027",
      ".",
      "whoami",
    ]);
    expect(previewed).toContain('Paste the text for "actions from minutes M-1 22/10/2026" now');
    expect(previewed).toMatch(/2 actions from the minutes of Essex Partners Board, Thu 22 Oct 2026/);
    expect(previewed).toContain("#1 Circulate the draft");
    expect(previewed).toContain("#2 Share the fire safety plan");
    expect(previewed).toMatch(/\[Create all 2: minutes create \d+\]/);
    expect(previewed).toMatch(/In the shell, type "minutes create \d+"/);
    // The line after "." is a command again, not part of the minutes.
    expect(previewed).toMatch(/Jo Whitfield/);
    expect(await countRows(h, actions)).toBe(before);

    const created = await shell(["minutes create"]);
    expect(created).toMatch(/2 actions created from the minutes of M-1, Thu 22 Oct 2026: A-\d+, A-\d+/);
    expect(await countRows(h, actions)).toBe(before + 2);
  });

  it("sends what was pasted when the input ends before the '.'", async () => {
    const out = await shell(["actions from minutes M-1", "ACTION: Sam to circulate the draft"]);
    expect(out).toMatch(/1 action from the minutes of Essex Partners Board/);
  });
});
