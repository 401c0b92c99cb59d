// Links people give to board papers: web addresses only (http or https), so a link can never run script
// (javascript:), open a local file or carry someone's password to everyone who reads the agenda.
import { QuorumError } from "../errors.ts";

export const MAX_URL = 2000;

/** The link as the URL standard writes it (spaces and angle brackets percent-encoded), or a clear refusal. */
export function checkPaperUrl(raw: string): string {
  // Slack and e-mail wrap links in <...>; people paste them that way too.
  const typed = raw.trim().replace(/^<(.*)>$/s, "$1");
  const shown = typed.length > 60 ? `${typed.slice(0, 57)}...` : typed;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new QuorumError(
      "bad_argument",
      `"${shown}" is not a web address; give the whole link, starting https://`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new QuorumError(
      "bad_argument",
      `Only web links (https:// or http://) can go on an agenda, not ${url.protocol.replace(/:$/, "")}: links.`,
    );
  if (url.username || url.password)
    throw new QuorumError(
      "bad_argument",
      "That link has a user name or password in it; share a link without them.",
    );
  if (url.href.length > MAX_URL)
    throw new QuorumError("too_long", `The link is ${url.href.length} characters; the limit is ${MAX_URL}.`);
  return url.href;
}
