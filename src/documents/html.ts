// HTML escaping for every page Quorum writes: text from users is always escaped, never trusted as markup.
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
