import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import './ui.css';

/** A label above its control, with an optional hint and error below; the control is named by the label. */
export function Field({
  label,
  htmlFor,
  hint,
  hintId,
  error,
  className,
  children,
}: {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  /** An id for the hint, so the control can point at it with aria-describedby. */
  hintId?: string;
  error?: string | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type FieldProps = { label?: ReactNode; hint?: ReactNode; error?: string | null; fieldClassName?: string };

/**
 * A text box with its label (and hint); `id` is made up when not given. Without a `label` it is the bare box, for a
 * search or filter bar, and must be named by an `aria-label`.
 */
export function TextInput({
  label,
  hint,
  error,
  fieldClassName,
  id,
  ref,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & FieldProps & { ref?: Ref<HTMLInputElement> }) {
  const made = useId();
  if (label === undefined) return <input ref={ref} id={id} aria-invalid={error ? true : undefined} {...rest} />;
  const inputId = id ?? made;
  return (
    <Field label={label} htmlFor={inputId} hint={hint} error={error} className={fieldClassName}>
      <input ref={ref} id={inputId} aria-invalid={error ? true : undefined} {...rest} />
    </Field>
  );
}

/** A drop-down with its label; the options are its children. Without a `label` it is bare (name it by `aria-label`). */
export function Select({
  label,
  hint,
  error,
  fieldClassName,
  id,
  children,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & FieldProps) {
  const made = useId();
  if (label === undefined)
    return (
      <select id={id} {...rest}>
        {children}
      </select>
    );
  const selectId = id ?? made;
  return (
    <Field label={label} htmlFor={selectId} hint={hint} error={error} className={fieldClassName}>
      <select id={selectId} {...rest}>
        {children}
      </select>
    </Field>
  );
}

/**
 * A checkbox and its words as one clickable line: the box sits right before its label, and clicking the words ticks
 * it. A hint may follow on the next line. `quiet` is the muted one-line kind for a filter bar ("Show archived").
 */
export function Checkbox({
  label,
  hint,
  quiet = false,
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: ReactNode; hint?: ReactNode; quiet?: boolean }) {
  return (
    <label className={['checkbox', quiet ? 'quiet' : '', className].filter(Boolean).join(' ')}>
      <input type="checkbox" {...rest} />
      <span className="checkbox-text">
        {label}
        {hint && <span className="checkbox-hint muted small">{hint}</span>}
      </span>
    </label>
  );
}

/**
 * A radio button or a checkbox drawn by its label, which the page styles as a whole: a segmented button (`.selected`,
 * `.on`), a chip, a day of the week, a switch. The words (or anything, `label`) follow the box inside the label, so a
 * click anywhere on it chooses; the group around it carries the `radiogroup`/`group` role and name. For a plain
 * "tick this" line use Checkbox.
 */
export function Choice({
  type,
  label,
  className,
  title,
  ref,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  type: 'radio' | 'checkbox';
  label: ReactNode;
  ref?: Ref<HTMLInputElement>;
}) {
  // The tooltip is the whole label's, the thing the pointer rests on.
  return (
    <label className={className} title={title}>
      <input ref={ref} type={type} {...rest} />
      {label}
    </label>
  );
}

/** One answer of a radio group, as a Choice. */
export function Radio(props: Omit<Parameters<typeof Choice>[0], 'type'>) {
  return <Choice type="radio" {...props} />;
}
