// Which Bot Connector addresses Quorum will call: Microsoft's channel hosts only, normalised, never with credentials.
import { isLoopbackHost } from "../../config.ts";

/**
 * The hosts the Bot Framework gives as an activity's serviceUrl: Teams in the commercial cloud
 * (smba.trafficmanager.net/<region>), GCC, GCC High and DoD, and the Bot Framework's other channels.
 */
export const MICROSOFT_CHANNEL_HOSTS: readonly string[] = [
  "smba.trafficmanager.net",
  "smba.infra.gcc.teams.microsoft.com",
  "smba.infra.gov.teams.microsoft.us",
  "smba.infra.dod.teams.microsoft.us",
  "*.botframework.com",
];

export type ServiceUrlCheck = { ok: true; url: string } | { ok: false; reason: string; host?: string };
export type ServiceUrlPolicy = (raw: unknown) => ServiceUrlCheck;

/**
 * Patterns are a host ("smba.trafficmanager.net"), a host and port ("127.0.0.1:4000") or a wildcard
 * for any subdomain ("*.botframework.com", which does not match botframework.com itself).
 */
export function serviceUrlPolicy(patterns: readonly string[] = []): ServiceUrlPolicy {
  const allowed = (patterns.length > 0 ? patterns : MICROSOFT_CHANNEL_HOSTS).map((p) => p.toLowerCase());
  return (raw) => checkServiceUrl(raw, allowed);
}

/**
 * A usable serviceUrl is https (http only on a loopback address, for local fakes), names no user or
 * password, has no query or fragment, and its host is allowed. It comes back as scheme, host and path,
 * without a trailing slash, so nothing an activity adds to it is carried into a request.
 */
export function checkServiceUrl(raw: unknown, allowed: readonly string[]): ServiceUrlCheck {
  if (typeof raw !== "string" || !raw.trim()) return { ok: false, reason: "no serviceUrl" };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  const host = url.host.toLowerCase();
  if (url.username || url.password) return { ok: false, reason: "carries credentials", host };
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) {
    return { ok: false, reason: "carries a query or fragment", host };
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!secure) return { ok: false, reason: `${url.protocol} is not https`, host };
  if (!allowed.some((p) => hostMatches(p, url))) return { ok: false, reason: "host not allowed", host };
  return { ok: true, url: `${url.protocol}//${host}${url.pathname.replace(/\/+$/, "")}` };
}

function hostMatches(pattern: string, url: URL): boolean {
  const bare = (h: string) => h.toLowerCase().replace(/^\[|\]$/g, "");
  if (pattern.startsWith("*.")) return bare(url.hostname).endsWith(pattern.slice(1));
  // A pattern with a port (host:port, [v6]:port) pins the port too.
  if (/^(\[[^\]]+\]|[^:]+):\d+$/.test(pattern)) return url.host.toLowerCase() === pattern;
  return bare(url.hostname) === bare(pattern);
}
