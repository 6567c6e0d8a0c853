/** Pieces the organization admin's pages share: who may see them, dates, the way back. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMember } from "../../lib/app-state";
import { format } from "../../lib/meeting-time";
import { RequireMember } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import type { TrustLevel } from "./api";

/** Signed-in organization admins see the page; everyone else finds no such page. */
export function AdminOnly({ children }: { children: ReactNode }) {
  return (
    <RequireMember>
      <AdminsSee>{children}</AdminsSee>
    </RequireMember>
  );
}

function AdminsSee({ children }: { children: ReactNode }) {
  const { member } = useMember();
  return member?.isOrganizationAdmin ? <>{children}</> : <NotFoundPage />;
}

/** A moment, in the reader's language ("Mar 4, 2026, 7:00 PM"). */
export function When({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={iso}>{format(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso))}</time>;
}

export function BackToAdmin() {
  const { t } = useTranslation("admin");
  return (
    <p>
      <Link to="/admin">{t("back")}</Link>
    </p>
  );
}

export const TRUST_LEVELS: readonly TrustLevel[] = [0, 1, 2];
