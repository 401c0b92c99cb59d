// The chat adapters quorum serve runs, in order; each decides from the config whether it is active. A new
// platform is one folder under src/adapters exporting an AdapterFactory, plus one entry here. Each SDK is
// imported only when the config names its platform: bolt and the Teams SDK take ~0.5 s each to load, a
// cost no shell command and no single-platform server should pay.
import type { AdapterFactory } from "../adapters/factory.ts";
import type { Config } from "../config.ts";

interface AdapterEntry {
  /** Whether the config asks for this platform (the factory still decides, and validates the settings). */
  wanted(config: Config): boolean;
  load(): Promise<AdapterFactory>;
}

const ADAPTERS: AdapterEntry[] = [
  {
    wanted: (config) => Boolean(config.slack),
    load: async () => (await import("../adapters/slack/slack-adapter.ts")).slackAdapterFactory,
  },
  {
    wanted: (config) => Boolean(config.teams),
    load: async () => (await import("../adapters/teams/teams-adapter.ts")).teamsAdapterFactory,
  },
  {
    wanted: (config) => Boolean(config.email),
    load: async () => (await import("../adapters/email/email-adapter.ts")).emailAdapterFactory,
  },
];

/** The factories of the platforms this config names, in order, each SDK loaded on first need. */
export async function loadAdapterFactories(config: Config): Promise<AdapterFactory[]> {
  return Promise.all(ADAPTERS.filter((a) => a.wanted(config)).map((a) => a.load()));
}
