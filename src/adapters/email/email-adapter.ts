// Email as a delivery platform: SMTP_URL and MAIL_FROM turn it on. It only sends (reminders, digests,
// notices for people on no chat); the one-click links it signs are served by src/server/email-links.ts.
import nodemailer from "nodemailer";
import type { AdapterFactory, ServerAdapter } from "../factory.ts";
import { emailOutlet } from "./pacing.ts";
import { createEmailSender } from "./sender.ts";

export const emailAdapterFactory: AdapterFactory = ({ config, logger, quorum }) => {
  const email = config.email;
  if (!email) return undefined;
  // A stalled server must not hold a delivery lane: every phase has the configured timeout.
  const transport = nodemailer.createTransport({
    url: email.smtpUrl,
    connectionTimeout: email.timeoutMs,
    greetingTimeout: email.timeoutMs,
    socketTimeout: email.timeoutMs,
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
