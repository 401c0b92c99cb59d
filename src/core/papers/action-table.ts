// The action log as a flat table: one row per action, every field and its latest note (for CSV and xlsx).
import { actionRef } from "../actions/service.ts";
import { meetingRef } from "../meetings/service.ts";
import { localDate } from "../time/zone.ts";
import type { ActionView } from "../types.ts";
import type { Table } from "./documents.ts";

export const ACTION_COLUMNS = [
  "Ref",
  "Title",
  "Status",
  "Owner",
  "Owner handle",
  "Organisation",
  "Group",
  "Due",
  "Meeting",
  "Meeting date",
  "Created",
  "Closed",
  "Latest note",
  "Latest note date",
];

/** Dates stay ISO (YYYY-MM-DD) so a spreadsheet sorts them; times are local dates in the partnership zone. */
export function actionTable(
  title: string,
  list: ActionView[],
  notes: ReadonlyMap<number, { text: string; at: Date }>,
  zone: string,
): Table {
  const rows = list.map((a) => {
    const note = notes.get(a.id);
    return [
      actionRef(a.number),
      a.title,
      a.status,
      a.ownerName,
      a.ownerHandle,
      a.orgCode ?? "",
      a.groupSlug ?? "",
      a.dueOn ?? "",
      a.meetingId ? meetingRef(a.meetingId) : "",
      a.meetingDate ?? "",
      localDate(a.createdAt, zone),
      a.closedAt ? localDate(a.closedAt, zone) : "",
      note?.text ?? "",
      note ? localDate(note.at, zone) : "",
    ];
  });
  return { title, columns: ACTION_COLUMNS, rows };
}
