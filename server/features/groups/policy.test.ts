import { describe, expect, it } from "vitest";
import type { MembershipPolicy, ServicePosition } from "../../../core/groups";
import { AppError } from "../../errors";
import { authorize, authorizeCreate, can, type GroupAccess, type GroupAction } from "./policy";
import type { Group, Membership } from "./repository";

const group = (overrides: Partial<Group> = {}): Group => ({
  id: "g",
  organizationId: "o",
  name: "Group",
  description: "",
  focusAreas: ["grief_loss"],
  otherFocus: null,
  languages: ["en"],
  whoFor: "",
  visibility: "listed",
  membershipPolicy: "open",
  guidelines: "",
  guidelinesVersion: 1,
  createdAt: "",
  updatedAt: "",
  ...overrides,
});

const membership = (status: Membership["status"], positions: ServicePosition[] = []): Membership => ({
  groupId: "g",
  memberId: "m",
  status,
  positions,
  joinedAt: "",
  acceptedGuidelinesVersion: 1,
});

type Who = "anonymous" | "outsider" | "requester" | "invitee" | "member" | "chair" | "secretary" | "treasurer" | "moderator" | "admin";

function accessOf(who: Who, g: Group): GroupAccess {
  const viewer = who === "anonymous" ? null : { memberId: "m", isAdmin: who === "admin" };
  const relation: Record<Who, Membership | null> = {
    anonymous: null,
    outsider: null,
    admin: null,
    requester: membership("pending"),
    invitee: membership("invited"),
    member: membership("active"),
    chair: membership("active", ["chair"]),
    secretary: membership("active", ["secretary", "treasurer"]),
    treasurer: membership("active", ["treasurer"]),
    moderator: membership("active", ["moderator"]),
  };
  return { viewer, group: g, membership: relation[who] };
}

const STEWARD_ACTIONS: GroupAction[] = ["edit", "approve", "invite", "remove", "managePositions"];
const EVERYONE: Who[] = ["anonymous", "outsider", "requester", "invitee", "member", "chair", "secretary", "treasurer", "moderator", "admin"];
const STEWARDS: Who[] = ["chair", "secretary", "admin"];

describe("groups policy", () => {
  it.each(STEWARD_ACTIONS)("lets only admins, chairs and secretaries %s", (action) => {
    const allowed = EVERYONE.filter((who) => can(accessOf(who, group()), action));
    expect(allowed).toEqual(STEWARDS);
  });

  it("shows the member list to active members and admins only", () => {
    const allowed = EVERYONE.filter((who) => can(accessOf(who, group()), "seeMembers"));
    expect(allowed).toEqual(["member", "chair", "secretary", "treasurer", "moderator", "admin"]);
  });

  it("hides an unlisted group from everyone it has no relation to", () => {
    const unlisted = group({ visibility: "unlisted" });
    const seeing = EVERYONE.filter((who) => can(accessOf(who, unlisted), "see"));
    expect(seeing).toEqual(["requester", "invitee", "member", "chair", "secretary", "treasurer", "moderator", "admin"]);
    expect(() => authorize(accessOf("outsider", unlisted), "join")).toThrow(expect.objectContaining({ code: "notFound" }));
    expect(() => authorize(accessOf("anonymous", unlisted), "see")).toThrow(expect.objectContaining({ code: "notFound" }));
  });

  it.each<[MembershipPolicy, Who[]]>([
    ["open", ["outsider", "requester", "invitee", "member", "chair", "secretary", "treasurer", "moderator", "admin"]],
    ["approval", ["outsider", "requester", "invitee", "member", "chair", "secretary", "treasurer", "moderator", "admin"]],
    ["invitation", ["requester", "invitee", "member", "chair", "secretary", "treasurer", "moderator", "admin"]],
  ])("lets the right people join a group with the %s policy", (membershipPolicy, expected) => {
    const allowed = EVERYONE.filter((who) => can(accessOf(who, group({ membershipPolicy })), "join"));
    expect(allowed).toEqual(expected);
  });

  it("asks the signed-out to sign in and refuses the signed-in who may not act", () => {
    expect(() => authorize(accessOf("anonymous", group()), "join")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => authorize(accessOf("member", group()), "edit")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => authorize(accessOf("chair", group()), "edit")).not.toThrow();
  });

  it("lets only admins and the group's active moderators moderate", () => {
    const allowed = EVERYONE.filter((who) => can(accessOf(who, group()), "moderate"));
    expect(allowed).toEqual(["moderator", "admin"]);
    expect(can({ ...accessOf("invitee", group()), membership: membership("invited", ["moderator"]) }, "moderate")).toBe(false);
  });

  it("does not count a requested or invited chair as a steward", () => {
    const invitedChair = { ...accessOf("invitee", group()), membership: membership("invited", ["chair"]) };
    expect(can(invitedChair, "edit")).toBe(false);
  });

  it("lets only organization admins create groups", () => {
    expect(() => authorizeCreate(null)).toThrow(AppError);
    expect(() => authorizeCreate({ memberId: "m", isAdmin: false })).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(authorizeCreate({ memberId: "m", isAdmin: true })).toMatchObject({ memberId: "m" });
  });
});
