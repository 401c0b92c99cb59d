// The chat adapters quorum serve runs, in order; each decides from the config whether it is active. A new
// platform is one folder under src/adapters exporting an AdapterFactory, plus one line here.

import { emailAdapterFactory } from "../adapters/email/email-adapter.ts";
import type { AdapterFactory } from "../adapters/factory.ts";
import { slackAdapterFactory } from "../adapters/slack/slack-adapter.ts";
import { teamsAdapterFactory } from "../adapters/teams/teams-adapter.ts";

export const adapterFactories: AdapterFactory[] = [
  slackAdapterFactory,
  teamsAdapterFactory,
  emailAdapterFactory,
];
