// Email delivery for the outbox: renders the card (text and HTML), signs its buttons as one-click links
// when a key is configured, and hands the message to SMTP through nodemailer, with typed failures.
import type { Transporter } from "nodemailer";
import type { Button } from "../../core/card.ts";
import { DeliveryError, type DeliveryTarget, type Sender } from "../../core/outbound.ts";
import { renderEmail } from "./render.ts";
import { linkableCommand, signLink } from "./signed-link.ts";
import { smtpDeliveryError } from "./smtp-errors.ts";

export interface EmailLinks {
  key: string;
  /** Where quorum serve is reached from a browser, without a trailing slash. */
  publicUrl: string;
  days: number;
}

export interface EmailSenderOptions {
  transport: Pick<Transporter, "sendMail">;
  from: string;
  /** Unset: mails carry no buttons and say how to act instead. */
  links?: EmailLinks | undefined;
  now: () => Date;
}

/** What the core puts in an email target's ref: who the address belongs to, for signing their links. */
export interface EmailRef {
  personId: number;
  partnershipId: number;
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const DAY = 86_400_000;

export const FOOTER =
  "Sent by Quorum to partners without chat, or who chose email. To change where Quorum reaches you, ask your partnership's secretariat.";

function refOf(target: DeliveryTarget): EmailRef | null {
  const r = target.ref as Partial<EmailRef> | null;
  return typeof r?.personId === "number" && typeof r.partnershipId === "number"
    ? { personId: r.personId, partnershipId: r.partnershipId }
    : null;
}

export function createEmailSender(opts: EmailSenderOptions): Sender {
  return {
    platform: "email",
    async send(target, payload) {
      const address = target.id.trim();
      if (target.kind !== "person" || !ADDRESS.test(address))
        throw new DeliveryError(
          "rejected",
          `not an email address Quorum can send to: ${JSON.stringify(address)}`,
        );
      const ref = refOf(target);
      const { links } = opts;
      const url = (b: Button): string | undefined => {
        const cmd = linkableCommand(b.command);
        if (!cmd || !links || !ref) return undefined;
        const token = signLink(links.key, {
          ...ref,
          ...cmd,
          expiresAt: new Date(opts.now().getTime() + links.days * DAY),
        });
        return `${links.publicUrl}/email/act/${token}`;
      };
      const mail = renderEmail(payload.card, url, FOOTER);
      try {
        const info = await opts.transport.sendMail({
          from: opts.from,
          to: { name: target.label.replace(/[\r\n]/g, " "), address },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // Out-of-office replies and list tools should not answer a machine.
          headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
        });
        return { messageId: String(info.messageId ?? "") };
      } catch (err) {
        throw smtpDeliveryError(err);
      }
    },
  };
}
