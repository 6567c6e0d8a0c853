/**
 * The demo organization: invented people (pseudonyms only) and groups written the way real
 * peer-led groups describe themselves. Nothing here is about a real person.
 */
import type { UiLanguage } from "../../../core/accounts";
import type { ServicePosition } from "../../../core/groups";
import type { GroupFields } from "../groups/service";

/** One password for every demo sign-in, printed when the demo starts. */
export const DEMO_PASSWORD = "kindred-demo";

export const DEMO_ORGANIZATION = "Riverside Peer Support Network";

export const DEMO_ADMIN = { handle: "demo-admin", language: "en" as UiLanguage };

export interface DemoPerson {
  handle: string;
  displayName: string;
  language: UiLanguage;
  country: string;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { handle: "quiet-oak", displayName: "Quiet Oak", language: "en", country: "US" },
  { handle: "river", displayName: "River", language: "en", country: "US" },
  { handle: "sam-k", displayName: "Sam K.", language: "en", country: "GB" },
  { handle: "morningstar", displayName: "Morningstar", language: "en", country: "CA" },
  { handle: "wren", displayName: "Wren", language: "en", country: "US" },
  { handle: "kestrel", displayName: "Kestrel", language: "en", country: "IE" },
  { handle: "driftwood", displayName: "Driftwood", language: "en", country: "US" },
  { handle: "juniper", displayName: "Juniper", language: "en", country: "AU" },
  { handle: "milo-t", displayName: "Milo T.", language: "en", country: "US" },
  { handle: "harbor", displayName: "Harbor", language: "en", country: "NZ" },
  { handle: "bluejay", displayName: "Blue Jay", language: "en", country: "US" },
  { handle: "ember", displayName: "Ember", language: "en", country: "GB" },
  { handle: "cedar", displayName: "Cedar", language: "en", country: "CA" },
  { handle: "luz", displayName: "Luz", language: "es", country: "MX" },
  { handle: "tomas-r", displayName: "Tomás R.", language: "es", country: "ES" },
  { handle: "marisol", displayName: "Marisol", language: "es", country: "US" },
  { handle: "paloma", displayName: "Paloma", language: "es", country: "MX" },
  { handle: "sol-y-mar", displayName: "Sol y Mar", language: "es", country: "AR" },
  { handle: "ana-b", displayName: "Ana B.", language: "es", country: "CO" },
  { handle: "nico", displayName: "Nico", language: "es", country: "CL" },
];

/** A handle, then the service positions that person holds in the group. */
type Seat = [handle: string, ...positions: ServicePosition[]];

export interface DemoGroup {
  fields: GroupFields;
  members: Seat[];
  /** People who asked to join and wait for a chair or secretary (approval groups). */
  requests?: string[];
  /** People invited who have not answered yet. */
  invitations?: string[];
}

const GUIDELINES_EN = `## How we keep this group safe

- **What is said here stays here.** Who you see and what you hear is not ours to share.
- **Share from your own experience.** Say "I", not "you should". We don't give advice unless asked.
- **One person speaks at a time.** No cross-talk, no fixing, no judging.
- **First names or pseudonyms only.** You never have to say more about yourself than you want to.
- **It's fine to pass.** Listening is taking part too.
- **Be gentle with yourself and others.** Everyone here is doing the best they can today.

If you are in danger right now, please use **Get help now** at the top of the page: we are a peer
group, not a crisis service.
`;

const GUIDELINES_RECOVERY_EN = `## Our guidelines

We are people helping each other stay well. To keep the room safe for everyone:

1. **Anonymity.** Leave what you hear and who you see here. Use a first name or a pseudonym.
2. **Come as you are.** You are welcome whether you have one day or twenty years, and welcome back
   if you slipped. Please don't come to a meeting under the influence; come to the next one.
3. **"I" statements.** Talk about your own experience, strength and hope. No lectures, no advice
   unless someone asks for it.
4. **No cross-talk.** Let each person finish. We don't comment on what someone else shared.
5. **No selling, no recruiting, no dating** in or around the group.
6. **Service keeps us going.** Chairs and secretaries rotate every six months; anyone with three
   months in the group can stand.

A moderator may pause a share that breaks these guidelines. It is never personal.
`;

const GUIDELINES_GRIEF_EN = `## Before you join

Grief has no timetable and no right way to do it. In this group:

- **Every loss counts.** A parent, a partner, a child, a friend, a pet, a pregnancy, a loss by
  suicide or overdose: no loss is compared with another.
- **We listen more than we talk.** No one will tell you to "move on" or that "everything happens
  for a reason".
- **Tears are welcome, and so is laughter.**
- **Confidential.** Names and stories stay in the group.
- **Take care of yourself.** You can turn your camera off, step out, or just listen.

If the pain feels like too much, please reach out now: **Get help now** is at the top of every page.
`;

