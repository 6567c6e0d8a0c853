import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A group that does not exist, or that the reader may not see: the same kind words for both. */
export function GroupNotFound() {
  const { t } = useTranslation("groups");
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/groups">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
