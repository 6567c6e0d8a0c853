import { Readable } from "node:stream";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  Correction,
  CorrectionListResponse,
  CorrectionRequest,
  CreateMeetingRequest,
  FeedQuery,
  GroupMeetingsResponse,
  ImportReport,
  MeetingGuideImportQuery,
  MeetingGuideImportRequest,
  MeetingPage,
  MeetingPageQuery,
  MeetingSearchQuery,
  MeetingSearchResponse,
  MeetingView,
  UpdateCorrectionRequest,
  UpdateMeetingRequest,
} from "../../../core/meetings/api";
import { sendEncoded } from "../../http/compression";
import { guard } from "../../http/session";
import { inPieces, whileHeld } from "./export-gate";
import type { MeetingWithGroup } from "./feeds";
import { schedulePdf } from "./pdf";
import { authorizeImport } from "./policy";
import {
  presentCalendar,
  presentCorrection,
  presentFeedEntries,
  presentMeeting,
  presentMeetingPage,
  searchResponseBody,
} from "./presenter";
import { entriesJson, printedEntries, PrintOrderQuery, PrintScheduleQuery } from "./print";

const GroupParams = z.object({ groupId: Id });
const MeetingParams = z.object({ meetingId: Id });
const NoContent = z.null().describe("No content");
const tags = ["meetings"];
const feedTags = ["feeds"];
const security = [{ session: [] }];
/** Rows the PDF lays out between two looks at the clock (about a millisecond each). */
const PDF_ROWS_AT_ONCE = 10;
/** A feed of a large directory is far bigger than any other body. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const memberIdOf = (request: FastifyRequest) => request.actor?.memberId ?? null;

/** A Meeting Guide feed written to the reply as the meetings are read: never all in memory. */
async function* feedJson(meetings: AsyncIterable<MeetingWithGroup>, publicUrl: string): AsyncGenerator<string> {
  let separator = "[\n";
  for await (const meeting of meetings) {
    for (const entry of presentFeedEntries(meeting, publicUrl)) {
      yield separator + JSON.stringify(entry);
      separator = ",\n";
    }
  }
  yield separator === "[\n" ? "[]\n" : "\n]\n";
}

function sendCalendar(reply: FastifyReply, text: string, download?: string): FastifyReply {
  if (download) reply.header("content-disposition", `attachment; filename="${download}.ics"`);
  return reply.type("text/calendar; charset=utf-8").send(text);
}

