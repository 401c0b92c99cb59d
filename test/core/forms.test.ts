// Forms in the neutral model: Quorum.run with named values, errors that name their field, openForm, help.
import { describe, expect, it } from "vitest";
import { shellEvent } from "../../src/adapters/shell/shell-adapter.ts";
import { MAX_TITLE } from "../../src/core/actions/rules.ts";
import { checkFormValues, formOpenedBy } from "../../src/core/commands/forms.ts";
import type { CommandSpec } from "../../src/core/commands/spec.ts";
import type { Context } from "../../src/core/context.ts";
import { QuorumError } from "../../src/core/errors.ts";
import { cardToText } from "../../src/core/render-text.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import { NOW, useHarness } from "../helpers/harness.ts";

const h = useHarness();
const ADD = ["action", "add"];
const run = (user: string, args: Record<string, unknown>, path = ADD) =>
  h.quorum.run(shellEvent(user, ""), path, args);

const action = (n: number) =>
  createStore(h.database.db).transaction(async (r) => {
    const p = await r.partnerships.bySlug("demo");
    return r.actions.byNumber(p?.id ?? 0, n);
  });

const ofJo = async () => (await h.text("jo", "actions all")).match(/A-\d+/g)?.length ?? 0;

describe("Quorum.run for action add", () => {
  it("records the title exactly as typed, quotes included, and returns the new reference as data", async () => {
    const title = 'Agree the "winter" plan: “curly” too';
    const reply = await run("jo", { title, owner: "@sam", group: "hwb", due: "2026-12-11" });
    expect(reply.tone).not.toBe("error");
    expect(reply.ref).toMatch(/^A-\d+$/);
    expect(reply.title).toBe(`${reply.ref} added for Sam Okafor`);
    const stored = await action(Number(reply.ref?.slice(2)));
    expect(stored).toMatchObject({ title, ownerHandle: "sam", groupSlug: "hwb", dueOn: "2026-12-11" });
  });

  it("gives the actor the action when no owner is named", async () => {
    const reply = await run("jo", { title: "Mine" });
    expect(reply.title).toBe(`${reply.ref} added for Jo Whitfield`);
  });

  it.each([
    [{ title: "  " }, "title", "missing_argument", "Give the action a title."],
    [{ title: "x".repeat(MAX_TITLE + 1) }, "title", "too_long", `the limit is ${MAX_TITLE}`],
    [{ title: "Late", due: "2026-11-01" }, "due", "bad_date", "That date has passed"],
    [{ title: "Odd", due: "someday" }, "due", "bad_date", 'I couldn\'t read "someday" as a date'],
    [{ title: "Who", owner: "@nobody" }, "owner", "not_found", 'No one called "nobody"'],
    [{ title: "Where", group: "nope" }, "group", "not_found", 'There is no group "nope"'],
    [{ title: "Typed", due: 20261211 }, "due", "bad_argument", "must be text"],
  ])("refuses %j on the %s field and records nothing", async (args, field, code, message) => {
    const before = await ofJo();
    const reply = await run("jo", args);
    expect(reply.tone).toBe("error");
    expect(reply.error).toEqual({ code, field });
    expect(reply.title).toContain(message);
    expect(await ofJo()).toBe(before);
  });

  it("refuses names the form does not have, and commands without a form", async () => {
    expect((await run("jo", { title: "x", colour: "red" })).title).toContain('has no field "colour"');
    const noForm = await run("jo", { words: "A-1" }, ["action", "done"]);
    expect(noForm.error).toEqual({ code: "unknown_command" });
    expect(noForm.title).toContain('There is no form for "action done"');
  });

  it("checks who may, as a typed command would", async () => {
    await h.say("jo", 'person add @obi "Obi Ade" email:obi.ade@essex.gov.uk org:ECC role:observer');
    const reply = await run("obi", { title: "Sneaky change" });
    expect(reply.error?.code).toBe("forbidden");
    expect((await h.quorum.openForm(shellEvent("obi", ""), ADD)).ok).toBe(false);
  });

  it("marks a typed line's errors with their option too", async () => {
    const reply = await h.say("jo", 'action add "Typed" due:someday');
    expect(reply.error).toEqual({ code: "bad_date", field: "due" });
    expect(reply.blocks).toContainEqual(expect.objectContaining({ kind: "usage" }));
  });
});

describe("openForm and the words that open it", () => {
  it("fills in the partnership's groups and the core's title limit", async () => {
    const opening = await h.quorum.openForm(shellEvent("jo", ""), ADD);
    if (!opening.ok) throw new Error(opening.card.title);
    expect(opening.form.command).toEqual(ADD);
    const byName = Object.fromEntries(opening.form.fields.map((f) => [f.name, f]));
    expect(byName.title?.maxLength).toBe(MAX_TITLE);
    expect(byName.group?.choices?.map((c) => c.value)).toContain("hwb");
    expect(byName).not.toHaveProperty("group.choicesFrom");
  });

  it("knows the words, and answers them with the usage where no form can open", async () => {
    expect(formOpenedBy(h.quorum.commands, "  New   Action ")?.path).toEqual(ADD);
    expect(formOpenedBy(h.quorum.commands, "action add")).toBeUndefined();
    const reply = await h.text("jo", "new action");
    expect(reply).toContain("Here, type it as a command");
    expect(reply).toContain('action add "<title>"');
  });

  it("lists them in help", async () => {
    const help = cardToText(await h.say("jo", "help"));
    expect(help).toContain("Forms (on Slack and Teams)");
    expect(help).toContain("new action, action new, action form");
    expect(await h.text("jo", "help action add")).toContain("type new action to fill in a form");
  });
});

describe("checkFormValues", () => {
  const spec = {
    path: ["demo", "form"],
    form: {
      title: "Demo",
      submitLabel: "Go",
      opens: ["demo form"],
      fields: [
        {
          name: "size",
          label: "Size",
          type: "choice",
          required: true,
          choices: [{ value: "s", label: "Small" }],
        },
        { name: "note", label: "Note", type: "multiline", maxLength: 5 },
        { name: "on", label: "On", type: "date" },
      ],
    },
  } as unknown as CommandSpec;
  const ctx = { partnership: { timeZone: "Europe/London" }, now: NOW } as Context;
  const fieldOf = (raw: Record<string, unknown>) => {
    try {
      checkFormValues(ctx, spec, raw);
    } catch (err) {
      if (err instanceof QuorumError) return [err.code, err.field, err.message];
      throw err;
    }
    return null;
  };

  it("trims, drops empty values and turns dates into days", () => {
    expect(checkFormValues(ctx, spec, { size: " s ", note: "", on: "2026-12-31" })).toEqual({
      size: "s",
      on: "2026-12-31",
    });
  });

  it("names the field of each problem", () => {
    expect(fieldOf({})).toEqual(["missing_argument", "size", "Size is needed."]);
    expect(fieldOf({ size: "xl" })).toEqual(["bad_argument", "size", "Size must be one of: s."]);
    expect(fieldOf({ size: "s", note: "toolong" })).toEqual([
      "too_long",
      "note",
      "Note is 7 characters; the limit is 5.",
    ]);
    expect(fieldOf({ size: "s", on: "31/02" })?.slice(0, 2)).toEqual(["bad_date", "on"]);
  });
});
