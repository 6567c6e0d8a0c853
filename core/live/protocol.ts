/**
 * The live meeting WebSocket envelope: JSON text frames, one message each. The server owns the
 * room (room.ts decides and evolves); the client sends commands and receives numbered events.
 *
 * Sequence: the client sends `hello` (with the `lastSeq` it saw, after a drop); the server answers
 * `welcome` with a snapshot (`view`, as of `seq`), or, when it still has them, the missed `event`s
 * in order. Each `cmd` is answered by `ack` (with the seq of the last event it caused, or the
 * current seq when it changed nothing) or `error` (with the command's `id`). Every `event` is
 * already filtered for its receiver (room.ts visibleTo), so seq numbers a client sees may skip.
 *
 * For the server (notes from core, H6):
 * - After an `admitted` event, send the admitted participant a fresh `welcome`: in the waiting
 *   room they received nothing of the meeting.
 * - Likewise whenever a participant gains or loses chair powers (a temporary chair chosen, a
 *   chair-holder arriving, the chair leaving): the chair sees more (waiting room, reports, held
 *   crosstalk). The server does both; a `welcome` may come at any time and replaces the view.
 * - A reconnecting client (hello with lastSeq) gets its missed events only when they can be
 *   filtered as they were live (room-view.ts catchUpFor); otherwise a fresh `welcome`.
 * - A dropped socket is not yet a `leave`: wait a short grace period before deciding "leave", so a
 *   reconnecting speaker keeps their turn.
 * - `removed`, `denied` and `meeting_ended` are delivered, then `bye` follows.
 */
import { z } from "zod";
import { RoomCommand, RoomErrorCode, RoomEvent, RoomView } from "./room-messages";

export const PROTOCOL_LIMITS = {
  /** The largest frame a client may send, in bytes (UTF-8). */
  maxClientFrameBytes: 8 * 1024,
  clientMessageIdMax: 40,
  roomIdMax: 100,
} as const;

const Seq = z.number().int().min(0);

export const ClientHello = z.object({
  t: z.literal("hello"),
  roomId: z.string().min(1).max(PROTOCOL_LIMITS.roomIdMax),
  /** The last seq this client received, when it reconnects. */
  lastSeq: Seq.optional(),
});
export const ClientCommand = z.object({
  t: z.literal("cmd"),
  /** The client's own id for this message, echoed in ack/error. */
  id: z.string().min(1).max(PROTOCOL_LIMITS.clientMessageIdMax),
  cmd: RoomCommand,
});
export const ClientPing = z.object({ t: z.literal("ping") });

export const ClientMessage = z.discriminatedUnion("t", [ClientHello, ClientCommand, ClientPing]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Errors of the connection itself, beside the room's own (RoomErrorCode). */
export const PROTOCOL_ERROR_CODES = [
  /** Not JSON, or not a message this protocol knows. */
  "bad_message",
  "too_large",
  /** Too many messages: slow down. */
  "rate_limited",
  /** A command before hello. */
  "no_hello",
  "unauthenticated",
  /** No such room, or not one this person may enter (the same answer, so nothing leaks). */
  "room_not_found",
  "not_open_yet",
  "internal",
] as const;
export const ProtocolErrorCode = z.enum(PROTOCOL_ERROR_CODES);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCode>;

export const ErrorCode = z.union([RoomErrorCode, ProtocolErrorCode]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Why the server closes: removed, denied, ended (the meeting), rate (kept flooding), replaced (a
 * newer connection of the same person), shutdown (the server stops), slow (the client did not read
 * what was sent fast enough; best effort, it may not arrive: reconnect with lastSeq).
 */
export const BYE_REASONS = ["removed", "denied", "ended", "rate", "replaced", "shutdown", "slow"] as const;
export const ByeReason = z.enum(BYE_REASONS);
export type ByeReason = z.infer<typeof ByeReason>;

export const ServerWelcome = z.object({
  t: z.literal("welcome"),
  participantId: z.string(),
  /** The seq the view reflects; events after it follow. */
  seq: Seq,
  view: RoomView,
});
export const ServerEvent = z.object({ t: z.literal("event"), seq: Seq, event: RoomEvent });
export const ServerAck = z.object({ t: z.literal("ack"), id: z.string(), seq: Seq });
export const ServerError = z.object({ t: z.literal("error"), id: z.string().optional(), code: ErrorCode, message: z.string() });
export const ServerPong = z.object({ t: z.literal("pong") });
export const ServerBye = z.object({ t: z.literal("bye"), reason: ByeReason });

export const ServerMessage = z.discriminatedUnion("t", [ServerWelcome, ServerEvent, ServerAck, ServerError, ServerPong, ServerBye]);
export type ServerMessage = z.infer<typeof ServerMessage>;
