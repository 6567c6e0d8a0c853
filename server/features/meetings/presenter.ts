/** The only way meetings leave the server: JSON views, Meeting Guide feed entries and calendars. */
import {
  meetingPaths,
  MeetingSearchResponse,
  type Correction,
  type MeetingPage,
  type MeetingSearchResult,
  type MeetingView,
  type OccurrenceView,
} from "../../../core/meetings/api";
import { calendarMeetingOf, writeCalendar } from "../../../core/meetings/ical";
import { toFeedEntries, type FeedEntry } from "../../../core/meetings/meeting-guide";
import type { Occurrence } from "../../../core/meetings/schedule";
import { dateOf, offsetMinutes, timeOf, wallClockAt } from "../../../core/meetings/time-zones";
import { attendanceOptionOf } from "../../../core/meetings/types";
import type { FoundMeeting, SearchPage } from "./search";
import type { MeetingWithGroup } from "./feeds";
import type { Meeting, MeetingPageView } from "./service";
import type { CorrectionEntry } from "./repository";

export function presentMeeting(meeting: Meeting): MeetingView {
  return {
    id: meeting.id,
    groupId: meeting.groupId,
    slug: meeting.slug,
    name: meeting.name,
    schedule: meeting.schedule,
    access: meeting.access,
    temporarilyClosed: meeting.temporarilyClosed,
    types: meeting.types,
    languages: meeting.languages,
    venue: meeting.venue,
    online: meeting.online,
    regions: meeting.regions,
    notes: meeting.notes,
    contributions: meeting.contributions,
    attendance: attendanceOptionOf(meeting),
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

/** "2025-03-09T19:00" on a zone's clock. */
function localStart(zone: string, instant: number): string {
  const { day, minutes } = wallClockAt(zone, instant);
  return `${dateOf(day)}T${timeOf(minutes)}`;
}

export function presentOccurrence(occurrence: Occurrence, meetingZone: string, viewerZone: string): OccurrenceView {
  const start = occurrence.start.getTime();
  const sameClock = offsetMinutes(meetingZone, start) === offsetMinutes(viewerZone, start);
  return {
    date: occurrence.date,
    startsAt: occurrence.start.toISOString(),
    endsAt: occurrence.end.toISOString(),
    moved: occurrence.moved,
    viewerStart: localStart(viewerZone, start),
    meetingStart: sameClock ? null : localStart(meetingZone, start),
  };
}

function links(slug: string, publicUrl: string) {
  return {
    page: publicUrl + meetingPaths.page(slug),
    correction: publicUrl + meetingPaths.correction(slug),
    calendar: publicUrl + meetingPaths.calendar(slug),
  };
}

export function presentMeetingPage(view: MeetingPageView, viewerZone: string, publicUrl: string): MeetingPage {
  const { meeting, group } = view;
  return {
    ...presentMeeting(meeting),
    group: { id: group.id, name: group.name, focusAreas: group.focusAreas, guidelinesVersion: group.guidelinesVersion },
    occurrences: view.occurrences.map((occurrence) => presentOccurrence(occurrence, meeting.schedule.timeZone, viewerZone)),
    inProgress: view.inProgress,
    links: links(meeting.slug, publicUrl),
    can: { edit: view.canEdit },
  };
}

/** Small on purpose: the first page of results must stay well under 20 KB. */
export function presentSearchResult(found: FoundMeeting, viewerZone: string): MeetingSearchResult {
  const { meeting } = found;
  const zone = found.candidate.schedule.timeZone;
  const hasPlace = !meeting.approximate && (meeting.venueName !== null || meeting.venueAddress !== null);
  return {
    id: meeting.id,
    slug: meeting.slug,
    name: meeting.name,
    groupName: meeting.groupName,
    attendance: meeting.attendance,
    access: meeting.access,
    types: meeting.types,
    languages: meeting.languages,
    regions: meeting.regions,
    place: hasPlace ? { name: meeting.venueName, address: meeting.venueAddress } : null,
    distance: found.distance === null ? null : Math.round(found.distance * 10) / 10,
    timeZone: zone,
    start: presentOccurrence(found.occurrence, zone, viewerZone),
    minutesUntilStart: found.minutes,
    inProgress: found.inProgress,
  };
}

/** What was reported and when: there is nothing about who reported it to show. */
export function presentCorrection(entry: CorrectionEntry): Correction {
  return {
    id: entry.id,
    meetingId: entry.meetingId,
    meetingSlug: entry.meetingSlug,
    meetingName: entry.meetingName,
    message: entry.message,
    createdAt: entry.createdAt,
    handledAt: entry.handledAt,
  };
}

/** A meeting's entries in a Meeting Guide feed (one per day it meets). */
export function presentFeedEntries(meeting: MeetingWithGroup, publicUrl: string): FeedEntry[] {
  const { page, correction } = links(meeting.slug, publicUrl);
  return toFeedEntries({ ...meeting, groupName: meeting.groupName, groupNotes: meeting.groupDescription || null, url: page, feedbackUrl: correction });
}

/** An iCalendar file (RFC 5545) of the meetings, named for calendar apps that subscribe to it. */
export function presentCalendar(meetings: Meeting[], options: { name: string; publicUrl: string; now: Date }): string {
  const entries = meetings.map((meeting) => calendarMeetingOf(meeting, links(meeting.slug, options.publicUrl).page));
  return writeCalendar(entries, { domain: new URL(options.publicUrl).hostname, name: options.name, now: options.now });
}

/** As the routes answer GET /api/meetings. */
export function presentSearchPage(page: SearchPage, viewerZone: string): MeetingSearchResponse {
  return {
    meetings: page.meetings.map((found) => presentSearchResult(found, viewerZone)),
    nextCursor: page.nextCursor,
    at: page.at.toISOString(),
  };
}

/**
 * GET /api/meetings's body for a page of results, as its route makes it (the response schema's
 * JSON). The page and the route share the service's cache, whose key is the search alone, so
 * both must make exactly this body.
 */
export function searchResponseBody(page: SearchPage, viewerZone: string): Buffer {
  return Buffer.from(JSON.stringify(MeetingSearchResponse.parse(presentSearchPage(page, viewerZone))));
}
