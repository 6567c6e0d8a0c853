/**
 * The data of the groups' public web pages (core/page-data.ts), loaded as the viewer and presented
 * exactly as the API presents it, so the server-rendered page and the browser see the same thing.
 * The web feature runs these (server/services.ts hands them to it).
 */
import type { PageData, PageDataRequest } from "../../../core/page-data";
import { capabilities } from "./policy";
import { presentGroupDetail, presentGroupMember, presentGroupSummary } from "./presenter";
import type { GroupsService } from "./service";

export function groupPages(groups: GroupsService) {
  return {
    /** /groups: as GET /api/groups. */
    groups: async ({ memberId }: PageDataRequest): Promise<PageData["groups"]> => (await groups.list(memberId)).map(presentGroupSummary),

    /** /groups/:groupId: as GET /api/groups/:groupId, and its members when the viewer may see them; notFound otherwise. */
    group: async ({ memberId, params }: PageDataRequest): Promise<PageData["group"]> => {
      const groupId = params.groupId ?? "";
      const view = await groups.view(await groups.authorize(memberId, groupId, "see"));
      const can = capabilities(view);
      const members = can.seeMembers ? await groups.members(await groups.authorize(memberId, groupId, "seeMembers")) : [];
      return { group: presentGroupDetail(view, can), members: members.map(presentGroupMember) };
    },
  };
}