const GUIDELINES_HEALTH_EN = `## Group guidelines

- **We are peers, not doctors.** Share what helped you, but please don't tell anyone to stop or
  change a treatment. Talk to your own care team.
- **Bad days are allowed.** You don't have to be positive to belong here.
- **Privacy.** Don't repeat anyone's diagnosis or story outside the group.
- **Access needs come first.** Cameras are optional; captions are on; take breaks whenever you need.
- **No selling** of supplements, cures or programs.
`;

const GUIDELINES_ES = `## Cómo cuidamos este grupo

- **Lo que se dice aquí, se queda aquí.** A quién ves y lo que escuchas no es nuestro para contarlo.
- **Hablamos desde nuestra propia experiencia.** Decimos "yo", no "tú deberías". No damos consejos
  si no nos los piden.
- **Habla una persona a la vez.** Sin interrupciones, sin juicios.
- **Solo nombres de pila o seudónimos.** Nunca tienes que contar más de lo que quieras.
- **Puedes pasar.** Escuchar también es participar.
- **Trátate con cariño, y a los demás también.** Aquí cada quien hace lo mejor que puede hoy.

Si estás en peligro ahora mismo, usa **Ayuda ahora** en la parte de arriba de la página: somos un
grupo de pares, no un servicio de crisis.
`;

const GUIDELINES_GRIEF_ES = `## Antes de unirte

El duelo no tiene calendario ni una forma correcta de vivirse. En este grupo:

- **Toda pérdida cuenta.** No comparamos una pérdida con otra.
- **Escuchamos más de lo que hablamos.** Nadie te dirá que "lo superes" ni que "todo pasa por algo".
- **Las lágrimas son bienvenidas, y la risa también.**
- **Confidencialidad.** Los nombres y las historias se quedan en el grupo.
- **Cuídate.** Puedes apagar la cámara, salir un momento o solo escuchar.

Si el dolor se siente demasiado, busca ayuda ahora: **Ayuda ahora** está arriba en cada página.
`;

