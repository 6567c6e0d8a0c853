import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useHttpStatus, usePageTitle } from "../lib/page";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  useHttpStatus(404);
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </>
  );
}
