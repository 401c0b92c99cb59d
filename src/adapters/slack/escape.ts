// Slack text safety: escape user text for mrkdwn and cut it to Slack's limits without breaking an entity.

/**
 * Slack parses `<...>` in message text as links and mentions (`<!channel>`, `<@U123>`), so every piece of
 * user text is escaped; `&` first, or the entities written for `<` and `>` would be escaped twice.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Undoes escapeMrkdwn: Slack sends message text escaped, and the grammar wants what the person typed. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * Cuts already-escaped text to at most `max` characters, ending with "…" when cut. A cut never lands inside
 * an entity such as `&amp;`, which Slack would show as a stray fragment.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const amp = text.lastIndexOf("&", end);
  if (amp !== -1 && amp > end - 5) {
    const semi = text.indexOf(";", amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  return `${text.slice(0, end)}…`;
}

/**
 * Splits escaped text into pieces of at most `max` characters, preferring line breaks, so a long note
 * becomes several sections instead of being rejected by Slack.
 */
export function chunk(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf("&", cut);
    if (amp !== -1 && amp > cut - 5 && rest.indexOf(";", amp) >= cut) cut = amp;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest.length || !out.length) out.push(rest);
  return out;
}
