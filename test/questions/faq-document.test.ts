// The FAQ document parser: council-style plain text and Markdown into question/answer pairs.
import { describe, expect, it } from "vitest";
import { parseFaqDocument, plainLine, questionKey } from "../../src/core/questions/faq-document.ts";
import { fixtureText } from "./helpers.ts";

describe("parseFaqDocument", () => {
  it("reads a council FAQ shaped like the published one: headings, bold questions, bullets", () => {
    const doc = parseFaqDocument(fixtureText());
    expect(doc.entries.map((e) => e.question)).toEqual([
      "What will the community budget achieve?",
      "Who is taking part in the Whole Essex Community Budget?",
      "When must the operational plan be ready?",
      "How was Essex selected as a pilot?",
      "What barriers is the programme trying to remove?",
      "What happened to the Whole Essex Community Budget programme?",
      "Where can I find the evidence behind the programme?",
      "What is the Safer Essex group?",
      "Will the pilot change how providers are paid?",
    ]);
    expect(doc.unanswered).toEqual(["Is there a question without an answer here?"]);
    const achieve = doc.entries[0];
    expect(achieve?.answer).toMatch(
      /^Put plainly, better public services for the people of Essex\.\n\nIn practice/,
    );
    const plan = doc.entries[2];
    expect(plan?.answer).toContain("sets out:\n\n• what a single or pooled budget");
    expect(plan?.answer).toContain(";\n• the outcomes it would deliver");
    expect(doc.entries[3]?.answer).toContain("on 21st December");
  });

  it("keeps the text before the first question out, and joins hard-wrapped lines into one paragraph", () => {
    const doc = parseFaqDocument(
      "Frequently asked questions\r\n\r\nWho pays?\r\nThe partners\r\nshare the cost.\r\n",
    );
    expect(doc.entries).toEqual([
      { question: "Who pays?", answer: "The partners share the cost.", sourceKey: "who pays" },
    ]);
  });

  it("treats a bullet ending in ? as part of the answer, not a new question", () => {
    const doc = parseFaqDocument(
      "What are the barriers?\n\nSeveral:\n  • No legal standing: does this stop pooling?\n  • Short-term plans\n",
    );
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]?.answer).toBe(
      "Several:\n\n• No legal standing: does this stop pooling?\n• Short-term plans",
    );
  });

  it("lets the later answer win when a question appears twice, and finds nothing in a document without questions", () => {
    const doc = parseFaqDocument("Is it free?\nNo.\n\nIS IT FREE?\nYes, for partners.\n");
    expect(doc.entries).toEqual([
      { question: "IS IT FREE?", answer: "Yes, for partners.", sourceKey: "is it free" },
    ]);
    expect(parseFaqDocument("Just a title\n\nSome text.").entries).toEqual([]);
    expect(parseFaqDocument("").entries).toEqual([]);
  });

  it("gives typographic variants of one question the same key", () => {
    expect(questionKey("What’s a  Community Budget?")).toBe(questionKey("what's a community budget"));
    expect(questionKey("Café hours?")).toBe("cafe hours");
    expect(questionKey("???")).toBe("");
  });

  it("strips Markdown emphasis, links and tags from a line", () => {
    expect(plainLine("## **Who** is _involved_? ")).toBe("Who is involved?");
    expect(plainLine("See the [prospectus](#) and [site](https://example.org)")).toBe(
      "See the prospectus and site (https://example.org)",
    );
    expect(plainLine("21<sup>st</sup> December")).toBe("21st December");
  });
});