export const meetingRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services, config }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { meetings } = services;
  const { publicUrl } = config;

  // ---------- the directory ----------

  app.get(
    "/api/meetings",
    { schema: { summary: "Search the directory of listed meetings", tags, querystring: MeetingSearchQuery, response: { 200: MeetingSearchResponse } } },
    async (request, reply) => {
      const { tz } = request.query;
      // The body is made as the response schema's serializer would make it, and kept finished and gzipped (the service's cache).
      const { json, gzipped } = await meetings.searchBody(request.query, (page) => searchResponseBody(page, tz));
      // A page of results is about 15 KB of JSON and 2.5 KB gzipped: what a phone on a slow connection waits for.
      // Already the schema's JSON: Fastify sends a Buffer as it is, past the serializer.
      return sendEncoded(request, reply.type("application/json; charset=utf-8"), { plain: json, gzip: gzipped });
    },
  );

  app.get(
    "/api/meetings/:slugOrId",
    {
      schema: {
        summary: "A meeting's page: its details, next occurrences and group",
        tags,
        params: z.object({ slugOrId: z.string().min(1).max(200) }),
        querystring: MeetingPageQuery,
        response: { 200: MeetingPage },
      },
    },
    async (request) => {
      const found = await meetings.authorizeMeeting(memberIdOf(request), request.params.slugOrId, "see");
      return presentMeetingPage(meetings.page(found), request.query.tz, publicUrl);
    },
  );

  // ---------- keeping a group's meetings ----------

  app.get(
    "/api/groups/:groupId/meetings",
    { schema: { summary: "A group's meetings, with all their details", tags, params: GroupParams, response: { 200: GroupMeetingsResponse } } },
    async (request) => {
      const access = await meetings.authorizeGroup(memberIdOf(request), request.params.groupId, "see");
      return { meetings: (await meetings.listOfGroup(access)).map(presentMeeting) };
    },
  );

  app.post(
    "/api/groups/:groupId/meetings",
    {
      schema: { summary: "Add a meeting to a group (its chair, secretary or an admin)", tags, security, params: GroupParams, body: CreateMeetingRequest, response: { 201: MeetingView } },
    },
    async (request, reply) => {
      const access = await meetings.authorizeGroup(memberIdOf(request), request.params.groupId, "manage");
      return reply.status(201).send(presentMeeting(await meetings.create(access, request.body)));
    },
  );

  app.patch(
    "/api/meetings/:meetingId",
    { schema: { summary: "Edit a meeting (its slug never changes)", tags, security, params: MeetingParams, body: UpdateMeetingRequest, response: { 200: MeetingView } } },
    async (request) => {
      const found = await meetings.authorizeMeeting(memberIdOf(request), request.params.meetingId, "manage");
      return presentMeeting(await meetings.update(found, request.body));
    },
  );

  app.delete(
    "/api/meetings/:meetingId",
    { schema: { summary: "Delete a meeting", tags, security, params: MeetingParams, response: { 204: NoContent } } },
    async (request, reply) => {
      await meetings.remove(await meetings.authorizeMeeting(memberIdOf(request), request.params.meetingId, "manage"));
      return reply.status(204).send(null);
    },
  );

  // ---------- corrections ----------

  app.post(
    "/api/meetings/:meetingId/corrections",
    {
      schema: {
        summary: "Report a correction to the group's secretary (who reported it is not kept)",
        tags,
        params: MeetingParams,
        body: CorrectionRequest,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const found = await meetings.authorizeMeeting(memberIdOf(request), request.params.meetingId, "report");
      await meetings.reportCorrection(found, request.body.message);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/groups/:groupId/corrections",
    { schema: { summary: "Corrections reported for a group's meetings, open ones first", tags, security, params: GroupParams, response: { 200: CorrectionListResponse } } },
    async (request) => {
      const access = await meetings.authorizeGroup(memberIdOf(request), request.params.groupId, "manage");
      return { corrections: (await meetings.corrections(access)).map(presentCorrection) };
    },
  );

  app.patch(
    "/api/groups/:groupId/corrections/:correctionId",
    {
      schema: {
        summary: "Mark a correction handled, or open again",
        tags,
        security,
        params: z.object({ groupId: Id, correctionId: Id }),
        body: UpdateCorrectionRequest,
        response: { 200: Correction },
      },
    },
    async (request) => {
      const access = await meetings.authorizeGroup(memberIdOf(request), request.params.groupId, "manage");
      return presentCorrection(await meetings.setCorrectionHandled(access, request.params.correctionId, request.body.handled));
    },
  );

  // ---------- import ----------

  app.post(
    "/api/admin/imports/meeting-guide",
    {
      preValidation: guard(authorizeImport),
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary: "Import a Meeting Guide feed (organization admins): the feed itself, or {url}",
        tags: ["organization admin"],
        security,
        querystring: MeetingGuideImportQuery,
        body: MeetingGuideImportRequest,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const creator = await services.groups.authorizeCreate(authorizeImport(request.actor).memberId);
      const { body, query } = request;
      const entries = Array.isArray(body) ? body : await meetings.importer.fetchFeed(body.url);
      return meetings.importer.run(creator, entries, { defaultTimeZone: query.timezone ?? null, focus: query.focus });
    },
  );

  // ---------- feeds ----------

  app.get(
    "/api/feeds/meeting-guide.json",
    {
      schema: {
        summary: "The listed meetings as a Meeting Guide feed (JSON array); ?group=<id> for one group",
        tags: feedTags,
        querystring: FeedQuery,
      },
    },
    async (request, reply) => {
      const { group } = request.query;
      if (group !== undefined) {
        // One group's meetings: small, and not limited.
        const access = await meetings.authorizeGroup(memberIdOf(request), group, "see");
        return reply.type("application/json; charset=utf-8").send(Readable.from(feedJson(meetings.feeds.list(access), publicUrl)));
      }
      // Every listed meeting: one of the few whole-directory exports allowed at once (export-gate.ts).
      const slot = meetings.exportGate.enterFor(reply.raw);
      const listed = whileHeld(slot, meetings.feeds.list("organization"));
      return reply.type("application/json; charset=utf-8").send(Readable.from(feedJson(listed, publicUrl)));
    },
  );

  // ---------- the printable schedule (print.ts: one order for the print page and the PDF) ----------

  app.get(
    "/api/feeds/meetings.pdf",
    {
      schema: {
        summary: "The listed meetings as a printable schedule (PDF): by day then area or by area then day, 12- or 24-hour times, English or Spanish",
        tags: feedTags,
        querystring: PrintScheduleQuery,
      },
    },
    async (request, reply) => {
      const { name } = await meetings.currentOrganization();
      const { group_by: grouping, hours, lang } = request.query;
      // Held until the response closes; the PDF writer stops reading once a client has gone, and
      // lets other requests in between small pieces of rows (whileHeld).
      const slot = meetings.exportGate.enterFor(reply.raw);
      const entries = whileHeld(slot, inPieces(printedEntries(meetings.print.batches(grouping), publicUrl), PDF_ROWS_AT_ONCE));
      const pdf = schedulePdf(entries, { organizationName: name, grouping, hour12: hours === "12", language: lang });
      return reply.type("application/pdf").header("content-disposition", 'attachment; filename="meeting-schedule.pdf"').send(pdf);
    },
  );

  app.get(
    "/api/feeds/print-schedule.json",
    {
      schema: {
        summary: "The listed meetings in the printable schedule's order (Meeting Guide entries, one per day a meeting meets)",
        tags: feedTags,
        querystring: PrintOrderQuery,
      },
    },
    async (request, reply) => {
      await meetings.currentOrganization();
      // Held until the response closes (export-gate.ts), as the PDF's.
      const slot = meetings.exportGate.enterFor(reply.raw);
      const entries = printedEntries(whileHeld(slot, meetings.print.batches(request.query.group_by)), publicUrl);
      return reply.type("application/json; charset=utf-8").send(Readable.from(entriesJson(entries)));
    },
  );

  const calendarOptions = (name: string) => ({ name, publicUrl, now: new Date() });

  app.get(
    "/api/feeds/meetings/:slug.ics",
    { schema: { summary: "One meeting as an iCalendar file", tags: feedTags, params: z.object({ slug: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      const { meeting } = await meetings.authorizeMeeting(memberIdOf(request), request.params.slug, "see");
      return sendCalendar(reply, presentCalendar([meeting], calendarOptions(meeting.name)), meeting.slug);
    },
  );

  app.get(
    "/api/feeds/groups/:groupId.ics",
    { schema: { summary: "A group's meetings as a calendar to subscribe to", tags: feedTags, params: GroupParams } },
    async (request, reply) => {
      const access = await meetings.authorizeGroup(memberIdOf(request), request.params.groupId, "see");
      return sendCalendar(reply, presentCalendar(await meetings.feeds.all(access), calendarOptions(access.group.name)));
    },
  );

  app.get("/api/feeds/organization.ics", { schema: { summary: "Every listed meeting as a calendar to subscribe to", tags: feedTags } }, async (_request, reply) => {
    const organization = await meetings.currentOrganization();
    // Every listed meeting, read into memory and written as one text: a whole-directory export too.
    const text = await meetings.exportGate.run(async (slot) => {
      const listed: MeetingWithGroup[] = [];
      for await (const meeting of whileHeld(slot, meetings.feeds.list("organization"))) listed.push(meeting);
      return presentCalendar(listed, calendarOptions(organization.name));
    });
    return sendCalendar(reply, text);
  });

  app.get(
    "/api/feeds/search.ics",
    { schema: { summary: "The meetings a directory search finds, as a calendar to subscribe to (same filters)", tags: feedTags, querystring: MeetingSearchQuery } },
    async (request, reply) => {
      const organization = await meetings.currentOrganization();
      // A search with few filters finds most of the directory, read into memory and written as one
      // text: limited like the other whole-directory exports (calendar apps poll, and retry).
      const text = await meetings.exportGate.run(async () => presentCalendar(await meetings.feeds.ofSearch(request.query), calendarOptions(organization.name)));
      return sendCalendar(reply, text);
    },
  );
};
