// Issue 13 item 2: workspace tokens at rest are AES-256-GCM ciphertext under QUORUM_SECRET_KEY; the data
// folder and the table never hold the plaintext; quorum secrets rotate re-seals under a new key.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { parseKey, secretBox, secretBoxFrom } from "../../src/store/secret-box.ts";
import { workspaceTokenStore } from "../../src/store/workspace-token-store.ts";
import { type CliDatabase, freshCliDatabase } from "../helpers/cli-run.ts";

const newKey = () => randomBytes(32).toString("base64");

describe("the secret box", () => {
  it("opens what it sealed, only in the same context, and names a missing key by its id", () => {
    const old = parseKey(newKey(), "K");
    const box = secretBox(old);
    const sealed = box.seal("xoxb-plain", "slack:T1:bot");
    expect(sealed.value).not.toContain("xoxb");
    expect(box.open(sealed, "slack:T1:bot")).toBe("xoxb-plain");
    expect(() => box.open(sealed, "slack:T2:bot")).toThrow();
    const other = secretBox(parseKey(newKey(), "K"));
    expect(() => other.open(sealed, "slack:T1:bot")).toThrow(old.id);
  });

  it("refuses a value with a shortened tag or cut short, which GCM would otherwise check more weakly", () => {
    const box = secretBox(parseKey(newKey(), "K"));
    const sealed = box.seal("xoxb-plain", "slack:T1:bot");
    const raw = Buffer.from(sealed.value, "base64");
    const cut = (bytes: Buffer) => ({ keyId: sealed.keyId, value: bytes.toString("base64") });
    expect(() => box.open(cut(raw.subarray(0, 20)), "slack:T1:bot")).toThrow(/too short/);
    // Nonce, a 4-byte tag and the body: Node accepts such a tag unless the length is pinned.
    const shortTag = Buffer.concat([raw.subarray(0, 16), raw.subarray(28)]);
    expect(() => box.open(cut(shortTag), "slack:T1:bot")).toThrow();
  });

  it("refuses a key that is not 32 bytes of base64, saying how to make one", () => {
    expect(() => parseKey("c2hvcnQ=", "QUORUM_SECRET_KEY")).toThrow(/openssl rand -base64 32/);
  });
});

describe("configuration", () => {
  const oauth = {
    SLACK_CLIENT_ID: "1.2",
    SLACK_CLIENT_SECRET: "s",
    SLACK_STATE_SECRET: "st",
    SLACK_SIGNING_SECRET: "sig",
  };
  it("refuses multi-workspace mode without a key, and says how to make one", () => {
    expect(() => loadConfig(oauth)).toThrow(/QUORUM_SECRET_KEY.*openssl rand -base64 32/s);
  });
  it("refuses a malformed key and a bot token beside OAuth", () => {
    expect(() => loadConfig({ ...oauth, QUORUM_SECRET_KEY: "not-a-key" })).toThrow(/QUORUM_SECRET_KEY/);
    expect(() => loadConfig({ ...oauth, QUORUM_SECRET_KEY: newKey(), SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
      /both set/,
    );
  });
  it("keeps single-token mode as it was", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "sig" });
    expect(config.slack?.botToken).toBe("xoxb-1");
    expect(config.slack?.oauth).toBeUndefined();
  });
});

describe("tokens in the database", () => {
  let cli: CliDatabase;
  beforeEach(async () => {
    cli = await freshCliDatabase();
    expect((await cli.run(["migrate"])).code).toBe(0);
  });
  afterEach(() => cli.close());

  const team = `TSEAL${randomBytes(3).toString("hex").toUpperCase()}`;
  const bot = `xoxb-${randomBytes(12).toString("hex")}`;
  const refresh = `xoxe-1-${randomBytes(12).toString("hex")}`;

  async function save(key: string) {
    const database = await openDatabase(cli.url);
    try {
      const store = workspaceTokenStore(database.db, secretBoxFrom({ current: key, old: [] }));
      await store.save({
        teamId: team,
        scopes: ["chat:write"],
        botToken: bot,
        refreshToken: refresh,
        expiresAt: 1,
      });
      expect((await store.get(team))?.botToken).toBe(bot);
    } finally {
      await database.close();
    }
  }

  /** Every file under the PGlite data folder, searched for the bytes; PostgreSQL keeps its files elsewhere. */
  function folderHolds(text: string): boolean | undefined {
    if (cli.url.startsWith("postgres")) return undefined;
    const needle = Buffer.from(text);
    const walk = (dir: string): boolean =>
      readdirSync(dir).some((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : readFileSync(path).includes(needle);
      });
    return walk(fileURLToPath(cli.url));
  }

  it("stores only ciphertext: neither token is in the table or the data folder", async () => {
    await save(newKey());
    const rows = await cli.rows<Record<string, unknown>>(`select * from slack_installations`);
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).toContain(team);
    expect(dump).not.toContain(bot);
    expect(dump).not.toContain(refresh);
    // The search can find what is there (the team id), so finding nothing else means something.
    const folder = folderHolds(team);
    if (folder !== undefined) {
      expect(folder).toBe(true);
      expect(folderHolds(bot)).toBe(false);
      expect(folderHolds(refresh)).toBe(false);
    }
  });

  it("re-seals under a new key with quorum secrets rotate, after which the old key is not needed", async () => {
    const oldKey = newKey();
    await save(oldKey);
    const next = newKey();
    const rotated = await cli.run(["secrets", "rotate"], {
      env: { QUORUM_SECRET_KEY: next, QUORUM_SECRET_KEY_OLD: oldKey },
    });
    expect(rotated.stdout).toContain("Re-encrypted 1");
    expect(rotated.code).toBe(0);
    const [row] = await cli.rows<{ key_id: string }>(`select key_id from slack_installations`);
    expect(row?.key_id).toBe(parseKey(next, "k").id);
    const database = await openDatabase(cli.url);
    try {
      const store = workspaceTokenStore(database.db, secretBoxFrom({ current: next, old: [] }));
      expect((await store.get(team))?.refreshToken).toBe(refresh);
    } finally {
      await database.close();
    }
    const again = await cli.run(["secrets", "rotate"], { env: { QUORUM_SECRET_KEY: next } });
    expect(again.stdout).toContain("Re-encrypted 0");
    // Without the old key, the rows sealed under it can't be opened: the command says which key is missing.
    const lost = await cli.run(["secrets", "rotate"], { env: { QUORUM_SECRET_KEY: newKey() } });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(parseKey(next, "k").id);
    expect(lost.stderr).not.toContain(next);
  });
});

describe("quorum secrets rotate", () => {
  it("refuses to rotate without a key, saying how to make one", async () => {
    const cli = await freshCliDatabase();
    const res = await cli.run(["secrets", "rotate"]).finally(() => cli.close());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("openssl rand -base64 32");
  });
});
