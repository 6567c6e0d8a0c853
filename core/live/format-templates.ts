/**
 * Built-in meeting formats that a group copies and then makes its own. The words are Kindred's
 * own (no fellowship's copyrighted readings); a group replaces them with what it reads. Every
 * opening says that the meeting is peer support, not therapy or a crisis service
 * (../shared/reference/safety.md). No zod here: see format-words.ts.
 */
import type { Format, FormatStep } from "./formats";

export const TEMPLATE_IDS = ["twelve_step_discussion", "smart_style", "grief_circle", "peer_support_open_share"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface FormatTemplate {
  id: TemplateId;
  language: "en" | "es";
  format: Format;
}

type Step = FormatStep;

const OPENING_EN =
  "Welcome. This is a peer support meeting: we share our own experience with each other. " +
  "It is not therapy, medical advice or a crisis service. If you are in danger, use \"Get help now\" at any time.\n\n" +
  "Please use first names only. Who you see here, and what you hear here, stays here.";
const OPENING_ES =
  "Bienvenida, bienvenido. Esta es una reunión de apoyo entre pares: compartimos nuestra propia experiencia. " +
  "No es terapia, ni consejo médico, ni un servicio de crisis. Si estás en peligro, usa \"Ayuda ahora\" en cualquier momento.\n\n" +
  "Por favor, usa solo tu nombre de pila. A quién ves aquí y lo que escuchas aquí, aquí se queda.";

const CONTRIBUTIONS_EN =
  "This group pays its own way through its members' voluntary contributions. The group's links are in the chat. " +
  "No one is expected to give, and newcomers are asked not to.";
const CONTRIBUTIONS_ES =
  "Este grupo se sostiene con las aportaciones voluntarias de sus miembros. Los enlaces del grupo están en el chat. " +
  "Nadie está obligado a aportar, y pedimos a quienes vienen por primera vez que no lo hagan.";

const twelveStepEn: Step[] = [
  { id: "opening", kind: "opening", title: "Opening", text: OPENING_EN, speaking: "chair", chatOpen: false },
  {
    id: "reading",
    kind: "reading",
    title: "Reading",
    text:
      "We meet because we found we could not do this alone. Here no one is judged for where they have been. " +
      "We speak from our own experience, we listen without giving advice, and we keep each other's names and stories private. " +
      "Anyone who wants to recover is welcome.",
    speaking: "chair",
    chatOpen: false,
  },
  { id: "announcements", kind: "announcements", title: "Announcements", speaking: "chair", chatOpen: true },
  {
    id: "introductions",
    kind: "check_in_round",
    title: "Introductions",
    text: "Say your first name and, if you like, how you are today. If this is your first meeting, you are welcome to say so, or simply pass.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  {
    id: "topic",
    kind: "share",
    title: "Topic",
    text: "The chair invites a member to open today's topic or to tell their story.",
    speaking: "speaker",
    chatOpen: false,
    shareLimitSeconds: 600,
    allowPass: true,
    crosstalkAllowed: false,
  },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Sharing",
    text: "Raise your hand to share. Please speak about your own experience and do not comment on anyone else's share.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 180,
    allowPass: true,
    crosstalkAllowed: false,
  },
  { id: "contributions", kind: "contributions", title: "Contributions", text: CONTRIBUTIONS_EN, speaking: "none", chatOpen: true },
  {
    id: "closing",
    kind: "closing",
    title: "Closing",
    text: "Thank you for being here. What was said here stays here. Keep coming back.",
    speaking: "chair",
    chatOpen: true,
  },
];

