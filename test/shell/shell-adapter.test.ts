// The shell adapter's own parts, without a database: its words, the events it sends, how a post is
// marked, and a terminal where posts never cut into a reply.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createShellAdapter } from "../../src/adapters/shell/shell-adapter.ts";
import { createShellConsole } from "../../src/adapters/shell/shell-console.ts";
import { promptFor, readShellWord, shellEvent } from "../../src/adapters/shell/shell-place.ts";
import { postHeading, renderPost } from "../../src/adapters/shell/shell-sender.ts";
import { card } from "../../src/core/card.ts";
import type { DeliveryTarget } from "../../src/core/outbound.ts";
import type { Quorum } from "../../src/core/quorum.ts";

const channel = (id: string, tenant = "demo"): DeliveryTarget => ({
  platform: "shell",
  tenant,
  kind: "channel",
  id,
  ref: null,
  label: `#${id}`,
});
const person = (id: string, label: string): DeliveryTarget => ({ ...channel(id), kind: "person", label });
const viewer = (user: string, where: string | null) => ({ place: { user, channel: where }, tenant: "demo" });

describe("the shell's words", () => {
  it("reads as, channel and dm, and refuses a channel name Slack would not take", () => {
    expect(readShellWord("as @Sam")).toEqual({ kind: "as", user: "sam" });
    expect(readShellWord("channel #Partners-Board")).toEqual({ kind: "channel", channel: "partners-board" });
    expect(readShellWord("channel")).toEqual({ kind: "channel", channel: null });
    expect(readShellWord("DM")).toEqual({ kind: "channel", channel: null });
    expect(readShellWord("channel partners board")).toMatchObject({
      kind: "refused",
      message: expect.stringContaining('"partners board" is not a channel name'),
    });
    expect(readShellWord("channel \u001b[2Jx")).toMatchObject({ message: expect.stringContaining("␛[2Jx") });
    expect(readShellWord("channels")).toBeNull();
    expect(readShellWord("digest now")).toBeNull();
  });

  it("says where it is in the prompt and in the event's conversation; @Quorum in front is dropped", () => {
    expect(promptFor({ user: "jo", channel: null })).toBe("quorum @jo> ");
    expect(promptFor({ user: "jo", channel: "hwb-board" })).toBe("quorum @jo #hwb-board> ");
    expect(shellEvent("jo", "@Quorum digest now", "demo", "hwb-board")).toEqual({
      platform: "shell",
      tenant: "demo",
      userId: "jo",
      text: "digest now",
      conversation: { id: "hwb-board", kind: "channel", name: "#hwb-board" },
      mention: true,
    });
    expect(shellEvent("jo", "whoami").conversation).toEqual({ id: "shell:jo", kind: "direct" });
  });
});

describe("a delivered post", () => {
  it("is marked with where it was posted and for whom, relative to where the shell is", () => {
    expect(postHeading(channel("hwb-board"), viewer("jo", "hwb-board"))).toBe(
      "── Quorum posted in #hwb-board (here) ──",
    );
    expect(postHeading(channel("hwb-board"), viewer("jo", null))).toBe("── Quorum posted in #hwb-board ──");
    expect(postHeading(person("jo", "Jo Whitfield"), viewer("jo", null))).toBe(
      "── Quorum to you (@jo), direct message ──",
    );
    expect(postHeading(person("sam", "Sam Okafor"), viewer("jo", null))).toBe(
      "── Quorum to Sam Okafor (@sam), direct message ──",
    );
    expect(postHeading(channel("hwb-board", "kent"), viewer("jo", "hwb-board"))).toBe(
      "── Quorum posted in #hwb-board [partnership kent] ──",
    );
  });

  it("shows control characters from any platform's text instead of sending them to the terminal", () => {
    const shown = renderPost(channel("x"), { card: card("t", []), text: "a\u001b]0;pwned\u0007b" });
    expect(shown).not.toContain("\u001b");
    expect(shown).toContain("── Quorum posted in #x ──\na␛]0;pwned␇b\n");
  });
});

describe("the shell's terminal", () => {
  it("holds a post that arrives while a command runs until its reply is printed", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (d) => (text += d));
    const terminal = createShellConsole(out, false);
    let answer: () => void = () => {};
    const running = terminal.running(async () => {
      terminal.write("first half of the reply");
      await new Promise<void>((r) => {
        answer = r;
      });
      terminal.write("second half");
    });
    terminal.post("── a post ──\nhello\n");
    answer();
    await running;
    terminal.post("── another ──\n");
    expect(text).toBe("first half of the reply\nsecond half\n── a post ──\nhello\n── another ──\n");
  });

  it("runs each line where the shell is, and its sender prints through the same terminal", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => (text += d));
    const seen: string[] = [];
    const quorum = {
      handle: async (e: { conversation: { id: string }; userId: string; text: string }) => {
        seen.push(`${e.userId}@${e.conversation.id}: ${e.text}`);
        return card(`ok ${e.text}`, []);
      },
    } as unknown as Quorum;
    const shell = createShellAdapter({ input, output, interactive: false, user: "jo", tenant: "demo" });
    const done = shell.run({
      quorum,
      afterEach: async () => {
        await shell.sender.send(channel("board"), { card: card("d", []), text: "the digest" });
      },
    });
    input.end("channel board\ndigest now\nas sam\ndm\nwhoami\n");
    await done;
    expect(seen).toEqual(["jo@board: digest now", "sam@shell:sam: whoami"]);
    expect(text).toContain("ok digest now\n\n── Quorum posted in #board (here) ──\nthe digest\n\n");
    expect(text).toContain("ok whoami\n\n── Quorum posted in #board ──\nthe digest\n");
    expect(shell.platform).toBe("shell");
  });
});
