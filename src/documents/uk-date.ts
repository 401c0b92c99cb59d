// Dates the way a UK papers pack writes them: 22/01/2027 in tables, Friday 22 January 2027 in headings.
import { DateTime } from "luxon";

const fromIso = (iso: string) => DateTime.fromISO(iso, { zone: "UTC", locale: "en-GB" });

/** "22/01/2027"; an empty string for no date. */
export const ukDate = (iso: string | null) => (iso ? fromIso(iso).toFormat("dd/LL/yyyy") : "");

/** "Friday 22 January 2027". */
export const ukLongDate = (iso: string) => fromIso(iso).toFormat("cccc d LLLL yyyy");