const twelveStepEs: Step[] = [
  { id: "opening", kind: "opening", title: "Apertura", text: OPENING_ES, speaking: "chair", chatOpen: false },
  {
    id: "reading",
    kind: "reading",
    title: "Lectura",
    text:
      "Nos reunimos porque descubrimos que no podíamos hacerlo solos. Aquí nadie es juzgado por dónde ha estado. " +
      "Hablamos desde nuestra propia experiencia, escuchamos sin dar consejos y guardamos en privado los nombres y las historias de los demás. " +
      "Toda persona que quiera recuperarse es bienvenida.",
    speaking: "chair",
    chatOpen: false,
  },
  { id: "announcements", kind: "announcements", title: "Anuncios", speaking: "chair", chatOpen: true },
  {
    id: "introductions",
    kind: "check_in_round",
    title: "Presentaciones",
    text: "Di tu nombre de pila y, si quieres, cómo estás hoy. Si es tu primera reunión, puedes decirlo, o simplemente pasar.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  {
    id: "topic",
    kind: "share",
    title: "Tema",
    text: "Quien coordina invita a un miembro a abrir el tema de hoy o a contar su historia.",
    speaking: "speaker",
    chatOpen: false,
    shareLimitSeconds: 600,
    allowPass: true,
    crosstalkAllowed: false,
  },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Compartir",
    text: "Levanta la mano para compartir. Habla de tu propia experiencia y no comentes lo que comparten otras personas.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 180,
    allowPass: true,
    crosstalkAllowed: false,
  },
  { id: "contributions", kind: "contributions", title: "Aportaciones", text: CONTRIBUTIONS_ES, speaking: "none", chatOpen: true },
  {
    id: "closing",
    kind: "closing",
    title: "Cierre",
    text: "Gracias por estar aquí. Lo que se dijo aquí, aquí se queda. Sigue viniendo.",
    speaking: "chair",
    chatOpen: true,
  },
];

const SMART_OPENING_EN =
  OPENING_EN +
  "\n\nThis meeting is not professional therapy. If you have been using today, we ask you to listen rather than share; you are still welcome here.";
const SMART_OPENING_ES =
  OPENING_ES +
  "\n\nEsta reunión no es terapia profesional. Si hoy has consumido, te pedimos que escuches en lugar de compartir; igualmente eres bienvenido aquí.";

