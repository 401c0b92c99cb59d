// Inbound Teams: messages, mentions, card clicks and installs through the real SDK receiver on loopback.
import { beforeEach, describe, expect, it } from "vitest";
import { cardText } from "./fake-connector.ts";
import {
  BOT_ID,
  CHANNEL,
  channelMention,
  directMessage,
  executeInvoke,
  installUpdate,
  JO,
  membersAdded,
  SAM,
  submitMessage,
  TENANT,
  useTeamsHarness,
} from "./teams-harness.ts";

const h = useTeamsHarness();
let url: string;
beforeEach(() => {
  url = h.connector.url;
});

const lastCardText = () => {
  const cards = h.connector.cards();
  return cardText(cards[cards.length - 1]?.card);
};
interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}
const invoke = async (activity: Record<string, unknown>) =>
  (await (await h.post(activity)).json()) as InvokeBody;

/** The element right after a form input: where an error about that input is shown. */
function afterInput(card: unknown, id: string): unknown {
  const body = (card as { body: Array<{ id?: string }> }).body;
  return body[body.findIndex((e) => e.id === id) + 1];
}

const actionCount = () =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return (await r.actions.list(p?.id ?? 0, { statuses: ["open", "done", "dropped"] })).length;
  });
const actionTitle = (n: number) =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return (await r.actions.byNumber(p?.id ?? 0, n))?.title;
  });

const actionStatus = (n: number) =>
  h.app.store.transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return (await r.actions.byNumber(p?.id ?? 0, n))?.status;
  });

describe("Teams messages", () => {
  it("runs a 1:1 message as a command and replies with an Adaptive Card to the fake connector", async () => {
    const res = await h.post(directMessage(url, "actions mine"));
    expect(res.status).toBe(200);
    expect(h.connector.posts).toHaveLength(1);
    const post = h.connector.posts[0];
    expect(post?.conversationId).toBe(`a:1on1-${SAM.id}`);
    const attachments = post?.activity.attachments as
      | Array<{ contentType: string; content: { version: string } }>
      | undefined;
    const attachment = attachments?.[0];
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment?.content.version).toBe("1.5");
    const text = lastCardText();
    expect(text).toContain("Your open actions: 1");
    expect(text).toContain("Bring options for pooling prevention budgets");
    expect(text).toContain("[Done]");
  });

  it("matches the Teams user to the demo person by email and remembers their 1:1 conversation", async () => {
    await h.post(directMessage(url, "actions mine")); // Sam's first message
    h.connector.reset();
    const person = await h.app.store.transaction(async (r) => {
      const found = await r.people.byIdentity("teams", TENANT, SAM.aadObjectId);
      return { found, identities: found ? await r.people.identities(found.id) : [] };
    });
    expect(person.found?.handle).toBe("sam");
    const ref = person.identities.find((i) => i.platform === "teams")?.conversationRef;
    expect(ref).toMatchObject({ serviceUrl: url, conversationId: `a:1on1-${SAM.id}`, userId: SAM.id });
    // Known now: the next message needs no member lookup.
    await h.post(directMessage(url, "help"));
    expect(h.connector.lookups).toEqual([]);
  });

  it("strips the bot mention in a channel, answers in the thread and stores the channel link", async () => {
    const res = await h.post(channelMention(url, "actions overdue"));
    expect(res.status).toBe(200);
    expect(h.connector.posts[0]?.conversationId).toBe(`${CHANNEL};messageid=1700000000001`);
    expect(lastCardText()).toContain("Overdue actions");
    const link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.name).toBe("Health and Wellbeing › Board");
    expect(link?.conversationRef).toMatchObject({
      serviceUrl: url,
      conversationId: CHANNEL,
      tenantId: TENANT,
    });
  });

  it("links a channel to a group with link group:<slug>", async () => {
    await h.post(channelMention(url, "link group:hwb", JO));
    expect(lastCardText()).toContain("This channel is now linked to");
    const link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.groupId).not.toBeNull();
    expect(link?.digestEnabled).toBe(true);
  });

  it("answers an unknown word and an empty mention with a hint, not silence", async () => {
    // Said to Quorum, an unknown word is read as a search, as in a 1:1 chat; nobody is asked.
    await h.post(channelMention(url, "frobnicate A-1"));
    expect(lastCardText()).toContain('No sure answer for "frobnicate A-1"');
    await h.post(channelMention(url, ""));
    expect(lastCardText()).toContain("Type a command, or help to see them all.");
    await h.post(directMessage(url, "action done"));
    expect(lastCardText()).toContain("Usage: ");
  });

  it("ignores a redelivered activity (same id) instead of running it twice", async () => {
    const activity = directMessage(url, "help");
    await h.post(activity);
    await h.post(activity);
    expect(h.connector.posts).toHaveLength(1);
  });
});

