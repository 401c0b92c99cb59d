// Email as a delivery platform: SMTP_URL and MAIL_FROM turn it on. It only sends (reminders, digests,
// notices for people on no chat); the one-click links it signs are served by src/server/email-links.ts.
import nodemailer from "nodemailer";
import type { AdapterFactory, ServerAdapter } from "../factory.ts";
import { emailOutlet } from "./pacing.ts";
import { createEmailSender } from "./sender.ts";

export const emailAdapterFactory: AdapterFactory = ({ config, logger, quorum }) => {
  const email = config.email;
  if (!email) return undefined;
  // A stalled server must not hold a delivery lane: every phase has a timeout. The idle-socket one is
  // longer than the connect and greeting ones, so a server that never greets is reported as that (safe to
  // retry: nothing was sent) rather than as an idle socket, which could be mid-send and is never retried.
  const transport = nodemailer.createTransport({
    url: email.smtpUrl,
    connectionTimeout: email.timeoutMs,
    greetingTimeout: email.timeoutMs,
    socketTimeout: email.timeoutMs * 3,
  });
  if (!email.links)
    logger.warn(
      "email: QUORUM_LINK_KEY or QUORUM_PUBLIC_URL is not set, so emails carry no Done / Snooze links",
    );
  const adapter: ServerAdapter = {
    name: "email",
    ...emailOutlet(
      createEmailSender({ transport, from: email.from, links: email.links, now: () => quorum.clock.now() }),
    ),
    async stop() {
      transport.close();
    },
  };
  return adapter;
};