const smartEn: Step[] = [
  { id: "opening", kind: "opening", title: "Welcome", text: SMART_OPENING_EN, speaking: "chair", chatOpen: false },
  {
    id: "check_in",
    kind: "check_in_round",
    title: "Check-in",
    text: "How did your week go? If you like, name something you would like to work on today. Anyone may pass.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 120,
    allowPass: true,
  },
  {
    id: "agenda",
    kind: "share",
    title: "Agenda from the check-ins",
    text: "The facilitator lists the topics people named during check-in, and the group chooses where to start.",
    speaking: "chair",
    chatOpen: true,
  },
  {
    id: "tools",
    kind: "open_sharing",
    title: "Working with tools",
    text: "We work through the agenda together, using recovery tools. Raise your hand to speak; questions and suggestions are welcome.",
    speaking: "queue",
    chatOpen: true,
    shareLimitSeconds: 300,
    allowPass: true,
    crosstalkAllowed: true,
  },
  { id: "contributions", kind: "contributions", title: "Contributions", text: CONTRIBUTIONS_EN, speaking: "none", chatOpen: true },
  {
    id: "check_out",
    kind: "check_out_round",
    title: "Check-out",
    text: "In a sentence or two: what are you taking away, and what is your plan for the week? Anyone may pass.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  { id: "closing", kind: "closing", title: "Closing", text: "Thank you for coming. See you next time.", speaking: "chair", chatOpen: true },
];

const smartEs: Step[] = [
  { id: "opening", kind: "opening", title: "Bienvenida", text: SMART_OPENING_ES, speaking: "chair", chatOpen: false },
  {
    id: "check_in",
    kind: "check_in_round",
    title: "Ronda de inicio",
    text: "¿Cómo te fue la semana? Si quieres, di algo en lo que te gustaría trabajar hoy. Cualquiera puede pasar.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 120,
    allowPass: true,
  },
  {
    id: "agenda",
    kind: "share",
    title: "Temas de la ronda de inicio",
    text: "Quien facilita enumera los temas que surgieron en la ronda de inicio, y el grupo elige por dónde empezar.",
    speaking: "chair",
    chatOpen: true,
  },
  {
    id: "tools",
    kind: "open_sharing",
    title: "Trabajo con herramientas",
    text: "Trabajamos juntos los temas con herramientas de recuperación. Levanta la mano para hablar; las preguntas y sugerencias son bienvenidas.",
    speaking: "queue",
    chatOpen: true,
    shareLimitSeconds: 300,
    allowPass: true,
    crosstalkAllowed: true,
  },
  { id: "contributions", kind: "contributions", title: "Aportaciones", text: CONTRIBUTIONS_ES, speaking: "none", chatOpen: true },
  {
    id: "check_out",
    kind: "check_out_round",
    title: "Ronda de cierre",
    text: "En una o dos frases: ¿qué te llevas y cuál es tu plan para la semana? Cualquiera puede pasar.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  { id: "closing", kind: "closing", title: "Cierre", text: "Gracias por venir. Nos vemos la próxima vez.", speaking: "chair", chatOpen: true },
];

const griefEn: Step[] = [
  { id: "opening", kind: "opening", title: "Welcome", text: OPENING_EN, speaking: "chair", chatOpen: false },
  {
    id: "reading",
    kind: "reading",
    title: "A word about grief",
    text:
      "Grief has no right way and no timetable. In this circle we do not fix or compare; we listen. " +
      "Tears, silence and laughter are all welcome here.",
    speaking: "chair",
    chatOpen: false,
  },
  {
    id: "check_in",
    kind: "check_in_round",
    title: "Who we remember",
    text: "If you like, say your first name and the name of the person you are remembering. You may pass.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 120,
    allowPass: true,
  },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Sharing",
    text: "Raise your hand when you are ready to share. We listen without advice and without comments on each other's shares.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 240,
    allowPass: true,
    crosstalkAllowed: false,
  },
  {
    id: "check_out",
    kind: "check_out_round",
    title: "Closing round",
    text: "One word or one sentence you take with you today. You may pass.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  {
    id: "closing",
    kind: "closing",
    title: "Closing",
    text: "Thank you for sharing your grief and your love. Be gentle with yourself this week.",
    speaking: "chair",
    chatOpen: true,
  },
];

const griefEs: Step[] = [
  { id: "opening", kind: "opening", title: "Bienvenida", text: OPENING_ES, speaking: "chair", chatOpen: false },
  {
    id: "reading",
    kind: "reading",
    title: "Unas palabras sobre el duelo",
    text:
      "El duelo no tiene una forma correcta ni un calendario. En este círculo no arreglamos ni comparamos; escuchamos. " +
      "Las lágrimas, el silencio y la risa son bienvenidos aquí.",
    speaking: "chair",
    chatOpen: false,
  },
  {
    id: "check_in",
    kind: "check_in_round",
    title: "A quién recordamos",
    text: "Si quieres, di tu nombre de pila y el nombre de la persona que recuerdas. Puedes pasar.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 120,
    allowPass: true,
  },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Compartir",
    text: "Levanta la mano cuando quieras compartir. Escuchamos sin dar consejos y sin comentar lo que comparten los demás.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 240,
    allowPass: true,
    crosstalkAllowed: false,
  },
  {
    id: "check_out",
    kind: "check_out_round",
    title: "Ronda final",
    text: "Una palabra o una frase que te llevas hoy. Puedes pasar.",
    speaking: "round",
    chatOpen: false,
    shareLimitSeconds: 60,
    allowPass: true,
  },
  {
    id: "closing",
    kind: "closing",
    title: "Cierre",
    text: "Gracias por compartir tu dolor y tu amor. Sé amable contigo esta semana.",
    speaking: "chair",
    chatOpen: true,
  },
];

const openShareEn: Step[] = [
  { id: "opening", kind: "opening", title: "Welcome", text: OPENING_EN, speaking: "chair", chatOpen: false },
  { id: "announcements", kind: "announcements", title: "Announcements", speaking: "chair", chatOpen: true },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Open sharing",
    text: "Raise your hand to share whatever is on your mind. Speak from your own experience; we listen without fixing.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 300,
    allowPass: true,
    crosstalkAllowed: false,
  },
  { id: "contributions", kind: "contributions", title: "Contributions", text: CONTRIBUTIONS_EN, speaking: "none", chatOpen: true },
  {
    id: "closing",
    kind: "closing",
    title: "Closing",
    text: "Thank you for being here and for listening to each other. Take care until next time.",
    speaking: "chair",
    chatOpen: true,
  },
];

