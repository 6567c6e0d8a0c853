/** The only way notifications leave the server: what happened, where and by whom; never what was written. */
import type { z } from "zod";
import type { Notification } from "../../../core/support";
import type { NotificationRecord } from "./service";

export function presentNotification(n: NotificationRecord): z.infer<typeof Notification> {
  return {
    id: n.id,
    kind: n.kind,
    group: n.group,
    from: n.from,
    threadId: n.threadId,
    postId: n.postId,
    buddyId: n.buddyshipId,
    meetingId: n.meetingId,
    startsAt: n.startsAt,
    meetingName: n.meetingName ?? null,
    read: n.readAt !== null,
    createdAt: n.createdAt,
  };
}