export const DEMO_GROUPS: DemoGroup[] = [
  {
    fields: {
      name: "Morning Light Recovery",
      description:
        "A daily early-morning meeting for anyone recovering from any addiction. We read a short passage, then share. Come before work, or just come.",
      focusAreas: ["addiction_recovery"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Anyone who wants to stop a habit that is hurting them",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_RECOVERY_EN,
    },
    members: [["quiet-oak", "chair"], ["river", "secretary"], ["driftwood", "treasurer"], ["milo-t"], ["bluejay"], ["cedar", "moderator"]],
  },
  {
    fields: {
      name: "Sober Saturdays",
      description: "A relaxed weekend meeting about staying away from a drink, one day at a time. Newcomers get the first few minutes.",
      focusAreas: ["alcohol", "addiction_recovery"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "People who want to stop or cut down drinking",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_RECOVERY_EN,
    },
    members: [["sam-k", "chair", "treasurer"], ["kestrel", "secretary"], ["quiet-oak"], ["ember"], ["harbor"]],
  },
  {
    fields: {
      name: "Clean Slate",
      description:
        "Peer support for people recovering from drug use, including prescription medicines. We talk honestly about cravings, setbacks and small wins.",
      focusAreas: ["drugs", "addiction_recovery"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "People in recovery from drug use, at any stage",
      visibility: "listed",
      membershipPolicy: "approval",
      guidelines: GUIDELINES_RECOVERY_EN,
    },
    members: [["driftwood", "chair"], ["milo-t", "secretary"], ["bluejay", "moderator"]],
    requests: ["wren"],
  },
  {
    fields: {
      name: "Beyond the Bet",
      description: "For people whose betting, gaming or trading has got out of hand. We share what helps us stay away from the next bet.",
      focusAreas: ["gambling"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Anyone worried about their own gambling",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_RECOVERY_EN,
    },
    members: [["harbor", "chair"], ["ember", "secretary"], ["sam-k"]],
  },
  {
    fields: {
      name: "After the Loss",
      description: "A gentle space for people grieving someone they loved. We meet every other week; you may listen for as long as you need.",
      focusAreas: ["grief_loss"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Adults grieving the death of someone close",
      visibility: "listed",
      membershipPolicy: "approval",
      guidelines: GUIDELINES_GRIEF_EN,
    },
    members: [["wren", "chair"], ["morningstar", "secretary"], ["juniper"], ["kestrel"]],
    requests: ["cedar"],
  },
  {
    fields: {
      name: "Living Well with Chronic Pain",
      description: "Practical and emotional support for life with long-term pain: pacing, sleep, work, relationships and the days that are hard.",
      focusAreas: ["chronic_illness"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "People living with chronic pain or fatigue",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_HEALTH_EN,
    },
    members: [["juniper", "chair"], ["morningstar", "treasurer"], ["river"], ["cedar", "secretary"]],
  },
  {
    fields: {
      name: "Steady Ground",
      description: "A peer group for living with anxiety and depression. We share what gets us through the week; no one has to have it figured out.",
      focusAreas: ["mental_health"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Anyone living with anxiety, low mood or depression",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_EN,
    },
    members: [["bluejay", "chair"], ["wren", "moderator"], ["kestrel"], ["river", "secretary"], ["harbor"], ["ember"]],
  },
  {
    fields: {
      name: "Caring for the Carers",
      description: "For people looking after a parent, partner or child with an illness or disability. An hour that is about you, not the person you care for.",
      focusAreas: ["caregivers"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Unpaid family carers",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_EN,
    },
    members: [["morningstar", "chair"], ["juniper", "secretary"], ["cedar"]],
  },
  {
    fields: {
      name: "Families Affected by Drinking",
      description: "You are not alone, and it is not your fault. A group for anyone whose life has been shaped by someone else's drinking.",
      focusAreas: ["family_friends", "alcohol"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "People affected by someone else's drinking",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_EN,
    },
    members: [["kestrel", "chair"], ["ember", "treasurer"], ["milo-t", "secretary"], ["wren"]],
  },
  {
    fields: {
      name: "Veterans' Circle",
      description: "A closed circle for veterans working through trauma, drinking or both. Members join by invitation from the chair.",
      focusAreas: ["mental_health", "addiction_recovery"],
      otherFocus: null,
      languages: ["en"],
      whoFor: "Veterans of the armed forces",
      visibility: "unlisted",
      membershipPolicy: "invitation",
      guidelines: GUIDELINES_RECOVERY_EN,
    },
    members: [["cedar", "chair"], ["driftwood", "secretary"], ["harbor"]],
    invitations: ["milo-t"],
  },
  {
    fields: {
      name: "Spending Less, Living More",
      description: "For people whose shopping, spending or debt feels out of control. We share what helps, without shame.",
      focusAreas: ["other"],
      otherFocus: "compulsive spending and debt",
      languages: ["en"],
      whoFor: "Anyone struggling with compulsive spending",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_EN,
    },
    members: [["river", "chair"], ["sam-k", "treasurer"], ["bluejay"]],
  },
  {
    fields: {
      name: "Amanecer: Recuperación",
      description:
        "Reunión en español para personas en recuperación del alcohol y otras adicciones. Compartimos experiencia, fortaleza y esperanza, un día a la vez.",
      focusAreas: ["alcohol", "addiction_recovery"],
      otherFocus: null,
      languages: ["es"],
      whoFor: "Cualquier persona que quiera dejar de beber o de consumir",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_ES,
    },
    members: [["luz", "chair"], ["tomas-r", "secretary"], ["nico", "treasurer"], ["sol-y-mar"], ["paloma", "moderator"]],
  },
  {
    fields: {
      name: "Duelo y Esperanza",
      description: "Un espacio tranquilo para quienes han perdido a un ser querido. Nos reunimos cada dos semanas; puedes solo escuchar el tiempo que necesites.",
      focusAreas: ["grief_loss"],
      otherFocus: null,
      languages: ["es"],
      whoFor: "Personas adultas en duelo por la muerte de alguien cercano",
      visibility: "listed",
      membershipPolicy: "approval",
      guidelines: GUIDELINES_GRIEF_ES,
    },
    members: [["marisol", "chair"], ["ana-b", "secretary"], ["luz"]],
    requests: ["paloma"],
  },
  {
    fields: {
      name: "Cuidadores Unidos",
      description: "Para quienes cuidan de un familiar con una enfermedad o discapacidad. Una hora para ti, no para la persona que cuidas.",
      focusAreas: ["caregivers"],
      otherFocus: null,
      languages: ["es"],
      whoFor: "Familiares que cuidan sin paga",
      visibility: "listed",
      membershipPolicy: "open",
      guidelines: GUIDELINES_ES,
    },
    members: [["paloma", "chair"], ["sol-y-mar", "secretary"], ["marisol"], ["ana-b"]],
  },
  {
    fields: {
      name: "Familias en Camino",
      description: "Apoyo entre pares para familiares y amistades de personas que consumen drogas. No es tu culpa y no estás solo.",
      focusAreas: ["family_friends", "drugs"],
      otherFocus: null,
      languages: ["es"],
      whoFor: "Familiares y amigos de personas que consumen drogas",
      visibility: "unlisted",
      membershipPolicy: "invitation",
      guidelines: GUIDELINES_ES,
    },
    members: [["ana-b", "chair"], ["tomas-r", "treasurer"], ["nico"]],
    invitations: ["marisol"],
  },
  {
    fields: {
      name: "Long COVID Peer Support / Apoyo COVID persistente",
      description:
        "A bilingual group for people living with long COVID. Un grupo bilingüe para personas que viven con COVID persistente.",
      focusAreas: ["chronic_illness"],
      otherFocus: null,
      languages: ["en", "es"],
      whoFor: "People living with long COVID / Personas con COVID persistente",
      visibility: "listed",
      membershipPolicy: "approval",
      guidelines: GUIDELINES_HEALTH_EN,
    },
    members: [["nico", "chair"], ["juniper", "secretary"], ["sol-y-mar"], ["morningstar"]],
    requests: ["tomas-r"],
  },
];
