/**
 * /buddies: my buddies and sponsors, requests both ways, asking someone by handle, and the
 * people I blocked. Blocking says plainly what it does before it happens.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import type { Act } from "../../components/announce";
import { ChoiceGroup, FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../../components/form";
import { LoadedView } from "../../components/Loaded";
import { ApiError } from "../../lib/api";
import { RequireMember, usePageTitle } from "../../lib/page";
import { supportApi, type BlockedPerson, type Buddy, type BuddyRole } from "./api";
import { ActButton, fieldProblem, useActThenFocus, useSupportPage } from "./parts";
import "./support.css";

const ROLES: readonly BuddyRole[] = ["buddy", "sponsor"];

interface BuddiesData {
  buddies: Buddy[];
  blocked: BlockedPerson[];
}

async function loadBuddies(): Promise<BuddiesData> {
  const [buddies, blocked] = await Promise.all([supportApi.buddies(), supportApi.blocked()]);
  return { buddies, blocked };
}

export function BuddiesPage() {
  const { t } = useTranslation("support");
  usePageTitle(t("buddies.title"));
  return (
    <RequireMember>
      <Buddies />
    </RequireMember>
  );
}

function Buddies() {
  const { t } = useTranslation("support");
  const { loaded, reload, regions, act, done } = useSupportPage("buddies", loadBuddies);
  // After a change the lists are new: start reading again from the top.
  const top = useActThenFocus<HTMLHeadingElement>(act);
  return (
    <>
      <h1 ref={top.ref} tabIndex={-1}>
        {t("buddies.title")}
      </h1>
      <p>{t("buddies.intro")}</p>
      <NeedsJavaScript />
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(data) => <BuddyLists data={data} act={top.act} done={done} />}
      </LoadedView>
    </>
  );
}

function BuddyLists({ data, act, done }: { data: BuddiesData; act: Act; done: (message: string) => Promise<void> }) {
  const { t } = useTranslation("support");
  const askingMe = data.buddies.filter((b) => b.status === "pending" && b.direction === "askedMe");
  const active = data.buddies.filter((b) => b.status === "active");
  const waiting = data.buddies.filter((b) => b.status === "pending" && b.direction === "asked");

  return (
    <>
      {askingMe.length > 0 ? (
        <section aria-labelledby="buddies-requests" className="settings-section">
          <h2 id="buddies-requests">{t("buddies.requestsHeading")}</h2>
          <ul className="card-list">
            {askingMe.map((buddy) => {
              const name = buddy.other.displayName;
              return (
                <li key={buddy.id}>
                  <article className="card" aria-labelledby={`buddy-${buddy.id}`}>
                    <h3 id={`buddy-${buddy.id}`}>{t(`buddies.asksYou.${buddy.role}`, { name })}</h3>
                    <div className="actions">
                      <ActButton act={act} work={() => supportApi.accept(buddy.id)} done={t("buddies.accepted", { name })} label={t("buddies.acceptName", { name })}>
                        {t("buddies.accept")}
                      </ActButton>
                      <ActButton act={act} work={() => supportApi.decline(buddy.id)} done={t("buddies.declined", { name })} secondary label={t("buddies.declineName", { name })}>
                        {t("buddies.decline")}
                      </ActButton>
                    </div>
                    <BlockButton memberId={buddy.other.memberId} name={name} act={act} />
                  </article>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="buddies-mine" className="settings-section">
        <h2 id="buddies-mine">{t("buddies.mineHeading")}</h2>
        {active.length === 0 ? <p>{t("buddies.none")}</p> : null}
        <ul className="card-list">
          {active.map((buddy) => {
            const name = buddy.other.displayName;
            return (
              <li key={buddy.id}>
                <article className="card" aria-labelledby={`buddy-${buddy.id}`}>
                  <h3 id={`buddy-${buddy.id}`}>{name}</h3>
                  <p>{t(`buddies.role.${buddy.direction}.${buddy.role}`)}</p>
                  <p>
                    <Link className="button" to={`/buddies/${buddy.id}`} aria-label={t("buddies.messagesWith", { name })}>
                      {t("buddies.messages")}
                    </Link>
                  </p>
                  <div className="actions">
                    <ConfirmButton
                      label={t("buddies.end")}
                      question={t("buddies.endQuestion", { name })}
                      confirmLabel={t("buddies.endConfirm")}
                      onConfirm={() =>
                        act(async () => {
                          await supportApi.end(buddy.id);
                          return t("buddies.ended", { name });
                        })
                      }
                    />
                    <BlockButton memberId={buddy.other.memberId} name={name} act={act} />
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      </section>

      {waiting.length > 0 ? (
        <section aria-labelledby="buddies-waiting" className="settings-section">
          <h2 id="buddies-waiting">{t("buddies.sentHeading")}</h2>
          <ul className="card-list">
            {waiting.map((buddy) => {
              const name = buddy.other.displayName;
              return (
                <li key={buddy.id} className="card">
                  <p>{t(`buddies.waiting.${buddy.role}`, { name })}</p>
                  <ActButton act={act} work={() => supportApi.end(buddy.id)} done={t("buddies.withdrawn", { name })} secondary label={t("buddies.withdrawName", { name })}>
                    {t("buddies.withdraw")}
                  </ActButton>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <AskForm done={done} />

      {data.blocked.length > 0 ? (
        <section aria-labelledby="buddies-blocked" className="settings-section">
          <h2 id="buddies-blocked">{t("buddies.blockedHeading")}</h2>
          <ul className="card-list">
            {data.blocked.map((person) => (
              <li key={person.memberId} className="card">
                <p>{person.displayName}</p>
                <ActButton act={act} work={() => supportApi.unblock(person.memberId)} done={t("buddies.unblocked", { name: person.displayName })} secondary label={t("buddies.unblockName", { name: person.displayName })}>
                  {t("buddies.unblock")}
                </ActButton>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function BlockButton({ memberId, name, act }: { memberId: string; name: string; act: Act }) {
  const { t } = useTranslation("support");
  return (
    <ConfirmButton
      label={t("buddies.blockName", { name })}
      question={t("buddies.blockQuestion", { name })}
      confirmLabel={t("buddies.blockConfirm")}
      onConfirm={() =>
        act(async () => {
          await supportApi.block(memberId);
          return t("buddies.blocked", { name });
        })
      }
    />
  );
}

function AskForm({ done }: { done: (message: string) => Promise<void> }) {
  const { t } = useTranslation("support");
  const form = useApiForm(
    async (formData) => {
      const handle = text(formData, "handle").trim();
      const role = (text(formData, "role") || "buddy") as BuddyRole;
      if (!handle) throw fieldProblem("handle", t("common:fieldErrors.required"));
      let asked: Buddy;
      try {
        asked = await supportApi.ask(handle, role);
      } catch (caught) {
        // The server answers alike for an unknown handle, no group in common and a block: say it in the page's words.
        if (caught instanceof ApiError && caught.fieldError("handle")) {
          throw fieldProblem("handle", /own handle/.test(caught.fieldError("handle")!) ? t("buddies.ownHandle") : t("buddies.notReachable"));
        }
        throw caught;
      }
      form.props.ref.current?.reset();
      await done(t("buddies.sent", { name: asked.other.displayName }));
    },
    { messages: { conflict: t("buddies.alreadyAsked"), slowDown: t("buddies.slowDown") } },
  );
  return (
    <section aria-labelledby="buddies-ask" className="settings-section">
      <h2 id="buddies-ask">{t("buddies.askHeading")}</h2>
      <p>{t("buddies.askIntro")}</p>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <TextField name="handle" label={t("buddies.handle")} hint={t("buddies.handleHint")} error={form.fieldError("handle")} autoComplete="off" spellCheck={false} required />
        <ChoiceGroup
          legend={t("buddies.roleLegend")}
          name="role"
          defaultValue="buddy"
          error={form.fieldError("role")}
          options={ROLES.map((role) => ({ value: role, label: t(`buddies.roleChoice.${role}`) }))}
        />
        <SubmitButton pending={form.pending}>{t("buddies.send")}</SubmitButton>
      </form>
    </section>
  );
}
