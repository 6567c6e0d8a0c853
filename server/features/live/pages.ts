/**
 * The data of the live feature's public web page (core/page-data.ts): /verify/:code, where anyone
 * a proof-of-attendance slip is shown to checks it. The same verification as
 * GET /api/live/slips/verify/:code, presented the same way, so the page reads complete without
 * JavaScript. The web feature runs this loader (server/services.ts hands it over).
 */
import type { PageData, PageDataRequest } from "../../../core/page-data";
import type { LiveMemberData } from "./members";
import { presentVerification } from "./presenter";

/** Longer than any code; the API refuses such a parameter, the page just answers "not genuine". */
const MAX_CODE_LENGTH = 100;

export function livePages(slips: Pick<LiveMemberData, "verifySlip">) {
  return {
    /** /verify/:code: as GET /api/live/slips/verify/:code. */
    slipVerification: async ({ params }: PageDataRequest): Promise<PageData["slipVerification"]> => {
      const code = params.code ?? "";
      if (code.length === 0 || code.length > MAX_CODE_LENGTH) return { genuine: false };
      return presentVerification(await slips.verifySlip(code));
    },
  };
}
