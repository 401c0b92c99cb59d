// Issue 12 item 2: a partnership closure day moves the papers deadline the same way wherever it is shown:
// home, group show, the digest, meeting show and "before the next HWB" all count one set of working days.
// The demo's HWB (M-3) meets Wed 9 Dec 2026, papers five working days before: Wed 2 Dec, or Mon 30 Nov
// when 1 and 2 December are closure days.
import { expect, it } from "vitest";
import type { InboundEvent } from "../../src/core/inbound.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { useHarness } from "../helpers/harness.ts";

const h = useHarness();

const inHwbChannel = async (text: string) =>
  cardToText(
    await h.quorum.handle({
      platform: "slack",
      tenant: "T0ESSEX",
      userId: "U-HELEN",
      text,
      profile: { email: "helen.marsh@example.gov.uk" },
      conversation: { id: "C-HWB", kind: "channel", name: "hwb-board" },
    } satisfies InboundEvent),
  );

it("shows the same working-day papers deadline on home, group show, the digest and meeting show", async () => {
  const before = await h.text("jo", "group show hwb");
  expect(before).toContain("Papers deadline: Wed 2 Dec");
  expect((await h.say("jo", "partnership closure add 1/12/2026..2/12/2026")).tone).toBe("success");

  const home = await h.text("jo", "home");
  expect(home).toMatch(/Wed 9 Dec 2026, 14:00 · Committee Room 1, County Hall · papers by Mon 30 Nov · M-3/);
  expect(await h.text("jo", "group show hwb")).toContain("Papers deadline: Mon 30 Nov");
  expect(await h.text("jo", "meeting show M-3 9/12/2026")).toContain("Papers deadline: Mon 30 Nov");
  expect(await h.text("jo", "meeting show M-3")).toContain("papers by Mon 30 Nov");
  await inHwbChannel("link group:hwb");
  expect(await inHwbChannel("digest preview")).toContain("papers by Mon 30 Nov");
  const due = await h.text(
    "jo",
    'action add "Send the winter paper" owner:@sam group:hwb due:"before the next hwb"',
  );
  expect(due).toContain("Due Mon 30 Nov");
});
