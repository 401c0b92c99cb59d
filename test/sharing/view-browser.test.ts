// The shared page in a real browser: Debian's chromium driven by playwright-core (never a downloaded browser),
// at 320 px and 1024 px and in print, with a screenshot of each in test-output/view-page/.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFresh } from "../helpers/fresh.ts";
import { openViewServer } from "./view-server.ts";

const CHROMIUM = process.env.QUORUM_TEST_CHROMIUM ?? "/usr/bin/chromium";
const OUT = join(import.meta.dirname, "..", "..", "test-output", "view-page");
const missing = !existsSync(CHROMIUM);
if (missing)
  console.warn(
    `Skipping the shared page's browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set QUORUM_TEST_CHROMIUM).`,
  );

describe.skipIf(missing)("the shared page in Chromium", () => {
  const s = useFresh(openViewServer);
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // --no-sandbox: CI runs as root, where Chromium's sandbox will not start.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page at a width, failing the test on any console error or uncaught page error. */
  async function open(width: number): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await s.say(
      "jo",
      `action add "A title with <b>markup</b> & a very-long-unbroken-word-${"x".repeat(60)}" owner:@helen group:hwb`,
    );
    const res = await page.goto(await s.share("helen", "hwb"));
    expect(res?.status()).toBe(200);
    return { page, problems };
  }

  const overdueRow = (page: Page) =>
    page.getByRole("row", { name: /Circulate the draft health and wellbeing strategy/ });

  it.each([320, 1024])(
    "at %i px the overdue action is visible and marked overdue, with nothing cut off",
    async (width) => {
      const { page, problems } = await open(width);
      await expect.poll(() => overdueRow(page).isVisible()).toBe(true);
      expect(await overdueRow(page).getByRole("cell", { name: "Overdue" }).isVisible()).toBe(true);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Health and Wellbeing Board");
      expect(await page.getByRole("heading", { level: 2, name: "Next meeting" }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Matters-arising paper (Word)" }).isVisible()).toBe(true);
      // The hostile-looking title shows as text, not markup.
      expect(await page.getByText("A title with <b>markup</b>").count()).toBe(1);
      // Readable without sideways scrolling, even at 320 px.
      // A string, so the test needs no DOM types: the page's full width against the window's.
      const widths = (await page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]",
      )) as number[];
      expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
      await page.screenshot({ path: join(OUT, `hwb-${width}px.png`), fullPage: true });
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );

  it("prints without the download links, keeping the actions", async () => {
    const { page, problems } = await open(1024);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("heading", { name: "Downloads" }).isVisible()).toBe(false);
    expect(await overdueRow(page).isVisible()).toBe(true);
    await page.screenshot({ path: join(OUT, "hwb-print.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
