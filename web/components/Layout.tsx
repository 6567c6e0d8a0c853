import { useState, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { api } from "../lib/api";
import { useAppState, useLanguage, useMember } from "../lib/app-state";
import { LANGUAGES, type UiLanguage } from "../lib/state";
import { UnreadBadge } from "./UnreadBadge";

const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: "English", es: "Español" };

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useAppState();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="site-header">
        <div className="help-strip">
          <Link className="help-link" to="/help">
            {t("layout.getHelpNow")}
          </Link>
        </div>
        <div className="header-main">
          <Link className="site-name" to="/">
            {state.organizationName ?? "Kindred"}
          </Link>
          <LanguageSwitch />
        </div>
        <MainNavigation />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t("layout.notCrisisService")} <Link to="/help">{t("layout.getHelpNow")}</Link>
        </p>
        <p>{t("layout.poweredBy")}</p>
      </footer>
    </>
  );
}

function MainNavigation() {
  const { t } = useTranslation();
  const { member, setMember } = useMember();
  const navigate = useNavigate();
  const [signOutFailed, setSignOutFailed] = useState(false);

  const signOut = async () => {
    setSignOutFailed(false);
    try {
      await api.delete("/api/session");
    } catch {
      // On a shared phone, "signed out" must be true: say so rather than pretend.
      setSignOutFailed(true);
      return;
    }
    // Leave first, so a members-only page does not send us to sign in again.
    await navigate("/");
    setMember(null);
  };

  return (
    <nav className="main-nav" aria-label={t("layout.mainNavigation")}>
      {signOutFailed ? (
        <p className="form-alert" role="alert">
          {t("layout.signOutFailed")}
        </p>
      ) : null}
      <ul>
        <li>
          <NavLink to="/" end>
            {t("layout.home")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/groups">{member ? t("layout.myGroups") : t("layout.findGroup")}</NavLink>
        </li>
        <li>
          <NavLink to="/meetings">{t("directory:nav")}</NavLink>
        </li>
        {member?.isOrganizationAdmin ? (
          <li>
            <NavLink to="/admin">{t("layout.admin")}</NavLink>
          </li>
        ) : null}
        {member ? (
          <>
            {/* between meetings (H4: web/features/support) */}
            <li>
              <NavLink to="/check-ins">{t("support:nav.checkIns")}</NavLink>
            </li>
            <li>
              <NavLink to="/milestones">{t("support:nav.milestones")}</NavLink>
            </li>
            <li>
              <NavLink to="/buddies">{t("support:nav.buddies")}</NavLink>
            </li>
            <li>
              <NavLink to="/notifications" className="nav-with-badge">
                {t("support:nav.notifications")}
                <UnreadBadge label={(count) => t("support:nav.unread", { count })} />
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings">{t("layout.settings")}</NavLink>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t("layout.signOut")}
              </button>
            </li>
          </>
        ) : (
          <>
            <li>
              <NavLink to="/signin">{t("layout.signIn")}</NavLink>
            </li>
            <li>
              <NavLink to="/signup">{t("layout.signUp")}</NavLink>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}

/**
 * Plain links, so switching works without JavaScript too (GET /language sets the cookie and
 * comes back); with JavaScript the switch happens in place and is saved to the account.
 */
function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const location = useLocation();
  const here = location.pathname + location.search;

  const choose = (event: MouseEvent<HTMLAnchorElement>, to: UiLanguage) => {
    event.preventDefault();
    void setLanguage(to).catch(() => undefined);
  };

  return (
    <nav className="language-switch" aria-label={t("layout.language")}>
      <ul>
        {LANGUAGES.map((code) => (
          <li key={code}>
            <a
              href={`/language?to=${code}&next=${encodeURIComponent(here)}`}
              lang={code}
              hrefLang={code}
              aria-current={code === language ? "true" : undefined}
              onClick={(event) => choose(event, code)}
            >
              {LANGUAGE_NAMES[code]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
