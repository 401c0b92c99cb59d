// The full command list: every platform parses against this one list.
import { accessCommands } from "./access-commands.ts";
import { actionCommands } from "./action-commands.ts";
import { agendaCommands } from "./agenda-commands.ts";
import { calendarCommands } from "./calendar-commands.ts";
import { channelCommands } from "./channel-commands.ts";
import { closureCommands } from "./closure-commands.ts";
import { decisionCommands } from "./decision-commands.ts";
import { deskCommands } from "./desk-commands.ts";
import { digestCommands } from "./digest-commands.ts";
import { directoryCommands } from "./directory-commands.ts";
import { faqCommands } from "./faq-commands.ts";
import { faqReviewCommands } from "./faq-review-commands.ts";
import { groupCommands } from "./group-commands.ts";
import { helpCommand } from "./help-commands.ts";
import { homeCommands } from "./home-commands.ts";
import { linkCommands } from "./link-commands.ts";
import { meetingCommands } from "./meeting-commands.ts";
import { meetingManageCommands } from "./meeting-manage-commands.ts";
import { minutesCommands } from "./minutes-commands.ts";
import { orgCommands } from "./org-commands.ts";
import { paperCommands } from "./paper-commands.ts";
import { partnershipCommands } from "./partnership-commands.ts";
import { personCommands } from "./person-commands.ts";
import { questionCommands } from "./question-commands.ts";
import { reachCommands } from "./reach-commands.ts";
import { remindCommands } from "./remind-commands.ts";
import { shareCommands } from "./share-commands.ts";
import type { CommandSpec } from "./spec.ts";
import { topicCommands } from "./topic-commands.ts";
import { workspaceCommands } from "./workspace-commands.ts";

export function buildRegistry(extra: CommandSpec[] = []): CommandSpec[] {
  const specs: CommandSpec[] = [];
  specs.push(
    helpCommand(() => specs),
    ...directoryCommands,
    ...partnershipCommands,
    ...orgCommands,
    ...personCommands,
    ...accessCommands,
    ...workspaceCommands,
    ...linkCommands,
    ...groupCommands,
    ...shareCommands,
    ...actionCommands,
    ...meetingCommands,
    ...meetingManageCommands,
    ...calendarCommands,
    ...closureCommands,
    ...agendaCommands,
    ...decisionCommands,
    ...paperCommands,
    ...minutesCommands,
    ...channelCommands,
    ...digestCommands,
    ...remindCommands,
    ...homeCommands,
    ...questionCommands,
    ...faqCommands,
    ...faqReviewCommands,
    ...deskCommands,
    ...topicCommands,
    ...reachCommands,
    ...extra,
  );
  return specs;
}
