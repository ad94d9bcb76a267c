import type { ButtonHTMLAttributes, Ref } from 'react';
import './ui.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet-danger' | 'link';

const VARIANT_CLASS: Record<ButtonVariant, string> = {
  primary: '',
  secondary: 'secondary',
  danger: 'danger',
  'quiet-danger': 'secondary quiet-danger',
  link: 'text-link',
};

/**
 * The app's button. `primary` is the one thing to do here, `secondary` the others, `danger` an irreversible act,
 * `quiet-danger` a destructive act that is not the main one, `link` an action that reads as a link in running text.
 * It is `type="button"` unless told otherwise, so a button inside a form never submits it by accident.
 */
export function Button({
  variant = 'primary',
  size = 'normal',
  className,
  type = 'button',
  ref,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  ref?: Ref<HTMLButtonElement>;
}) {
  const classes = [VARIANT_CLASS[variant], size === 'small' ? 'small' : '', className ?? ''].filter(Boolean).join(' ');
  return <button ref={ref} type={type} className={classes || undefined} {...rest} />;
}
