import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { StatusMessage } from "../components/messages";
import { useMember } from "../lib/app-state";
import { usePageTitle } from "../lib/page";

const FOCUS_KEYS = ["addiction", "grief", "illness", "mentalHealth", "caregivers", "family"] as const;
/** Between meetings, for a signed-in member: the same places as in the header (support:nav). */
const BETWEEN_MEETINGS = [["/check-ins", "checkIns"], ["/milestones", "milestones"], ["/buddies", "buddies"], ["/notifications", "notifications"]] as const;

export function HomePage() {
  const { t } = useTranslation("home");
  const { member } = useMember();
  const location = useLocation();
  const accountDeleted = (location.state as { accountDeleted?: boolean } | null)?.accountDeleted === true;
  usePageTitle(t("title"));
  return (
    <>
      {accountDeleted ? <StatusMessage>{t("accountDeleted")}</StatusMessage> : null}
      <section className="intro" aria-labelledby="home-heading">
        <h1 id="home-heading">{t("heading")}</h1>
        <p className="lead">{t("lead")}</p>
        <div className="actions">
          <Link className="button" to="/meetings">
            {t("directory:homeLink")}
          </Link>
          <Link className="button" to="/groups">
            {t("findGroup")}
          </Link>
          {member ? null : (
            <Link className="button button-secondary" to="/signup">
              {t("signUp")}
            </Link>
          )}
        </div>
      </section>
      {member ? (
        <section aria-labelledby="home-between">
          <h2 id="home-between">{t("support:settingsLinkHeading")}</h2>
          <ul className="plain-list">
            {BETWEEN_MEETINGS.map(([to, key]) => (
              <li key={to}>
                <Link to={to}>{t(`support:nav.${key}`)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="home-for-whom">
        <h2 id="home-for-whom">{t("forWhomHeading")}</h2>
        <p>{t("forWhom")}</p>
        <ul className="plain-list">
          {FOCUS_KEYS.map((key) => (
            <li key={key}>{t(`focus.${key}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="home-how">
        <h2 id="home-how">{t("howHeading")}</h2>
        <ul>
          <li>{t("how.pseudonym")}</li>
          <li>{t("how.peerLed")}</li>
          <li>{t("how.yourData")}</li>
          <li>{t("how.noPressure")}</li>
        </ul>
      </section>
      <section aria-labelledby="home-help" className="callout">
        <h2 id="home-help">{t("helpHeading")}</h2>
        <p>
          {t("help")} <Link to="/help">{t("helpLink")}</Link>
        </p>
      </section>
    </>
  );
}
