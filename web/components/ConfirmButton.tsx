import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

/**
 * A button for something hard to undo: it first asks, in place, and acts only on a second,
 * explicit "yes". Focus moves to the question, and back to the button on cancel or Escape.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) openerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const confirm = async () => {
    if (pending) return;
    setPending(true);
    setFailure(null);
    try {
      await onConfirm();
    } catch (caught) {
      // The page has announced it; say it here too, where the reader is, and give the button back.
      setFailure(caught instanceof Error ? caught.message : null);
      returnFocus.current = true;
    }
    setPending(false);
    setAsking(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") cancel();
  };

  if (!asking) {
    return (
      <div className="field">
        <button
          type="button"
          className="button button-secondary"
          ref={openerRef}
          onClick={() => setAsking(true)}
          aria-describedby={failure ? `${id}-failure` : undefined}
        >
          {label}
        </button>
        {failure ? (
          <p className="field-error" id={`${id}-failure`}>
            {failure}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={`${id}-question`} onKeyDown={onKeyDown}>
      <p id={`${id}-question`} ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <div className="actions">
        <button type="button" className="button button-danger" aria-disabled={pending || undefined} onClick={() => void confirm()}>
          {pending ? t("form.working") : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={cancel}>
          {t("form.cancel")}
        </button>
      </div>
    </div>
  );
}
