import { useId, useState, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { Field } from './Field';
import './ui.css';

type Counter = boolean | ((length: number) => ReactNode);

/**
 * A box for several lines of text, with its label, hint and error like TextInput. `counter` shows how much is
 * written under the box: `true` says "N of max characters" (with `maxLength`), a function says it in its own words.
 * Hint and counter are read out with the box (aria-describedby). Without a `label` it is the bare box, named by an
 * `aria-label` or a label of its own.
 */
export function Textarea({
  label,
  hint,
  error,
  counter,
  fieldClassName,
  id,
  ref,
  onChange,
  'aria-describedby': describedBy,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label?: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  counter?: Counter;
  fieldClassName?: string;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const made = useId();
  const boxId = id ?? made;
  const [typed, setTyped] = useState(() => String(rest.defaultValue ?? '').length);
  const length = rest.value !== undefined ? String(rest.value).length : typed;
  const counterText = !counter
    ? null
    : counter === true
      ? `${length.toLocaleString()} of ${(rest.maxLength ?? 0).toLocaleString()} characters`
      : counter(length);
  const hintId = hint && label !== undefined ? `${boxId}-hint` : undefined;
  const counterId = counterText !== null ? `${boxId}-count` : undefined;
  const box = (
    <textarea
      ref={ref}
      id={label === undefined ? id : boxId}
      aria-invalid={error ? true : undefined}
      aria-describedby={[describedBy, hintId, counterId].filter(Boolean).join(' ') || undefined}
      onChange={(e) => {
        setTyped(e.target.value.length);
        onChange?.(e);
      }}
      {...rest}
    />
  );
  const count = counterText !== null && (
    <p id={counterId} className="muted small field-counter" aria-live="polite">
      {counterText}
    </p>
  );
  if (label === undefined)
    return count ? (
      <>
        {box}
        {count}
      </>
    ) : (
      box
    );
  return (
    <Field label={label} htmlFor={boxId} hint={hint} hintId={hintId} error={error} className={fieldClassName}>
      {box}
      {count}
    </Field>
  );
}
