/**
 * /notifications: the notification centre, newest first, unread marked, mark one or all read,
 * each linking to what it is about. /settings/notifications: per kind, in the app and by email.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TFunction } from "i18next";
import type { Act } from "../../components/announce";
import { FormAlert, NeedsJavaScript, SubmitButton, useApiForm } from "../../components/form";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { unreadChanged } from "../../components/UnreadBadge";
import { RequireMember, usePageTitle } from "../../lib/page";
import { supportApi, type Notification, type NotificationSettings } from "./api";
import { formatInstant } from "./dates";
import { ActButton, OlderButton, useActThenFocus, useOlderPages, useSupportPage } from "./parts";
import "./support.css";

const KNOWN_KINDS = ["reply", "reaction", "mention", "buddy_request", "meeting_soon", "message", "live_report"];

/** What happened, in a sentence; never the words anyone wrote (the API does not send them). */
function describe(notification: Notification, t: TFunction, language: string): string {
  const kind = KNOWN_KINDS.includes(notification.kind) ? notification.kind : "other";
  return t(`support:notifications.kind.${kind}`, {
    name: notification.from?.displayName ?? t("support:notifications.someone"),
    group: notification.group?.groupName ?? "",
    time: notification.startsAt ? formatInstant(notification.startsAt, language) : "",
    // live_report: the meeting's name (never who reported whom, nor why).
    meeting: notification.meetingName ?? t("support:notifications.aLiveMeeting"),
  });
}

/** Where it leads: the topic, the buddies page, the conversation or the meeting. */
function linkOf(n: Notification): string | null {
  switch (n.kind) {
    case "reply":
    case "reaction":
    case "mention":
      return n.group && n.threadId ? `/groups/${n.group.groupId}/board/${n.threadId}${n.postId ? `#post-${n.postId}` : ""}` : null;
    case "buddy_request":
      return "/buddies";
    case "meeting_soon":
    case "live_report":
      return n.meetingId ? `/meetings/${n.meetingId}` : null;
    default:
      return n.buddyId ? `/buddies/${n.buddyId}` : null;
  }
}

export function NotificationsPage() {
  const { t } = useTranslation("support");
  usePageTitle(t("notifications.title"));
  return (
    <RequireMember>
      <Notifications />
    </RequireMember>
  );
}

function Notifications() {
  const { t } = useTranslation("support");
  const { loaded, reload, announcer, regions, act } = useSupportPage("notifications", () => supportApi.notifications(), unreadChanged);
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <p>
        <Link to="/settings/notifications">{t("notifications.settingsLink")}</Link>
      </p>
      <NeedsJavaScript />
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(page) => <NotificationList key={page.notifications.map((n) => n.id + n.read).join()} first={page.notifications} nextBefore={page.nextBefore} act={act} onFail={announcer.failed} />}
      </LoadedView>
    </>
  );
}

function NotificationList({ first, nextBefore, act, onFail }: { first: Notification[]; nextBefore: string | null; act: Act; onFail: (message: string) => void }) {
  const { t, i18n } = useTranslation("support");
  const pages = useOlderPages(nextBefore, (before) => supportApi.notifications(before).then((page) => ({ items: page.notifications, nextBefore: page.nextBefore })), onFail);
  // After marking one read, reading goes on from the list.
  const list = useActThenFocus<HTMLUListElement>(act);
  const all = [...first, ...pages.older];
  const anyUnread = all.some((n) => !n.read);

  // Opening it is reading it: mark it read on the way (quietly; it does not hold up the visit).
  const markOnTheWay = (notification: Notification) => {
    if (!notification.read) void supportApi.markRead(notification.id).then(unreadChanged, () => undefined);
  };

  if (all.length === 0) return <p>{t("notifications.none")}</p>;
  return (
    <>
      {anyUnread ? (
        <p>
          <ActButton act={act} work={() => supportApi.markAllRead()} done={t("notifications.allRead")} secondary>
            {t("notifications.readAll")}
          </ActButton>
        </p>
      ) : null}
      <ul className="card-list" ref={list.ref} tabIndex={-1} aria-label={t("notifications.title")}>
        {all.map((notification) => {
          const what = describe(notification, t, i18n.language);
          const to = linkOf(notification);
          return (
            <li key={notification.id} className={notification.read ? "card" : "card notification-unread"}>
              <p className="notification-what">
                {notification.read ? null : (
                  <>
                    <span className="tag">{t("notifications.unreadTag")}</span>{" "}
                  </>
                )}
                {to ? (
                  <Link to={to} onClick={() => markOnTheWay(notification)}>
                    {what}
                  </Link>
                ) : (
                  what
                )}
              </p>
              <p className="field-hint">
                <time dateTime={notification.createdAt}>{formatInstant(notification.createdAt, i18n.language)}</time>
              </p>
              {notification.read ? null : (
                <ActButton act={list.act} work={() => supportApi.markRead(notification.id)} done={t("notifications.marked")} secondary label={t("notifications.markReadName", { what })}>
                  {t("notifications.markRead")}
                </ActButton>
              )}
            </li>
          );
        })}
      </ul>
      <OlderButton pages={pages}>{t("notifications.older")}</OlderButton>
    </>
  );
}

