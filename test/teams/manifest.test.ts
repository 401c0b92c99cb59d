// The Teams app package: manifest valid against Microsoft's schema (v1.29), real commands, icons as Teams wants.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { strFromU8, unzipSync } from "fflate";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { MANIFEST_DIR, teamsManifest, teamsPackage } from "../../scripts/package-teams-app.ts";
import { formOpenedBy } from "../../src/core/commands/forms.ts";
import { matchCommand } from "../../src/core/commands/parse.ts";
import { buildRegistry } from "../../src/core/commands/registry.ts";

const APP_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d5e8b7c6a10";
// Microsoft's schema, copied with its MIT licence into test/fixtures/schemas so tests do not need ../shared.
const schema = JSON.parse(
  readFileSync(new URL("../fixtures/schemas/teams-manifest.schema.json", import.meta.url), "utf8"),
);
const committed = JSON.parse(readFileSync(`${MANIFEST_DIR}/manifest.json`, "utf8"));

function validator() {
  // The file declares draft-04 but uses later keywords (const); Ajv's default draft reads it correctly.
  const { $schema: _draft, ...body } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  return ajv.compile(body);
}

describe("Teams manifest", () => {
  const validate = validator();

  it("validates against the official schema, as committed and as packaged", () => {
    expect(validate(committed), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const packaged = teamsManifest({ appId: APP_ID, domain: "https://quorum.example.org/api/messages" });
    expect(validate(packaged), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(packaged).toMatchObject({ id: APP_ID, manifestVersion: "1.29", bots: [{ botId: APP_ID }] });
    expect(packaged.validDomains).toEqual(["token.botframework.com", "quorum.example.org"]);
  });

  it("would catch a broken manifest (the validator is not a rubber stamp)", () => {
    expect(validate({ ...committed, id: "not-a-guid" })).toBe(false);
    expect(validate({ ...committed, manifestVersion: "1.16" })).toBe(false);
  });

  it("puts the bot in personal, team and group chat scopes", () => {
    expect(committed.bots[0].scopes).toEqual(["personal", "team", "groupChat"]);
  });

  it("lists only commands Quorum understands, described by their own summaries", () => {
    const specs = buildRegistry();
    for (const list of committed.bots[0].commandLists) {
      for (const { title, description } of list.commands) {
        if (formOpenedBy(specs, title)) continue; // words that open a form (New action), not a command
        const match = matchCommand(specs, title.split(" "));
        expect(match, `manifest command "${title}"`).not.toBeNull();
        expect(description, title).toBe(match?.spec.summary);
      }
    }
  });
});

describe("Teams icons", () => {
  const png = (name: string) => PNG.sync.read(readFileSync(`${MANIFEST_DIR}/${name}`));

  it("has a 192x192 opaque colour icon", () => {
    const color = png("color.png");
    expect([color.width, color.height]).toEqual([192, 192]);
    let translucent = 0;
    for (let i = 3; i < color.data.length; i += 4) if (color.data[i] !== 255) translucent++;
    expect(translucent).toBe(0);
  });

  it("has a 32x32 outline icon that is white on transparent", () => {
    const outline = png("outline.png");
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    let coloured = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if ((outline.data[i + 3] ?? 0) === 0) continue;
      drawn++;
      if (outline.data[i] !== 255 || outline.data[i + 1] !== 255 || outline.data[i + 2] !== 255) coloured++;
    }
    expect(coloured).toBe(0);
    expect(outline.data[3]).toBe(0); // top-left corner is transparent
    expect(drawn).toBeGreaterThan(50);
  });
});

describe("npm run package:teams", () => {
  it("zips the manifest and both icons at the root with the bot's ids", () => {
    const files = unzipSync(teamsPackage({ appId: APP_ID, version: "1.0.1" }));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array));
    expect(manifest).toMatchObject({ id: APP_ID, version: "1.0.1", bots: [{ botId: APP_ID }] });
    expect(files["color.png"]).toEqual(new Uint8Array(readFileSync(`${MANIFEST_DIR}/color.png`)));
  });

  it("refuses an app id that is not a GUID", () => {
    expect(() => teamsPackage({ appId: "quorum-bot" })).toThrow(/GUID/);
  });
});
