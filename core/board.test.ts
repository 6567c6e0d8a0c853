import { describe, expect, it } from "vitest";
import { countLinks, countMentions, earnedTrustLevel, EditPostRequest, FLAG_RULES, flagScore, mayFlag, postingWait, type Participation, type PostingRecord } from "./board";

const flagger = (overrides: Partial<Parameters<typeof flagScore>[0]> = {}) => ({ trustLevel: 1 as const, isStaff: false, flagsDecided: 0, flagsAgreed: 0, ...overrides });

describe("flag scores", () => {
  it("score 1 + trust level, staff as 5", () => {
    expect(flagScore(flagger({ trustLevel: 1 }))).toBe(2);
    expect(flagScore(flagger({ trustLevel: 2 }))).toBe(3);
    expect(flagScore(flagger({ trustLevel: 0, isStaff: true }))).toBe(6);
  });

  it("hide a post after three flags from established members or five from basic ones, as safety.md says", () => {
    expect(3 * flagScore(flagger({ trustLevel: 2 }))).toBeGreaterThanOrEqual(FLAG_RULES.hideAtScore);
    expect(2 * flagScore(flagger({ trustLevel: 2 }))).toBeLessThan(FLAG_RULES.hideAtScore);
    expect(5 * flagScore(flagger({ trustLevel: 1 }))).toBeGreaterThanOrEqual(FLAG_RULES.hideAtScore);
    expect(4 * flagScore(flagger({ trustLevel: 1 }))).toBeLessThan(FLAG_RULES.hideAtScore);
  });

  it("add the accuracy bonus only once a flagger has more than 5 decided flags", () => {
    expect(flagScore(flagger({ flagsDecided: 5, flagsAgreed: 5 }))).toBe(2);
    expect(flagScore(flagger({ flagsDecided: 6, flagsAgreed: 6 }))).toBe(7);
    expect(flagScore(flagger({ flagsDecided: 8, flagsAgreed: 6 }))).toBe(5.75);
    expect(flagScore(flagger({ flagsDecided: 9, flagsAgreed: 0 }))).toBe(2);
  });

  it("are not open to brand-new members, but are to staff", () => {
    expect(mayFlag({ trustLevel: 0, isStaff: false })).toBe(false);
    expect(mayFlag({ trustLevel: 0, isStaff: true })).toBe(true);
    expect(mayFlag({ trustLevel: 1, isStaff: false })).toBe(true);
  });
});

describe("trust levels", () => {
  const none: Participation = { topicsEntered: 0, postsRead: 0, readingSeconds: 0, daysVisited: 0, reactionsGiven: 0, reactionsReceived: 0, threadsRepliedTo: 0 };
  const basic = { ...none, topicsEntered: 5, postsRead: 30, readingSeconds: 600 };
  const member = { topicsEntered: 20, postsRead: 100, readingSeconds: 3600, daysVisited: 15, reactionsGiven: 1, reactionsReceived: 1, threadsRepliedTo: 3 };

  it("are earned by taking part", () => {
    expect(earnedTrustLevel(none)).toBe(0);
    expect(earnedTrustLevel({ ...basic, readingSeconds: 599 })).toBe(0);
    expect(earnedTrustLevel(basic)).toBe(1);
    expect(earnedTrustLevel({ ...member, reactionsReceived: 0 })).toBe(1);
    expect(earnedTrustLevel(member)).toBe(2);
  });
});

describe("posting limits", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");
  const record = (overrides: Partial<PostingRecord> = {}): PostingRecord => ({
    isNew: true,
    now,
    lastPostAt: null,
    lastTopicAt: null,
    firstDayEndsAt: now + 3600_000,
    topicsToday: 0,
    repliesToday: 0,
    ...overrides,
  });

  it("let someone post who has not posted lately", () => {
    expect(postingWait("topic", record())).toEqual({ ok: true });
  });

  it("keep new members 30 seconds apart, others 5", () => {
    expect(postingWait("reply", record({ lastPostAt: now - 10_000 }))).toEqual({ ok: false, reason: "betweenPosts", waitSeconds: 20 });
    expect(postingWait("reply", record({ isNew: false, lastPostAt: now - 2_000 }))).toEqual({ ok: false, reason: "betweenPosts", waitSeconds: 3 });
    expect(postingWait("reply", record({ isNew: false, lastPostAt: now - 5_000 }))).toEqual({ ok: true });
  });

  it("keep a new member's topics 2 minutes apart", () => {
    expect(postingWait("topic", record({ lastPostAt: now - 60_000, lastTopicAt: now - 60_000 }))).toEqual({ ok: false, reason: "betweenTopics", waitSeconds: 60 });
    expect(postingWait("reply", record({ lastPostAt: now - 60_000, lastTopicAt: now - 60_000 }))).toEqual({ ok: true });
  });

  it("cap the first day at 3 topics and 10 replies, until the day ends", () => {
    expect(postingWait("topic", record({ topicsToday: 3 }))).toEqual({ ok: false, reason: "firstDayTopics", waitSeconds: 3600 });
    expect(postingWait("reply", record({ topicsToday: 3 }))).toEqual({ ok: true });
    expect(postingWait("reply", record({ repliesToday: 10 }))).toEqual({ ok: false, reason: "firstDayReplies", waitSeconds: 3600 });
    expect(postingWait("reply", record({ repliesToday: 10, firstDayEndsAt: null }))).toEqual({ ok: true });
  });
});

describe("links and mentions", () => {
  it("are counted as a new member's limits count them", () => {
    expect(countLinks("see https://a.example and http://b.example, or www.c.example")).toBe(3);
    expect(countLinks("[text](https://a.example)")).toBe(1);
    expect(countLinks("no links here")).toBe(0);
    expect(countMentions("thanks @ana and @ben.k! mail me at me@example.org")).toBe(2);
    expect(countMentions("@start of a line")).toBe(1);
  });
});

describe("an edit", () => {
  it("must change something, and may clear the content warning", () => {
    expect(EditPostRequest.safeParse({}).success).toBe(false);
    expect(EditPostRequest.parse({ contentWarning: "" })).toEqual({ contentWarning: null });
    expect(EditPostRequest.parse({ body: "new words" })).toEqual({ body: "new words" });
  });
});
