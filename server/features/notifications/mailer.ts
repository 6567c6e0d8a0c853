/** Sending email through the SMTP server of SMTP_URL (nodemailer). */
import nodemailer from "nodemailer";
import type { Email } from "./emails";

export interface Mailer {
  send(to: string, email: Email): Promise<void>;
}

/** A mailer for an SMTP URL (smtp://user:pass@host:587, smtps://...); it sends as Kindred from the public URL's host. */
export function smtpMailer(smtpUrl: string, publicUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const from = `Kindred <notifications@${new URL(publicUrl).hostname}>`;
  return {
    async send(to, email) {
      await transport.sendMail({ from, to, subject: email.subject, text: email.text });
    },
  };
}
