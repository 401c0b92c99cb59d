// The chat adapters quorum serve mounts, in order; each decides from the config whether it is active.
import { slackAdapterFactory } from "../adapters/slack/slack-adapter.ts";
import { teamsAdapterFactory } from "../adapters/teams/teams-adapter.ts";
import type { AdapterFactory } from "./serve.ts";

export const adapterFactories: AdapterFactory[] = [slackAdapterFactory, teamsAdapterFactory];
