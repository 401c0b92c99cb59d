// Who minutes mean by "Sam", "Helen (ECC)", "HM", "ECC" or "the Chair": one person, or a flag saying why not.
// Pure over a directory the caller loads once; nothing is ever guessed: two candidates is a flag.
import type { Organisation, Person } from "../types.ts";

export interface Directory {
  /** Active people of the partnership. */
  people: Person[];
  /** Organisations not removed. */
  orgs: Organisation[];
  /** Active members of the meeting's group (an organisation named alone means its one member there). */
  members: Person[];
  chair: Person | null;
  groupName: string;
}

export interface OwnerRead {
  person: Person | null;
  org: Organisation | null;
  /** Why no one person could be chosen; null when `person` is set. */
  flag: string | null;
  /** How the name was read, when it was not a plain name: "ECC's member of HWB". */
  note: string | null;
}

const HONORIFICS = new Set(
  "dr cllr councillor prof professor mr mrs ms miss mx sir dame rev revd ch supt insp di ds dci cc acc".split(
    " ",
  ),
);
const CODE = /^[A-Z][A-Z0-9&-]{1,11}$/;

const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/[.,]/g, " ")
    .split(/\s+/)
    .filter((w) => w && !HONORIFICS.has(w));

const label = (p: Person, orgs: Organisation[]) => {
  const org = orgs.find((o) => o.id === p.organisationId);
  return `${p.name}${org ? ` (${org.code})` : ""}`;
};

/** "Helen (ECC)", "ECC (Helen)", "Helen Marsh, ECC", "ECC: Helen", or one name or code. */
export function splitOwner(text: string): { name: string | null; org: string | null } {
  const t = text.trim().replace(/^owner:\s*/i, "");
  const bracket = /^(.+?)\s*[([]\s*([^)\]]+?)\s*[)\]]$/.exec(t);
  if (bracket?.[1] && bracket[2]) {
    const [a, b] = [bracket[1].trim(), bracket[2].trim()];
    return CODE.test(a) && !CODE.test(b) ? { name: b, org: a } : { name: a, org: b };
  }
  const comma = /^(.+?)\s*[,/]\s*([A-Z][A-Z0-9&-]{1,11})$/.exec(t);
  if (comma?.[1] && comma[2]) return { name: comma[1].trim(), org: comma[2] };
  const lead = /^([A-Z][A-Z0-9&-]{1,11})\s*[:/]\s*(.+)$/.exec(t);
  if (lead?.[1] && lead[2]) return { name: lead[2].trim(), org: lead[1] };
  return { name: t || null, org: null };
}

function findOrg(dir: Directory, text: string): Organisation | null {
  const t = text.trim().toLowerCase();
  return dir.orgs.find((o) => o.code.toLowerCase() === t || o.name.toLowerCase() === t) ?? null;
}

/** Everyone the name could mean, most exact reading first: handle, full name, first name, surname, initials. */
function candidates(people: Person[], name: string): Person[] {
  const raw = name.trim();
  const handle = raw.replace(/^@/, "").toLowerCase();
  if (raw.startsWith("@")) return people.filter((p) => p.handle === handle);
  const wanted = words(raw);
  // A bare handle comes last: "Sam" is a first name first, so a second Sam makes it ambiguous.
  const tries: ((p: Person) => boolean)[] = [
    (p) => words(p.name).join(" ") === wanted.join(" "),
    (p) => wanted.length === 1 && words(p.name)[0] === wanted[0],
    (p) => wanted.length === 1 && words(p.name).at(-1) === wanted[0],
    (p) => /^[A-Z]{2,3}$/.test(raw) && initials(p) === raw.toLowerCase(),
    (p) => p.handle === handle,
  ];
  for (const fits of tries) {
    const found = people.filter(fits);
    if (found.length) return found;
  }
  return [];
}

const initials = (p: Person) =>
  words(p.name)
    .map((w) => w[0])
    .join("");

const read = (
  person: Person | null,
  org: Organisation | null,
  flag: string | null,
  note: string | null = null,
) => ({
  person,
  org,
  flag,
  note,
});

/** The owner (and organisation) minutes name, or a flag saying what to fix. */
export function resolveOwner(dir: Directory, ownerText: string | null, orgText: string | null): OwnerRead {
  if (!ownerText?.trim() && !orgText?.trim()) return read(null, null, "no owner is named", null);
  const split = splitOwner(ownerText ?? "");
  const orgWords = orgText?.trim() || split.org;
  const org = orgWords ? findOrg(dir, orgWords) : null;
  const name = split.name;
  if (orgWords && !org) {
    // "Helen (Finance)": a team, not a known code; the person alone decides.
    if (!name) return read(null, null, `there is no organisation "${orgWords}"`);
  }
  if (name && !org && !orgText && findOrg(dir, name))
    return memberOf(dir, findOrg(dir, name) as Organisation);
  if (!name) return org ? memberOf(dir, org) : read(null, null, "no owner is named");
  if (/\s(?:and|&)\s|[/,]/.test(name))
    return read(null, org, `"${name}" names more than one person: an action has one owner`);
  if (/^(?:the\s+)?chair$/i.test(name)) {
    return dir.chair
      ? read(dir.chair, org, null, `the chair of ${dir.groupName}`)
      : read(null, org, `${dir.groupName} has no chair recorded`);
  }
  if (/^all(?:\s+(?:partners|members|organisations))?$/i.test(name))
    return read(null, org, `"${name}" is not one person: give each partner their own line`);
  const inOrg = org
    ? candidates(
        dir.people.filter((p) => p.organisationId === org.id),
        name,
      )
    : [];
  const found = inOrg.length ? inOrg : candidates(dir.people, name);
  if (found.length === 1 && found[0]) return read(found[0], org, null);
  if (found.length === 0) return read(null, org, `no one called "${name}" is in the partnership`);
  const names = found
    .slice(0, 4)
    .map((p) => `${label(p, dir.orgs)}`)
    .join(" or ");
  return read(null, org, `"${name}" could be ${names}`);
}

/** An organisation named alone: its one member of the meeting's group, or a flag. */
function memberOf(dir: Directory, org: Organisation): OwnerRead {
  const there = dir.members.filter((p) => p.organisationId === org.id);
  if (there.length === 1 && there[0])
    return read(there[0], org, null, `${org.code}'s member of ${dir.groupName}`);
  const why = there.length
    ? `${there.length} people from ${org.code} are on ${dir.groupName}`
    : `no one from ${org.code} is on ${dir.groupName}`;
  return read(null, org, `${org.code} is named but not a person (${why})`);
}
