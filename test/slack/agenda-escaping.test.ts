// An agenda item's title and paper link come from whoever proposed it: through the real Slack receiver,
// they reach the Block Kit reply escaped (& < >), so a title cannot forge a link or a mention.
import { expect, it } from "vitest";
import { blockText, USERS, useSlackHarness } from "./slack-harness.ts";

const h = useSlackHarness();

interface AckBody {
  response_type: string;
  blocks: unknown[];
}

const ack = async (text: string, user = USERS.sam.id) =>
  (await (await h.command(text, { user })).json()) as AckBody;

it("escapes an agenda item's title and paper link in the Slack reply", async () => {
  // Slack sends slash-command text with & < > as entities; the receiver reads them back as typed.
  const added = await ack(
    'agenda add M-3 "Winter &lt;!channel&gt; update &amp; plan" paper:https://essex.example/p?a=1&amp;b=2',
  );
  expect(blockText(added.blocks)).toContain("Winter &lt;!channel&gt; update &amp; plan");
  const list = await ack("agenda list M-3");
  const text = blockText(list.blocks);
  expect(text).toContain("1. Winter &lt;!channel&gt; update &amp; plan");
  expect(text).toContain("paper: https://essex.example/p?a=1&amp;b=2");
  expect(text).not.toContain("<!channel>");

  const refused = await ack('agenda add M-3 "Item" paper:javascript:alert(1)');
  expect(blockText(refused.blocks)).toContain("Only web links (https:// or http://)");
});
