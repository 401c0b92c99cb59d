// One Web API client for every workspace: each call carries the token of the workspace whose request it serves.
import { AsyncLocalStorage } from "node:async_hooks";
import { webApi } from "@slack/bolt";

const requestToken = new AsyncLocalStorage<string>();

/**
 * Runs `work` (and everything it awaits) with `token` as the bot token: bolt's middleware calls this once
 * per request with the token its authorize found, so replies, look-ups and the App Home all speak to the
 * workspace the request came from, without every call site passing a token.
 */
export function withRequestToken<T>(token: string | undefined, work: () => Promise<T>): Promise<T> {
  return token ? requestToken.run(token, work) : work();
}

/** A WebClient whose calls use the current request's token unless given one (or its own, single-token mode). */
export class TeamClient extends webApi.WebClient {
  override apiCall(method: string, options: Record<string, unknown> = {}): Promise<webApi.WebAPICallResult> {
    const token = requestToken.getStore();
    return super.apiCall(method, token && options.token === undefined ? { ...options, token } : options);
  }
}
