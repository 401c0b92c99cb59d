// Binds the core to one Teams activity's sender: run a grammar line, submit a form's values, open a form.
import type { Card } from "../../core/card.ts";
import { commandAt } from "../../core/commands/forms.ts";
import type { InboundEvent } from "../../core/inbound.ts";
import type { Quorum } from "../../core/quorum.ts";
import type { FormInput } from "./action-form.ts";
import type { Runner } from "./invoke.ts";

/** An activity's sender as an event carrying `text`, or a card saying why the activity has none. */
export type EventOf = (text: string) => Promise<InboundEvent | Card>;

const isCard = (e: InboundEvent | Card): e is Card => "blocks" in e;

export function teamsRunner(quorum: Quorum, eventOf: EventOf): Runner {
  // Structured calls carry no text; one event serves a submit and the re-opened form after it.
  let structured: Promise<InboundEvent | Card> | undefined;
  const bare = () => {
    structured ??= eventOf("");
    return structured;
  };
  return {
    async line(line) {
      const event = await eventOf(line);
      return isCard(event) ? event : quorum.handle(event);
    },
    async form(command, values) {
      const event = await bare();
      return isCard(event) ? event : quorum.run(event, command, fieldsOnly(quorum, command, values));
    },
    async open(command) {
      const event = await bare();
      return isCard(event) ? { ok: false, card: event } : quorum.openForm(event, command);
    },
  };
}

/** Teams merges the button's own data with the inputs; only the form's fields go to the core. */
function fieldsOnly(quorum: Quorum, command: string[], values: FormInput): FormInput {
  const names = new Set(commandAt(quorum.commands, command)?.form?.fields.map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name)));
}