describe("Teams card actions", () => {
  it("runs an Action.Execute click and returns the updated card in the invoke response", async () => {
    const res = await h.post(executeInvoke(url, { command: "action done A-2" }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(body.value)).toContain("A-2");
    expect(cardText(body.value)).not.toContain("[Done]");
    expect(await actionStatus(2)).toBe("done");
    expect(h.connector.posts).toHaveLength(0);
  });

  it("leaves the card alone and tells the clicker why when the action is stale or not theirs", async () => {
    await h.post(executeInvoke(url, { command: "action done A-2" })); // the click that made the card stale
    const stale = await invoke(executeInvoke(url, { command: "action done A-2" }));
    expect(stale).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
    expect(stale.value).toMatch(/A-2/);
    // A-1 belongs to Helen; Sam is not an admin, the owner or the chair.
    const forbidden = await invoke(executeInvoke(url, { command: "action done A-1" }));
    expect(forbidden.type).toBe("application/vnd.microsoft.activity.message");
    expect(await actionStatus(1)).toBe("open");
  });

  it("runs a click in a channel card as the person who clicked", async () => {
    const body = await invoke(
      executeInvoke(url, { command: "action snooze A-3" }, { user: JO, channel: true }),
    );
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(body.value)).toContain("A-3");
    const updates = await h.app.store.transaction(async (r) => {
      const p = await r.partnerships.bySlug("demo");
      const a = await r.actions.byNumber(p?.id ?? 0, 3);
      return a ? r.actions.updates(a.id) : [];
    });
    expect(updates.at(-1)?.authorName).toBe("Jo Whitfield");
  });

  it("answers a click without a command with a 400 card error", async () => {
    const res = await h.post(executeInvoke(url, { nothing: true }));
    expect(await res.json()).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
  });

  it("handles an Action.Submit message by updating the clicked message in place", async () => {
    await h.post(executeInvoke(url, { command: "action done A-2" }));
    h.connector.reset();
    await h.post(submitMessage(url, { command: "action snooze A-2" }));
    // A-2 is done, so snoozing it is refused: a reply, no update.
    expect(h.connector.updates).toHaveLength(0);
    expect(lastCardText()).toMatch(/A-2/);
    h.connector.reset();
    await h.post(submitMessage(url, { command: "action reopen A-2" }));
    expect(h.connector.updates).toHaveLength(1);
    expect(h.connector.updates[0]?.activityId).toBe("m-original");
    expect(await actionStatus(2)).toBe("open");
  });

  it("offers a New action form, validates it and adds the action from it", async () => {
    await h.post(directMessage(url, "new action"));
    expect(lastCardText()).toContain("New action");
    const missing = await invoke(
      executeInvoke(url, { form: "action.add", owner: "@sam" }, { verb: "quorum.actionForm" }),
    );
    expect(cardText(missing.value)).toContain("Give the action a title.");
    const badOwner = await invoke(
      executeInvoke(
        url,
        { form: "action.add", title: "Write it", owner: "@nobody" },
        { verb: "quorum.actionForm" },
      ),
    );
    expect(cardText(badOwner.value)).toContain('No one called "nobody"');
    expect(JSON.stringify(badOwner.value)).toContain('"value":"Write it"');
    expect(afterInput(badOwner.value, "owner")).toMatchObject({ id: "ownerError" });
    const before = await actionCount();
    for (const [due, said] of [
      ["someday", 'I couldn\'t read "someday" as a date'],
      ["2026-11-01", "That date has passed"],
    ]) {
      const badDue = await invoke(
        executeInvoke(url, { form: "action.add", title: "Write it", due }, { verb: "quorum.actionForm" }),
      );
      expect(badDue.type).toBe("application/vnd.microsoft.card.adaptive");
      expect(afterInput(badDue.value, "due")).toMatchObject({ id: "dueError" });
      expect(cardText(afterInput(badDue.value, "due"))).toContain(said);
    }
    expect(await actionCount()).toBe(before);
    const ok = await invoke(
      executeInvoke(
        url,
        {
          form: "action.add",
          title: 'Book the "big" room',
          owner: "Jo Whitfield",
          group: "hwb",
          due: "friday",
        },
        { verb: "quorum.actionForm" },
      ),
    );
    expect(ok.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(ok.value)).toMatch(/A-\d+ added for Jo Whitfield/);
    expect(cardText(ok.value)).toContain('Book the "big" room');
    const n = Number(/A-(\d+) added/.exec(cardText(ok.value))?.[1]);
    expect(await actionTitle(n)).toBe('Book the "big" room');
  });
});

