// npm run package:teams: the zip a Teams admin uploads (manifest with this bot's ids, plus the two icons).
// A build script, not part of the running app: it reads its one setting (TEAMS_APP_ID) itself.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { strToU8, zipSync } from "fflate";

export const MANIFEST_DIR = fileURLToPath(new URL("../manifests/teams/", import.meta.url));
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** The Entra app (client) id of the bot registration: the Teams app id and the bot id. */
  appId: string;
  /** The public host of Quorum's /api/messages, added to validDomains. */
  domain?: string;
  /** Overrides the manifest's version (Teams wants a higher one for each update of the package). */
  version?: string;
  dir?: string;
}

export function teamsManifest(opts: PackageOptions): Record<string, unknown> {
  if (!GUID.test(opts.appId)) {
    throw new Error(
      `The Teams app id must be the bot's Entra application (client) id, a GUID; got "${opts.appId}".`,
    );
  }
  const manifest = JSON.parse(readFileSync(resolve(opts.dir ?? MANIFEST_DIR, "manifest.json"), "utf8"));
  manifest.id = opts.appId;
  for (const bot of manifest.bots ?? []) bot.botId = opts.appId;
  if (opts.version) manifest.version = opts.version;
  const domain = opts.domain ? hostOf(opts.domain) : undefined;
  if (domain && !manifest.validDomains.includes(domain)) manifest.validDomains.push(domain);
  return manifest;
}

/** "https://quorum.example.org/api/messages" and "quorum.example.org" both mean quorum.example.org. */
export function hostOf(domain: string): string {
  const trimmed = domain.trim();
  const host = /^[a-z]+:\/\//i.test(trimmed) ? new URL(trimmed).host : trimmed.split("/")[0];
  if (!host) throw new Error(`"${domain}" is not a host name.`);
  return host.toLowerCase();
}

/** The zip's three files sit at its root, as Teams requires (no folder inside the zip). */
export function teamsPackage(opts: PackageOptions): Uint8Array {
  const dir = opts.dir ?? MANIFEST_DIR;
  return zipSync({
    "manifest.json": strToU8(`${JSON.stringify(teamsManifest(opts), null, 2)}\n`),
    "color.png": readFileSync(resolve(dir, "color.png")),
    "outline.png": readFileSync(resolve(dir, "outline.png")),
  });
}

const USAGE =
  "Usage: npm run package:teams -- [--app-id <guid>] [--domain <host>] [--version <semver>] [--out <file>]\n" +
  "The app id defaults to TEAMS_APP_ID.\n";

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      "app-id": { type: "string" },
      domain: { type: "string" },
      version: { type: "string" },
      out: { type: "string", default: "dist/quorum-teams.zip" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const appId = values["app-id"] ?? (process.env.TEAMS_APP_ID?.trim() || undefined);
  if (!appId) {
    process.stderr.write(`Set TEAMS_APP_ID or pass --app-id.\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out ?? "dist/quorum-teams.zip");
  const zip = teamsPackage({
    appId,
    ...(values.domain ? { domain: values.domain } : {}),
    ...(values.version ? { version: values.version } : {}),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(
    `Wrote ${out} (${zip.length} bytes). Upload it in the Teams admin centre or sideload it.\n`,
  );
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
