/** A local SMTP server that keeps what it is sent, for the notification emails' tests. */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  to: string[];
  /** The message as sent, with quoted-printable soft line breaks joined. */
  message: string;
}

export interface MailCapture {
  /** The SMTP_URL that reaches it. */
  url: string;
  mails: CapturedMail[];
  /** Waits until `count` mails have come (at most a few seconds). */
  received(count: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

export async function captureMail(): Promise<MailCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const message = Buffer.concat(chunks).toString("utf8").replace(/=\r?\n/g, "");
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), message });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async received(count) {
      for (let waited = 0; mails.length < count && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
