// meeting next reads a group named in plain words ("next safer essex meeting") instead of ignoring them.
import { describe, expect, it } from "vitest";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

describe("meeting next with words", () => {
  it("shows the named group's next meeting, by name, short form or slug", async () => {
    expect((await h.say("tom", "next safer essex meeting")).title).toMatch(/^Next: Safer Essex/);
    expect(await h.text("tom", "meeting next hwb")).toContain("Group: Health and Wellbeing Board (hwb)");
    expect(await h.text("tom", "next partners board")).toContain("Group: Essex Partners Board (partners)");
  });

  it("shows any group's next meeting when the words name none, as before", async () => {
    const any = await h.text("tom", "meeting next");
    expect(await h.text("tom", "next meeting")).toBe(any);
  });

  it("refuses words that name no single group, rather than show some other group's meeting", async () => {
    const reply = await h.say("tom", "next board meeting");
    expect(reply).toMatchObject({ tone: "error", error: { code: "bad_argument" } });
    expect(reply.title).toContain('"board meeting" does not name one group');
  });
});