export function NotificationSettingsPage() {
  const { t } = useTranslation("support");
  usePageTitle(t("notificationSettings.title"));
  return (
    <RequireMember>
      <Settings />
    </RequireMember>
  );
}

function Settings() {
  const { t } = useTranslation("support");
  const { loaded, reload } = useLoaded("notification-settings", () => supportApi.settings());
  return (
    <>
      <h1>{t("notificationSettings.title")}</h1>
      <p>{t("notificationSettings.intro")}</p>
      <p>
        <Link to="/notifications">{t("notificationSettings.back")}</Link>
      </p>
      <NeedsJavaScript />
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(settings) => <SettingsForm settings={settings} />}
      </LoadedView>
    </>
  );
}

function SettingsForm({ settings: initial }: { settings: NotificationSettings }) {
  const { t } = useTranslation("support");
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { emailAvailable } = settings;
  const form = useApiForm(async (data) => {
    setSaved(false);
    const changes = settings.settings.map((s) => ({
      kind: s.kind,
      inApp: data.get(`${s.kind}.inApp`) === "on",
      ...(emailAvailable ? { email: data.get(`${s.kind}.email`) === "on" } : {}),
    }));
    setSettings(await supportApi.saveSettings({ settings: changes }));
    setSaved(true);
  });
  const kindName = (kind: string) => t(`notificationSettings.kind.${KNOWN_KINDS.includes(kind) ? kind : "other"}`);
  return (
    <form {...form.props} className="stack">
      <FormAlert form={form} />
      {emailAvailable ? null : (
        <p className="notice" id="email-unavailable">
          {t("notificationSettings.emailUnavailable")} <Link to="/settings">{t("notificationSettings.accountLink")}</Link>
        </p>
      )}
      <table className="settings-table">
        <caption className="visually-hidden">{t("notificationSettings.title")}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t("notificationSettings.inApp")}</th>
            <th scope="col">{t("notificationSettings.email")}</th>
          </tr>
        </thead>
        <tbody>
          {settings.settings.map((setting) => {
            const name = kindName(setting.kind);
            return (
              <tr key={setting.kind}>
                <th scope="row" id={`kind-${setting.kind}`}>
                  {name}
                </th>
                <td>
                  <input
                    type="checkbox"
                    name={`${setting.kind}.inApp`}
                    defaultChecked={setting.inApp}
                    aria-label={`${name}: ${t("notificationSettings.inApp")}`}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    name={`${setting.kind}.email`}
                    defaultChecked={setting.email}
                    disabled={!emailAvailable}
                    aria-label={`${name}: ${t("notificationSettings.email")}`}
                    aria-describedby={emailAvailable ? undefined : "email-unavailable"}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <SubmitButton pending={form.pending}>{t("notificationSettings.save")}</SubmitButton>
      <p className={saved ? "status-message" : "status-message status-message-empty"} role="status">
        {saved ? t("notificationSettings.saved") : null}
      </p>
    </form>
  );
}