describe("Teams installs", () => {
  it("stores the channel reference on installationUpdate and says hello", async () => {
    await h.app.store.transaction(async (r) => {
      const link = await r.channels.byChannel("teams", TENANT, CHANNEL);
      if (link) await r.channels.update(link.id, { status: "uninstalled" });
    });
    await h.post(installUpdate(url, "add", "channel"));
    expect(lastCardText()).toContain("Quorum is here");
    const link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.status).toBe("active");
  });

  it("marks the channel link uninstalled when the app is removed", async () => {
    await h.post(installUpdate(url, "add", "channel"));
    h.connector.reset();
    await h.post(installUpdate(url, "remove", "channel"));
    const link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.status).toBe("uninstalled");
    expect(h.connector.posts).toHaveLength(0);
  });

  it("re-activates the link on conversationUpdate when the bot is added, without a second hello", async () => {
    await h.post(installUpdate(url, "add", "channel"));
    await h.post(installUpdate(url, "remove", "channel"));
    h.connector.reset();
    await h.post(membersAdded(url, ["29:someone-else"]));
    let link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.status).toBe("uninstalled");
    await h.post(membersAdded(url, [BOT_ID]));
    link = await h.app.store.transaction((r) => r.channels.byChannel("teams", TENANT, CHANNEL));
    expect(link?.status).toBe("active");
    expect(h.connector.posts).toHaveLength(0);
  });

  it("welcomes a personal install with the person's home card and stores their 1:1 reference", async () => {
    await h.post(installUpdate(url, "add", "personal"));
    expect(h.connector.posts[0]?.conversationId).toBe(`a:1on1-${JO.id}`);
    expect(lastCardText()).toMatch(/Overdue/);
  });
});

describe("one person across platforms", () => {
  it("shows an action added on Slack for Priya in Priya's actions mine on Teams", async () => {
    const fromSlack = await h.app.quorum.handle({
      platform: "slack",
      tenant: "T-ESSEX",
      userId: "U-JO",
      text: 'action add "Publish the joint winter plan" owner:@priya due:friday',
      conversation: { id: "C-BOARD", kind: "channel" },
      profile: { email: JO.email, name: JO.name },
    });
    expect(fromSlack.tone).toBe("success");
    const priya = {
      id: "29:priya",
      aadObjectId: "aad-priya",
      name: "Dr Priya Nair",
      email: "priya.nair@example.nhs.uk",
    };
    h.connector.members.set(priya.id, { ...priya });
    await h.post(directMessage(url, "actions mine", priya));
    expect(h.connector.lookups).toEqual([priya.id]);
    expect(lastCardText()).toContain("Publish the joint winter plan");
  });
});

describe("bad input", () => {
  it("answers 200 and posts nothing for an activity type Quorum does not handle", async () => {
    const res = await h.post({ ...directMessage(url, "help"), type: "messageReaction", reactionsAdded: [] });
    expect(res.status).toBe(200);
    const typing = await h.post({ ...directMessage(url, ""), type: "typing" });
    expect(typing.status).toBe(200);
    expect(h.connector.posts).toHaveLength(0);
  });

  it("replies clearly to a message without a sender, changing nothing", async () => {
    const { from: _from, ...anonymous } = directMessage(url, "action done A-5");
    const res = await h.post(anonymous);
    expect(res.status).toBe(200);
    expect(lastCardText()).toContain("cannot tell who you are");
    expect(await actionStatus(5)).toBe("open");
  });

  it("refuses a huge message with a short reply", async () => {
    const res = await h.post(directMessage(url, `action add "${"x".repeat(20_000)}"`));
    expect(res.status).toBe(200);
    expect(lastCardText()).toMatch(/characters; commands are limited to 4000/);
  });

  it("tells a user whose profile has no email how to get matched", async () => {
    const guest = { id: "29:guest", aadObjectId: "aad-guest", name: "Guest", email: "" };
    h.connector.members.set(guest.id, { id: guest.id, aadObjectId: guest.aadObjectId, name: guest.name });
    await h.post(directMessage(url, "actions mine", guest));
    expect(lastCardText()).toContain("no email address Quorum can see");
  });

  it("answers a body that is not JSON with 400 and survives it", async () => {
    const res = await fetch(`${h.running.http.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await h.post(directMessage(url, "help"))).status).toBe(200);
  });
});
