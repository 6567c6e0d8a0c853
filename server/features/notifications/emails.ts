/**
 * What a notification email says. Nothing personal: no post text, no names, only the kind of
 * news and the group it is in, with a link to the notification centre. The subject names
 * neither, since a phone's lock screen shows it to whoever holds the phone.
 */
import type { UiLanguage } from "../../../core/accounts";
import type { NotificationKind } from "../../../core/support";

export interface Email {
  subject: string;
  text: string;
}

type Words = Record<NotificationKind, (group: string) => string> & { subject: string; footer: (link: string) => string };

const WORDS: Record<UiLanguage, Words> = {
  en: {
    subject: "Something new for you on Kindred",
    reply: (group) => `You have a new reply in ${group}.`,
    reaction: (group) => `Someone reacted to your post in ${group}.`,
    mention: (group) => `Someone mentioned you in ${group}.`,
    buddy_request: () => "Someone asked you to be their buddy.",
    meeting_soon: (group) => `A meeting of ${group} starts within the hour.`,
    // Never the words of the message, nor who sent it.
    message: () => "You have a new direct message.",
    // Never who reported, who was reported, nor anything said in the meeting.
    live_report: (group) => `Someone reported a participant in a live meeting of ${group}.`,
    footer: (link) => `See it on Kindred: ${link}\n\nYou choose which emails you get in your notification settings.`,
  },
  es: {
    subject: "Hay algo nuevo para ti en Kindred",
    reply: (group) => `Tienes una nueva respuesta en ${group}.`,
    reaction: (group) => `Alguien reaccionó a tu mensaje en ${group}.`,
    mention: (group) => `Alguien te mencionó en ${group}.`,
    buddy_request: () => "Alguien te pidió que seas su compañero de apoyo.",
    meeting_soon: (group) => `Una reunión de ${group} empieza dentro de una hora.`,
    message: () => "Tienes un nuevo mensaje directo.",
    live_report: (group) => `Alguien reportó a un participante en una reunión en vivo de ${group}.`,
    footer: (link) => `Míralo en Kindred: ${link}\n\nTú eliges qué correos recibes en tus ajustes de notificaciones.`,
  },
};

export function notificationEmail(kind: NotificationKind, groupName: string | null, language: UiLanguage, link: string): Email {
  const words = WORDS[language];
  return { subject: words.subject, text: `${words[kind](groupName ?? "Kindred")}\n\n${words.footer(link)}\n` };
}
