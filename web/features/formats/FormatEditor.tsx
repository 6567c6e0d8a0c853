/**
 * Editing a format, step by step: its name and description; each step's title, kind, words, who
 * speaks, whether chat is open and how long a share may be. Steps are added, removed and moved
 * with buttons (no dragging), and every change is announced, with focus kept on the step moved.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FORMAT_LIMITS, SPEAKING_MODES, STEP_KINDS, type SpeakingMode, type StepKind } from "../../../core/live/format-words";
import type { Announcer } from "../../components/announce";
import { CheckboxField, FormAlert, SelectField, SubmitButton, TextArea, TextField, useApiForm } from "../../components/form";
import type { Format, FormatStep, GroupFormat } from "./api";

const SHARING: readonly SpeakingMode[] = ["speaker", "round", "queue"];

/** A step id not used yet in this format. */
function freshId(steps: readonly FormatStep[]): string {
  const used = new Set(steps.map((s) => s.id));
  let n = steps.length + 1;
  while (used.has(`step${n}`)) n++;
  return `step${n}`;
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function FormatEditor({
  format,
  announcer,
  onSave,
  onCancel,
}: {
  format: GroupFormat;
  announcer: Announcer;
  onSave: (format: Format) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation("live");
  const [draft, setDraft] = useState<Format>(format.format);
  // Which step's heading to move focus to after the list changes (a step id), or the add button.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const headings = useRef(new Map<string, HTMLElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const form = useApiForm(
    async () => {
      await onSave(draft);
    },
    { messages: { conflict: t("formats.conflict") } },
  );

  useEffect(() => {
    if (focusTarget === null) return;
    (focusTarget === "add" ? addButton.current : headings.current.get(focusTarget))?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const setStep = (index: number, change: Partial<FormatStep>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) }));

  const moveStep = (index: number, by: -1 | 1) => {
    const step = draft.steps[index]!;
    setDraft((d) => ({ ...d, steps: move(d.steps, index, index + by) }));
    setFocusTarget(step.id);
    announcer.done(t("editor.moved", { title: step.title, position: index + by + 1, count: draft.steps.length }));
  };

  const removeStep = (index: number) => {
    const step = draft.steps[index]!;
    const next = draft.steps[index + 1] ?? draft.steps[index - 1];
    setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }));
    setFocusTarget(next && next.id !== step.id ? next.id : "add");
    announcer.done(t("editor.removed", { title: step.title }));
  };

  const addStep = () => {
    const step: FormatStep = {
      id: freshId(draft.steps),
      kind: "open_sharing",
      title: t("editor.newStepTitle"),
      speaking: "queue",
      chatOpen: false,
      shareLimitSeconds: 180,
      allowPass: true,
      crosstalkAllowed: false,
    };
    setDraft((d) => ({ ...d, steps: [...d.steps, step] }));
    setFocusTarget(step.id);
    announcer.done(t("editor.added", { position: draft.steps.length + 1 }));
  };

  const atMost = draft.steps.length >= FORMAT_LIMITS.stepsMax;
  return (
    <form {...form.props} aria-label={t("editor.label", { name: format.format.name })}>
      <FormAlert form={form} />
      <TextField
        name="format.name"
        label={t("editor.name")}
        value={draft.name}
        maxLength={FORMAT_LIMITS.titleMax}
        error={form.fieldError("format.name")}
        onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
      />
      <TextArea
        name="format.description"
        label={t("editor.description")}
        hint={t("editor.descriptionHint")}
        rows={3}
        value={draft.description}
        maxLength={FORMAT_LIMITS.descriptionMax}
        error={form.fieldError("format.description")}
        onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
      />
      <h3>{t("editor.steps")}</h3>
      <ol className="plain-list">
        {draft.steps.map((step, index) => (
          <li key={step.id}>
            <StepFields
              step={step}
              index={index}
              count={draft.steps.length}
              fieldError={form.fieldError}
              headingRef={(el) => {
                if (el) headings.current.set(step.id, el);
                else headings.current.delete(step.id);
              }}
              onChange={(change) => setStep(index, change)}
              onMove={(by) => moveStep(index, by)}
              onRemove={() => removeStep(index)}
            />
          </li>
        ))}
      </ol>
      <div className="actions">
        <button ref={addButton} type="button" className="button button-secondary" onClick={addStep} aria-disabled={atMost || undefined} disabled={atMost}>
          {t("editor.addStep")}
        </button>
      </div>
      <div className="actions">
        <SubmitButton pending={form.pending}>{t("editor.save")}</SubmitButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("editor.cancel")}
        </button>
      </div>
    </form>
  );
}

