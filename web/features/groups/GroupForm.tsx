import { useEffect, useId, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { FocusArea, GroupVisibility, MembershipPolicy } from "../../../core/groups";
import { ChoiceGroup, FormAlert, NeedsJavaScript, SubmitButton, text, TextArea, TextField, useApiForm } from "../../components/form";
import { announceState } from "../../components/announce";
import type { GroupDetail, GroupFields } from "./api";
import { fieldMessage } from "./fieldMessage";
import { GuidelinesText, loadGuidelinesRenderer } from "./GuidelinesText";
import { useGroupLabels } from "../../lib/group-labels";
import { FOCUS_AREAS, MEMBERSHIP_POLICIES, OFFERED_LANGUAGES, VISIBILITIES } from "./vocabulary";

/** The one form for starting a group and for editing it; `save` sends it and returns the group. */
export function GroupForm({ group, save, submitLabel }: { group?: GroupDetail; save: (fields: GroupFields) => Promise<GroupDetail>; submitLabel: string }) {
  const { t } = useTranslation("groups");
  const labels = useGroupLabels();
  const navigate = useNavigate();
  const previewId = useId();
  const [otherChosen, setOtherChosen] = useState(group?.focusAreas.includes("other") ?? false);
  const [guidelines, setGuidelines] = useState(group?.guidelines ?? "");
  // Fetch the Markdown renderer now, so the preview follows the first keystroke.
  useEffect(() => void loadGuidelinesRenderer(), []);

  const form = useApiForm(async (data) => {
    const focusAreas = data.getAll("focusAreas") as FocusArea[];
    const saved = await save({
      name: text(data, "name"),
      whoFor: text(data, "whoFor"),
      description: text(data, "description"),
      focusAreas,
      otherFocus: focusAreas.includes("other") ? text(data, "otherFocus") : null,
      languages: data.getAll("languages") as string[],
      visibility: text(data, "visibility") as GroupVisibility,
      membershipPolicy: text(data, "membershipPolicy") as MembershipPolicy,
      guidelines,
    });
    await navigate(`/groups/${saved.id}`, { state: announceState(t("form.saved", { name: saved.name })) });
  });
  const error = (field: keyof GroupFields) => fieldMessage(form, field, t(`form.errors.${field}`));

  // A group that already meets in a language not offered keeps it on the list.
  const languages = [...new Set([...OFFERED_LANGUAGES, ...(group?.languages ?? [])])];
  const showOther = (event: ChangeEvent<HTMLDivElement>) => {
    const input = event.target as unknown as HTMLInputElement;
    if (input.name === "focusAreas" && input.value === "other") setOtherChosen(input.checked);
  };

  return (
    <form {...form.props} className="stack">
      <NeedsJavaScript />
      <FormAlert form={form} />
      <TextField name="name" label={t("form.name")} defaultValue={group?.name} error={error("name")} maxLength={100} required />
      <TextField name="whoFor" label={t("form.whoFor")} hint={t("form.whoForHint")} defaultValue={group?.whoFor} error={error("whoFor")} maxLength={300} />
      <TextArea name="description" label={t("form.description")} hint={t("form.descriptionHint")} defaultValue={group?.description} error={error("description")} />
      <div onChange={showOther}>
        <ChoiceGroup
          name="focusAreas"
          legend={t("form.focusAreas")}
          hint={t("form.focusAreasHint")}
          multiple
          options={FOCUS_AREAS.map((area) => ({ value: area, label: labels.focusArea(area) }))}
          defaultValue={group?.focusAreas}
          error={error("focusAreas")}
        />
      </div>
      {otherChosen ? (
        <TextField name="otherFocus" label={t("form.otherFocus")} defaultValue={group?.otherFocus ?? ""} error={error("otherFocus")} maxLength={100} required />
      ) : null}
      <ChoiceGroup
        name="languages"
        legend={t("form.languages")}
        multiple
        options={languages.map((code) => ({ value: code, label: labels.language(code) }))}
        defaultValue={group?.languages ?? []}
        error={error("languages")}
      />
      <ChoiceGroup
        name="visibility"
        legend={t("form.visibility")}
        options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}.long`) }))}
        defaultValue={group?.visibility ?? "listed"}
        error={error("visibility")}
      />
      <ChoiceGroup
        name="membershipPolicy"
        legend={t("form.membershipPolicy")}
        options={MEMBERSHIP_POLICIES.map((p) => ({ value: p, label: t(`policy.${p}.long`) }))}
        defaultValue={group?.membershipPolicy ?? "open"}
        error={error("membershipPolicy")}
      />
      <TextArea
        name="guidelines"
        label={t("form.guidelines")}
        hint={group ? t("form.guidelinesHintEdit") : t("form.guidelinesHint")}
        value={guidelines}
        onChange={(event) => setGuidelines(event.currentTarget.value)}
        error={error("guidelines")}
        rows={12}
        aria-controls={previewId}
      />
      <section id={previewId} aria-labelledby={`${previewId}-heading`} className="guidelines-preview">
        <h2 id={`${previewId}-heading`}>{t("form.preview")}</h2>
        {guidelines.trim() ? <GuidelinesText source={guidelines} /> : <p>{t("form.previewEmpty")}</p>}
      </section>
      <SubmitButton pending={form.pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
