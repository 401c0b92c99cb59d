// The chat adapters quorum serve mounts, in order; each decides from the config whether it is active.
import type { AdapterFactory } from "./serve.ts";

export const adapterFactories: AdapterFactory[] = [];
