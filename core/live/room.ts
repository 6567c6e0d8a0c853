/**
 * A live meeting room, pure and deterministic (no I/O, no clock of its own): the server keeps one
 * per meeting occurrence, decides each command, persists the events, evolves the state, and sends
 * each participant what visibleTo lets through. The pieces:
 * - room-messages.ts: RoomCommand, RoomEvent, RoomErrorCode, RoomView (zod)
 * - room-state.ts: RoomConfig, RoomActor, RoomState, initialRoomState, evolve, replay
 * - room-decide.ts: decide, and the rules in plain words
 * - room-view.ts: visibleTo, viewFor, catchUpFor (a reconnecting participant's missed events)
 * - room-client.ts: applyToView, the client's reducer of its view
 */
export * from "./room-messages";
export {
  currentStep,
  evolve,
  initialRoomState,
  isChair,
  replay,
  type ParticipantStatus,
  type RoomActor,
  type RoomConfig,
  type RoomParticipant,
  type RoomReport,
  type RoomShare,
  type RoomState,
} from "./room-state";
export { decide, type Decision } from "./room-decide";
export { catchUpFor, fanOut, visibleTo, viewFor } from "./room-view";
export { applyToView, type ViewUpdate } from "./room-client";
