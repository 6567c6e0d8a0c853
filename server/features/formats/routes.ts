import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FeatureDeps } from "..";
import { Id } from "../../../core/api";
import {
  CreateFormatRequest,
  FormatVersion,
  FormatVersionsResponse,
  GroupFormat,
  GroupFormatsResponse,
  MeetingFormat,
  MeetingFormatQuery,
  SetMeetingFormatRequest,
  TemplatesQuery,
  TemplatesResponse,
  UpdateFormatRequest,
} from "../../../core/live/api";
import {
  presentFormat,
  presentMeetingFormat,
  presentTemplate,
  presentVersion,
  presentVersionSummary,
} from "./presenter";

const GroupParams = z.object({ groupId: Id });
const FormatParams = z.object({ formatId: Id });
const VersionParams = z.object({ formatId: Id, version: z.coerce.number().int().min(1) });
/** A meeting by id or slug, as the meeting's page knows it. */
const MeetingParams = z.object({ meetingId: z.string().min(1).max(200) });
const tags = ["formats"];
const security = [{ session: [] }];

const memberIdOf = (request: FastifyRequest) => request.actor?.memberId ?? null;
const languageOf = (request: FastifyRequest, asked: "en" | "es" | undefined): "en" | "es" =>
  asked ?? (request.actor?.language === "es" ? "es" : "en");

export const formatRoutes: FastifyPluginAsync<FeatureDeps> = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { formats } = services;

  app.get(
    "/api/live/templates",
    { schema: { summary: "The built-in meeting formats a group can copy, in English and Spanish", tags, querystring: TemplatesQuery, response: { 200: TemplatesResponse } } },
    async (request) => ({ templates: formats.templates(request.query.language).map(presentTemplate) }),
  );

  app.get(
    "/api/groups/:groupId/formats",
    { schema: { summary: "A group's meeting formats (the first is the group's default)", tags, security, params: GroupParams, response: { 200: GroupFormatsResponse } } },
    async (request) => {
      const access = await formats.authorizeGroup(memberIdOf(request), request.params.groupId, "see");
      const canEdit = formats.canEdit(access);
      return { formats: (await formats.list(access)).map((record) => presentFormat(record, canEdit)), canEdit };
    },
  );

  app.post(
    "/api/groups/:groupId/formats",
    { schema: { summary: "Add a format to a group: copy a built-in template, or write one (members holding the chair position)", tags, security, params: GroupParams, body: CreateFormatRequest, response: { 201: GroupFormat } } },
    async (request, reply) => {
      const access = await formats.authorizeGroup(memberIdOf(request), request.params.groupId, "edit");
      return reply.status(201).send(presentFormat(await formats.create(access, request.body), true));
    },
  );

  app.get(
    "/api/formats/:formatId",
    { schema: { summary: "A meeting format at its current version", tags, security, params: FormatParams, response: { 200: GroupFormat } } },
    async (request) => {
      const { access, record } = await formats.authorizeFormat(memberIdOf(request), request.params.formatId, "see");
      return presentFormat(record, formats.canEdit(access));
    },
  );

  app.put(
    "/api/formats/:formatId",
    { schema: { summary: "Edit a meeting format: the edit becomes its next version (members holding the chair position)", tags, security, params: FormatParams, body: UpdateFormatRequest, response: { 200: GroupFormat } } },
    async (request) => {
      const found = await formats.authorizeFormat(memberIdOf(request), request.params.formatId, "edit");
      return presentFormat(await formats.update(found, request.body.format, request.body.baseVersion), true);
    },
  );

  app.get(
    "/api/formats/:formatId/versions",
    { schema: { summary: "Every version of a meeting format, newest first", tags, security, params: FormatParams, response: { 200: FormatVersionsResponse } } },
    async (request) => {
      const found = await formats.authorizeFormat(memberIdOf(request), request.params.formatId, "see");
      return { versions: (await formats.versions(found)).map(presentVersionSummary) };
    },
  );

  app.get(
    "/api/formats/:formatId/versions/:version",
    { schema: { summary: "One earlier (or the current) version of a meeting format", tags, security, params: VersionParams, response: { 200: FormatVersion } } },
    async (request) => {
      const found = await formats.authorizeFormat(memberIdOf(request), request.params.formatId, "see");
      return presentVersion(await formats.version(found, request.params.version));
    },
  );

  app.get(
    "/api/meetings/:meetingId/format",
    { schema: { summary: "How a meeting runs: its format, and in plain words", tags, security, params: MeetingParams, querystring: MeetingFormatQuery, response: { 200: MeetingFormat } } },
    async (request) => presentMeetingFormat(await formats.meetingFormat(memberIdOf(request), request.params.meetingId), languageOf(request, request.query.language)),
  );

  app.put(
    "/api/meetings/:meetingId/format",
    { schema: { summary: "Name the format a meeting follows (null: the group's default); for those who keep the meeting", tags, security, params: MeetingParams, querystring: MeetingFormatQuery, body: SetMeetingFormatRequest, response: { 200: MeetingFormat } } },
    async (request) =>
      presentMeetingFormat(
        await formats.setMeetingFormat(memberIdOf(request), request.params.meetingId, request.body.formatId),
        languageOf(request, request.query.language),
      ),
  );
};
