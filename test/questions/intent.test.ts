// Reading plain messages without a database: names by short form, records questions, statements.
import { describe, expect, it } from "vitest";
import { type Directory, isQuestion, recordsLine } from "../../src/core/questions/intent.ts";
import { initials, recognise } from "../../src/core/questions/names.ts";

const named = (key: string, name: string, ...exact: string[]) => ({
  key,
  name,
  exact: [key, initials(name), ...exact],
});
const dir: Directory = {
  groups: [
    named("partners", "Essex Partners Board"),
    named("assembly", "Essex Assembly"),
    named("hwb", "Health and Wellbeing Board"),
    named("safer", "Safer Essex"),
    named("escg", "Strategic Coordination Group"),
  ],
  orgs: [
    named("ECC", "Essex County Council"),
    named("POLICE", "Essex Police"),
    named("FIRE", "Essex County Fire and Rescue Service"),
    named("UNI", "University of Essex"),
  ],
  people: [named("sam", "Sam Okafor", "@sam"), named("helen", "Helen Marsh", "@helen")],
  me: "tom",
};

describe("recognising names", () => {
  it("finds groups and organisations by name, slug, code, initials and short forms", () => {
    expect(recognise("the partners board", dir.groups)?.key).toBe("partners");
    expect(recognise("when does the assembly sit", dir.groups)?.key).toBe("assembly");
    expect(recognise("HWB papers", dir.groups)?.key).toBe("hwb");
    expect(recognise("health and wellbeing board", dir.groups)?.key).toBe("hwb");
    expect(recognise("Essex Police's actions", dir.orgs)?.key).toBe("POLICE");
    expect(recognise("the ECC ones", dir.orgs)?.key).toBe("ECC");
  });

  it("does not guess when a word is shared by several names", () => {
    expect(recognise("the board", dir.groups)).toBeNull();
    expect(recognise("essex", dir.orgs)).toBeNull();
    expect(recognise("lunch on friday", dir.groups)).toBeNull();
  });
});

describe("records questions", () => {
  it("turns questions about meetings, actions, chairs and contacts into the command that answers them", () => {
    expect(recordsLine("When is the next partners board meeting?", dir)).toBe("meeting next group:partners");
    expect(recordsLine("when is the next essex assembly?", dir)).toBe("meeting next group:assembly");
    expect(recordsLine("what are my actions?", dir)).toBe("actions mine");
    expect(recordsLine("show my actions", dir)).toBe("actions mine");
    expect(recordsLine("my overdue actions", dir)).toBe("actions overdue owner:@tom");
    expect(recordsLine("which Essex Police actions are overdue?", dir)).toBe("actions overdue org:POLICE");
    expect(recordsLine("open actions for the hwb", dir)).toBe("actions open group:hwb");
    expect(recordsLine("when is Sam's action due?", dir)).toBe("actions open owner:@sam");
    expect(recordsLine("who chairs the assembly?", dir)).toBe("group show assembly");
    expect(recordsLine("who do I talk to about community budgets?", dir)).toBe(
      "contact who do I talk to about community budgets?",
    );
  });

  it("leaves FAQ questions and statements alone", () => {
    expect(recordsLine("What does the Strategic Coordination Group do?", dir)).toBeNull();
    expect(recordsLine("which other areas are piloting community budgets?", dir)).toBeNull();
    expect(recordsLine("the papers for hwb will be late this time", dir)).toBeNull();
    expect(isQuestion("the papers for hwb will be late this time")).toBe(false);
    expect(isQuestion("can you tell me who funds it")).toBe(true);
  });
});