function StepFields({
  step,
  index,
  count,
  fieldError,
  headingRef,
  onChange,
  onMove,
  onRemove,
}: {
  step: FormatStep;
  index: number;
  count: number;
  fieldError: (field: string) => string | undefined;
  headingRef: (el: HTMLElement | null) => void;
  onChange: (change: Partial<FormatStep>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation("live");
  const path = `format.steps.${index}`;
  const sharing = SHARING.includes(step.speaking);
  const headingId = `step-${step.id}`;
  const title = step.title || t("editor.untitled");
  const minutes = step.shareLimitSeconds === undefined ? "" : String(step.shareLimitSeconds / 60);
  return (
    <fieldset className="field" aria-labelledby={headingId}>
      <h4 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("editor.stepHeading", { position: index + 1, title })}
      </h4>
      <TextField
        name={`${path}.title`}
        label={t("editor.title")}
        value={step.title}
        maxLength={FORMAT_LIMITS.titleMax}
        error={fieldError(`${path}.title`)}
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <SelectField
        name={`${path}.kind`}
        label={t("editor.kind")}
        value={step.kind}
        options={STEP_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        onChange={(e) => onChange({ kind: e.target.value as StepKind })}
      />
      <TextArea
        name={`${path}.text`}
        label={t("editor.text")}
        hint={t("editor.textHint")}
        rows={4}
        value={step.text ?? ""}
        maxLength={FORMAT_LIMITS.textMax}
        error={fieldError(`${path}.text`)}
        onChange={(e) => onChange({ text: e.target.value === "" ? undefined : e.target.value })}
      />
      <SelectField
        name={`${path}.speaking`}
        label={t("editor.speaking")}
        value={step.speaking}
        options={SPEAKING_MODES.map((mode) => ({ value: mode, label: t(`speaking.${mode}`) }))}
        onChange={(e) => onChange({ speaking: e.target.value as SpeakingMode })}
      />
      <CheckboxField name={`${path}.chatOpen`} label={t("editor.chatOpen")} checked={step.chatOpen} onChange={(e) => onChange({ chatOpen: e.target.checked })} />
      {sharing ? (
        <>
          <TextField
            name={`${path}.shareLimitSeconds`}
            type="number"
            inputMode="decimal"
            min={0.5}
            max={60}
            step={0.5}
            label={t("editor.limit")}
            hint={t("editor.limitHint")}
            value={minutes}
            error={fieldError(`${path}.shareLimitSeconds`)}
            onChange={(e) => {
              const value = Number.parseFloat(e.target.value);
              onChange({ shareLimitSeconds: Number.isFinite(value) && value > 0 ? Math.round(value * 60) : undefined });
            }}
          />
          <CheckboxField
            name={`${path}.allowPass`}
            label={t("editor.allowPass")}
            checked={step.allowPass !== false}
            onChange={(e) => onChange({ allowPass: e.target.checked })}
          />
          <CheckboxField
            name={`${path}.crosstalkAllowed`}
            label={t("editor.crosstalk")}
            hint={t("editor.crosstalkHint")}
            checked={step.crosstalkAllowed === true}
            onChange={(e) => onChange({ crosstalkAllowed: e.target.checked })}
          />
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t("editor.moveUpNamed", { title })}>
          {t("editor.moveUp")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t("editor.moveDownNamed", { title })}
        >
          {t("editor.moveDown")}
        </button>
        <button type="button" className="button button-secondary" disabled={count === 1} onClick={onRemove} aria-label={t("editor.removeNamed", { title })}>
          {t("editor.remove")}
        </button>
      </div>
    </fieldset>
  );
}