const openShareEs: Step[] = [
  { id: "opening", kind: "opening", title: "Bienvenida", text: OPENING_ES, speaking: "chair", chatOpen: false },
  { id: "announcements", kind: "announcements", title: "Anuncios", speaking: "chair", chatOpen: true },
  {
    id: "sharing",
    kind: "open_sharing",
    title: "Compartir libre",
    text: "Levanta la mano para compartir lo que tengas en mente. Habla desde tu propia experiencia; escuchamos sin intentar arreglar.",
    speaking: "queue",
    chatOpen: false,
    shareLimitSeconds: 300,
    allowPass: true,
    crosstalkAllowed: false,
  },
  { id: "contributions", kind: "contributions", title: "Aportaciones", text: CONTRIBUTIONS_ES, speaking: "none", chatOpen: true },
  {
    id: "closing",
    kind: "closing",
    title: "Cierre",
    text: "Gracias por estar aquí y por escucharnos. Cuídate hasta la próxima.",
    speaking: "chair",
    chatOpen: true,
  },
];

export const FORMAT_TEMPLATES: readonly FormatTemplate[] = [
  {
    id: "twelve_step_discussion",
    language: "en",
    format: {
      name: "12-step discussion",
      description: "A reading, introductions, a topic, then sharing in turn with a time limit and no crosstalk.",
      language: "en",
      steps: twelveStepEn,
    },
  },
  {
    id: "twelve_step_discussion",
    language: "es",
    format: {
      name: "Reunión de discusión de 12 pasos",
      description: "Una lectura, presentaciones, un tema y luego turnos para compartir con tiempo limitado y sin comentar a los demás.",
      language: "es",
      steps: twelveStepEs,
    },
  },
  {
    id: "smart_style",
    language: "en",
    format: {
      name: "SMART-style meeting",
      description: "A check-in round, an agenda chosen from the check-ins, working with tools together, and a check-out round.",
      language: "en",
      steps: smartEn,
    },
  },
  {
    id: "smart_style",
    language: "es",
    format: {
      name: "Reunión al estilo SMART",
      description: "Una ronda de inicio, temas elegidos de esa ronda, trabajo conjunto con herramientas y una ronda de cierre.",
      language: "es",
      steps: smartEs,
    },
  },
  {
    id: "grief_circle",
    language: "en",
    format: {
      name: "Grief support circle",
      description: "A gentle circle: we name who we remember, share when ready, and close with one word each.",
      language: "en",
      steps: griefEn,
    },
  },
  {
    id: "grief_circle",
    language: "es",
    format: {
      name: "Círculo de apoyo en el duelo",
      description: "Un círculo tranquilo: nombramos a quién recordamos, compartimos cuando queremos y cerramos con una palabra cada uno.",
      language: "es",
      steps: griefEs,
    },
  },
  {
    id: "peer_support_open_share",
    language: "en",
    format: {
      name: "Peer support open share",
      description: "A short welcome, then open sharing by raised hand with a time limit.",
      language: "en",
      steps: openShareEn,
    },
  },
  {
    id: "peer_support_open_share",
    language: "es",
    format: {
      name: "Apoyo entre pares: compartir libre",
      description: "Una breve bienvenida y luego turnos para compartir levantando la mano, con tiempo limitado.",
      language: "es",
      steps: openShareEs,
    },
  },
];

/** A template in a language; Spanish and English exist for every template. */
export function findTemplate(id: TemplateId, language: "en" | "es"): FormatTemplate {
  const found = FORMAT_TEMPLATES.find((t) => t.id === id && t.language === language);
  if (!found) throw new Error(`no template ${id} in ${language}`);
  return found;
}
