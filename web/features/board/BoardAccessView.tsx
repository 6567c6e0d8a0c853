import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { LoadedView, type Loaded } from "../../components/Loaded";
import { useHttpStatus } from "../../lib/page";

/**
 * LoadedView for the board's pages, with kind words for those who may not read it: sign in (401),
 * join the group first (403), or the same "not found" for a group or topic that does not exist
 * and one the reader may not see (404).
 */
export function BoardAccessView<T>({
  loaded,
  retry,
  groupId,
  children,
}: {
  loaded: Loaded<T>;
  retry: () => void;
  groupId: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === "failed" && loaded.error.status === 401) return <SignInFirst />;
  if (loaded.state === "failed" && loaded.error.status === 403) return <MembersOnly groupId={groupId} />;
  return (
    <LoadedView loaded={loaded} retry={retry} notFound={<BoardNotFound />}>
      {children}
    </LoadedView>
  );
}

function SignInFirst() {
  const { t } = useTranslation("board");
  const location = useLocation();
  useHttpStatus(401);
  return (
    <>
      <h1>{t("access.signInTitle")}</h1>
      <p>{t("access.signInBody")}</p>
      <p>
        <Link className="button" to={`/signin?next=${encodeURIComponent(location.pathname)}`}>
          {t("access.signIn")}
        </Link>
      </p>
    </>
  );
}

function MembersOnly({ groupId }: { groupId: string }) {
  const { t } = useTranslation("board");
  useHttpStatus(403);
  return (
    <>
      <h1>{t("access.membersTitle")}</h1>
      <p>{t("access.membersBody")}</p>
      <p>
        <Link to={`/groups/${groupId}`}>{t("access.toGroup")}</Link>
      </p>
    </>
  );
}

/** The same kind words whether it does not exist or the reader may not see it. */
export function BoardNotFound() {
  const { t } = useTranslation("board");
  useHttpStatus(404);
  return (
    <>
      <h1>{t("access.notFoundTitle")}</h1>
      <p>{t("access.notFoundBody")}</p>
      <p>
        <Link to="/groups">{t("access.toGroups")}</Link>
      </p>
    </>
  );
}
