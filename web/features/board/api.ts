/** The board API (server/features/board/routes.ts), typed from core/board.ts; `import type` keeps zod out of the bundle. */
import type { z } from "zod";
import type { GroupDetail as GroupDetailSchema } from "../../../core/api";
import type {
  Appeal as AppealSchema,
  AuditEntry as AuditEntrySchema,
  AuditLogPage,
  BoardPost as BoardPostSchema,
  BoardRepliesPage,
  BoardThread as BoardThreadSchema,
  BoardThreadDetail,
  BoardThreadsPage,
  FlagReason,
  MemberModerationRequest,
  ModerationQueue,
  Notice as NoticeSchema,
  NoticesResponse,
  PostModerationRequest,
  PostVersion as PostVersionSchema,
  PostVersionsResponse,
  Reaction,
  ReactionCount as ReactionCountSchema,
  ReactionsResponse,
} from "../../../core/board";
import { api } from "../../lib/api";

export type { FlagReason, Reaction };
export type Group = z.infer<typeof GroupDetailSchema>;
export type BoardPost = z.infer<typeof BoardPostSchema>;
export type BoardThread = z.infer<typeof BoardThreadSchema>;
export type ThreadsPage = z.infer<typeof BoardThreadsPage>;
export type ThreadDetail = z.infer<typeof BoardThreadDetail>;
export type RepliesPage = z.infer<typeof BoardRepliesPage>;
export type ReactionCount = z.infer<typeof ReactionCountSchema>;
export type Queue = z.infer<typeof ModerationQueue>;
export type QueueItem = Queue["items"][number];
export type Appeal = z.infer<typeof AppealSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditLogPage>;
export type PostVersion = z.infer<typeof PostVersionSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
export type PostModeration = z.input<typeof PostModerationRequest>;
export type MemberModeration = z.input<typeof MemberModerationRequest>;

const enc = encodeURIComponent;
const board = (groupId: string) => `/api/groups/${enc(groupId)}/board`;
const thread = (threadId: string) => `/api/board/threads/${enc(threadId)}`;
const post = (postId: string) => `/api/board/posts/${enc(postId)}`;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface PostText {
  title?: string;
  body: string;
  contentWarning: string | null;
}

export const boardApi = {
  group: (groupId: string) => api.get<Group>(`/api/groups/${enc(groupId)}`),
  threads: (groupId: string, cursor?: string | null) => api.get<ThreadsPage>(`${board(groupId)}/threads${query({ cursor })}`),
  startThread: (groupId: string, body: Required<PostText>) => api.post<ThreadDetail>(`${board(groupId)}/threads`, body),
  thread: (threadId: string) => api.get<ThreadDetail>(thread(threadId)),
  replies: (threadId: string, cursor?: string | null, limit?: number) => api.get<RepliesPage>(`${thread(threadId)}/replies${query({ cursor, limit })}`),
  reply: (threadId: string, body: PostText) => api.post<BoardPost>(`${thread(threadId)}/replies`, body),
  markRead: (threadId: string, postId: string) => api.put<void>(`${thread(threadId)}/read`, { postId }),
  pin: (threadId: string, pinned: boolean) => api.put<BoardThread>(`${thread(threadId)}/pin`, { pinned }),
  edit: (postId: string, body: Partial<PostText>) => api.patch<BoardPost>(post(postId), body),
  remove: (postId: string) => api.delete(post(postId)),
  react: async (postId: string, kind: Reaction, on: boolean) =>
    (await (on ? api.put : api.delete)<z.infer<typeof ReactionsResponse>>(`${post(postId)}/reactions/${enc(kind)}`)).reactions,
  flag: (postId: string, reason: FlagReason, note: string | null) => api.post<unknown>(`${post(postId)}/flags`, { reason, note }),
  versions: async (postId: string) => (await api.get<z.infer<typeof PostVersionsResponse>>(`${post(postId)}/versions`)).versions,
  moderatePost: (postId: string, body: PostModeration) => api.post<BoardPost>(`${post(postId)}/moderation`, body),
  moderateMember: (groupId: string, memberId: string, body: MemberModeration) =>
    api.post<AuditEntry>(`${board(groupId)}/members/${enc(memberId)}/moderation`, body),
  setVisibility: (groupId: string, visibility: "members" | "public") => api.put<unknown>(`${board(groupId)}/settings`, { visibility }),
  queue: (groupId: string) => api.get<Queue>(`${board(groupId)}/queue`),
  audit: (groupId: string, cursor?: string | null) => api.get<AuditPage>(`${board(groupId)}/audit${query({ cursor })}`),
  notices: async () => (await api.get<z.infer<typeof NoticesResponse>>("/api/board/notices")).notices,
  appeal: (noticeId: string, message: string) => api.post<Appeal>(`/api/board/notices/${enc(noticeId)}/appeal`, { message }),
  decideAppeal: (appealId: string, outcome: "uphold" | "overturn", note: string) =>
    api.post<Appeal>(`/api/board/appeals/${enc(appealId)}/decision`, { outcome, note }),
};
