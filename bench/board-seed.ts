/**
 * Bench-only: a group board with 100,000 posts, written straight into the tables (see
 * lib/bulk.ts), not through the board's service. Posts arrive over two years; one topic in ten is
 * new, about a fifth of the replies go to one long topic (where a page of replies is measured),
 * the rest mostly to recent topics. Some posts carry a content warning, reactions, or were
 * deleted or hidden; the reader has read about half the topics.
 */
import type { Insertable } from "kysely";
import { REACTIONS } from "../core/board";
import { newId } from "../core/ids";
import type { Db } from "../server/db";
import type { BoardPostsTable, BoardReactionsTable, BoardReadsTable, BoardThreadsTable } from "../server/db/schema";
import { bulkInsert, randomSource, seedGroupMembers, type RandomSource } from "./lib/bulk";

export const POSTS = 100_000;
const AUTHORS = 200;
const NEW_TOPIC_SHARE = 0.1;
const LONG_TOPIC_SHARE = 0.22;
const SPAN_MS = 730 * 24 * 3600 * 1000;

export interface SeededBoard {
  /** The topic with the most replies. */
  longTopicId: string;
  topics: number;
  posts: number;
}

const TITLES = [
  "Hard week",
  "Day 30 today",
  "How do you get through Sundays?",
  "Cravings after work",
  "Thank you all",
  "First meeting tomorrow",
  "Sleep and anxiety",
  "Family visit coming up",
  "Small win",
  "Back again",
];

const SENTENCES = [
  "I wanted to share something that happened this week.",
  "It was harder than I expected, but I got through it.",
  "The meeting on Tuesday really helped, especially hearing from people who have been there.",
  "Some days I feel **strong**, and some days I just need to get to bedtime.",
  "Thank you for listening. It means more than I can say here.",
  "My sponsor reminded me to *take it one day at a time*.",
  "I called someone instead of picking up, and that felt like a small miracle.",
  "Does anyone else find evenings the hardest part?",
  "I went for a walk and wrote down three things I am grateful for.",
  "Reading your posts helps me feel less alone.",
];

function body(random: RandomSource): string {
  const sentences = 2 + random.below(6);
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  for (let i = 0; i < sentences; i++) {
    paragraph.push(random.pick(SENTENCES));
    if (random.chance(0.3)) {
      paragraphs.push(paragraph.join(" "));
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph.join(" "));
  return paragraphs.join("\n\n");
}

/** Members who wrote the posts (they never sign in), all active members of the group. */
async function seedAuthors(db: Db, groupId: string, at: string): Promise<string[]> {
  const ids = Array.from({ length: AUTHORS }, (_, i) => newId(Date.parse(at) - AUTHORS + i));
  await seedGroupMembers(db, groupId, ids, { handle: "bench-author", display: "Author" }, at);
  return ids;
}

interface TopicState {
  row: Insertable<BoardThreadsTable>;
  replies: number;
}

/** Writes the board: `readerId` has read about half the topics. */
export async function seedBoard(db: Db, groupId: string, readerId: string, now: Date): Promise<SeededBoard> {
  const random = randomSource(5);
  const start = now.getTime() - SPAN_MS - 3600_000;
  const authors = await seedAuthors(db, groupId, new Date(start - 1000).toISOString());
  const topics: TopicState[] = [];
  const posts: Insertable<BoardPostsTable>[] = [];
  const reactions: Insertable<BoardReactionsTable>[] = [];

  for (let i = 0; i < POSTS; i++) {
    const atMs = start + Math.floor((i * SPAN_MS) / POSTS) + random.below(1000);
    const at = new Date(atMs).toISOString();
    const id = newId(atMs);
    const opensTopic = i === 0 || random.chance(NEW_TOPIC_SHARE);
    let topic: TopicState;
    if (opensTopic) {
      topic = { row: { id, group_id: groupId, pinned: 0, pinned_at: null, reply_count: 0, created_at: at, last_activity_at: at }, replies: 0 };
      topics.push(topic);
    } else {
      // Mostly recent topics; the long one takes its share.
      topic = random.chance(LONG_TOPIC_SHARE) ? topics[0]! : topics[topics.length - 1 - Math.floor(topics.length * random.next() ** 3)]!;
      topic.replies++;
      topic.row.last_activity_at = at;
    }
    const authorId = random.pick(authors);
    posts.push({
      id,
      thread_id: topic.row.id,
      group_id: groupId,
      author_id: authorId,
      title: opensTopic ? random.pick(TITLES) : null,
      body: body(random),
      content_warning: random.chance(0.05) ? "mentions relapse" : null,
      created_at: at,
      edited_at: random.chance(0.03) ? at : null,
      // The long topic stays open: it takes the replies the benchmark posts.
      deleted_at: i > 0 && random.chance(0.01) ? at : null,
      hidden_at: i > 0 && random.chance(0.005) ? at : null,
      hidden_by_flags: 0,
      hidden_reason: null,
      hidden_note: null,
    });
    if (random.chance(0.2)) {
      const kinds = new Set(Array.from({ length: 1 + random.below(3) }, () => random.pick(REACTIONS)));
      for (const kind of kinds) reactions.push({ post_id: id, member_id: random.pick(authors), kind, created_at: at });
    }
  }

  // Topics first (posts refer to them), with their final counts and last activity.
  for (const topic of topics) topic.row.reply_count = topic.replies;
  await bulkInsert(
    db,
    "board_threads",
    topics.map((topic) => topic.row),
  );
  await bulkInsert(db, "board_posts", posts);
  await bulkInsert(db, "board_reactions", reactions);

  const reads: Insertable<BoardReadsTable>[] = topics
    .filter((_, i) => i % 2 === 0)
    .map((topic) => ({ member_id: readerId, thread_id: topic.row.id, read_to_at: topic.row.created_at, read_to_id: topic.row.id, updated_at: topic.row.created_at }));
  await bulkInsert(db, "board_reads", reads);

  const longest = topics.reduce((a, b) => (b.replies > a.replies ? b : a));
  return { longTopicId: longest.row.id, topics: topics.length, posts: POSTS };
}
