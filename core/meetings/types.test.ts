import { describe, expect, it } from "vitest";
import { Schedule } from "./schedule";
import {
  isMeetingTypeCode,
  languageOfTypeCode,
  MEETING_TYPE_CODES,
  meetingTypeName,
  typeCodeOfLanguage,
} from "./type-codes";
import { attendanceOptionOf, MeetingDetails, NO_CONTRIBUTIONS, type Venue } from "./types";

const schedule = Schedule.parse({
  repeats: { every: "week", days: [1] },
  start: "19:00",
  end: null,
  timeZone: "Europe/London",
  startsOn: null,
  exceptions: [],
});

const venue: Venue = { name: "Friends Meeting House", address: "173 Euston Rd, London", latitude: 51.5275, longitude: -0.1305, approximate: false, notes: null };
const online = { url: "https://zoom.us/j/1", urlNotes: null, phone: null, phoneNotes: null };

const details = {
  slug: "monday-hope",
  name: "Monday Hope",
  schedule,
  access: "open",
  temporarilyClosed: false,
  types: ["D", "BE"],
  languages: ["en"],
  venue,
  online: null,
  regions: ["London"],
  notes: null,
  contributions: NO_CONTRIBUTIONS,
};

const issuesOf = (input: unknown) =>
  MeetingDetails.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

describe("Meeting Guide type codes (from @code4recovery/spec)", () => {
  it("has the spec's 87 official codes, and no prototype names", () => {
    expect(MEETING_TYPE_CODES).toHaveLength(87);
    expect(["O", "C", "TC", "LGBTQ", "12x12", "XB"].every(isMeetingTypeCode)).toBe(true);
    expect(["ONL", "LO-I", "toString", "constructor", "c"].some(isMeetingTypeCode)).toBe(false);
  });

  it("names codes in the viewer's language, falling back to English, and leaves custom codes as they are", () => {
    expect(meetingTypeName("C", "en")).toBe("Closed");
    expect(meetingTypeName("C", "es")).toBe("Cerrada");
    expect(meetingTypeName("C", "de")).toBe("Closed");
    expect(meetingTypeName("XYZ", "en")).toBe("XYZ");
  });

  it("maps every language code to an ISO 639-1 language and back, one to one", () => {
    const languageCodes = MEETING_TYPE_CODES.filter((code) => languageOfTypeCode(code) !== null);
    expect(languageCodes).toHaveLength(38);
    for (const code of languageCodes) expect(typeCodeOfLanguage(languageOfTypeCode(code)!)).toBe(code);
    expect(languageOfTypeCode("S")).toBe("es");
    expect(typeCodeOfLanguage("pt")).toBe("POR");
    expect(languageOfTypeCode("ASL")).toBeNull();
    expect(typeCodeOfLanguage("zh")).toBeNull();
  });
});

describe("a meeting's details", () => {
  it("accept a complete in-person meeting", () => {
    expect(issuesOf(details)).toEqual([]);
  });

  it.each([
    [{ types: ["O"] }, "types.0", "open, closed and temporarily closed have fields of their own"],
    [{ types: ["S"] }, "types.0", "languages go in the meeting's languages"],
    [{ types: ["ONL"] }, "types.0", "a Meeting Guide type code"],
    [{ types: ["D", "D"] }, "types", "each type once"],
    [{ slug: "monday hope" }, "slug", "letters, digits, dot, dash, underscore or tilde, starting with a letter or digit"],
    [{ venue: null }, "venue", "a meeting needs a venue or a way to join online"],
    [{ venue: { ...venue, longitude: null } }, "venue.longitude", "latitude and longitude go together"],
    [{ online: { ...online, url: "javascript:alert(1)" } }, "online.url", "a web link (https://...)"],
    [{ online: { ...online, url: null } }, "online.url", "a link or a phone number"],
    [{ online: { ...online, phone: "call Sam" } }, "online.phone", "digits and + , * #"],
    [{ online: { ...online, phoneNotes: "Press 1" } }, "online.phoneNotes", "notes about a phone number need the number"],
  ])("refuse %j, naming the field", (change, path, message) => {
    expect(issuesOf({ ...details, ...change })).toContainEqual([path, message]);
  });
});

describe("attendance option (as the 12 Step Meeting List plugin derives it)", () => {
  it.each([
    ["a venue only", { venue, online: null, temporarilyClosed: false }, "in_person"],
    ["a venue and a link", { venue, online, temporarilyClosed: false }, "hybrid"],
    ["a town-level address and a link", { venue: { ...venue, approximate: true }, online, temporarilyClosed: false }, "online"],
    ["a link only", { venue: null, online, temporarilyClosed: false }, "online"],
    ["a closed venue and a link", { venue, online, temporarilyClosed: true }, "online"],
    ["a closed venue only", { venue, online: null, temporarilyClosed: true }, "inactive"],
  ] as const)("%s -> %s", (_, meeting, option) => {
    expect(attendanceOptionOf(meeting)).toBe(option);
  });
});
