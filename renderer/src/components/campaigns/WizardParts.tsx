import type { ReactNode } from 'react';
import { STEPS } from './wizard-checks';
import { Button } from '../ui';

export function FieldError({ id, message }: { id?: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="cw-field-error" role="alert">
      {message}
    </p>
  );
}

/** Numbered steps; those already reached can be revisited with a click or the keyboard. */
export function StepIndicator({
  step,
  reached,
  withErrors,
  onGo,
}: {
  step: number;
  reached: number;
  withErrors: number[];
  onGo(step: number): void;
}) {
  return (
    <nav aria-label="Campaign steps">
      <ol className="cw-steps">
        {STEPS.map((label, i) => {
          const state = i === step ? 'current' : i < step || i <= reached ? 'done' : 'todo';
          return (
            <li key={label} className={`cw-step ${state}${withErrors.includes(i) ? ' has-error' : ''}`}>
              <Button disabled={i > reached} aria-current={i === step ? 'step' : undefined} onClick={() => onGo(i)}>
                <span className="cw-step-num" aria-hidden="true">
                  {state === 'done' && i !== step ? '✓' : i + 1}
                </span>
                <span className="cw-step-label">
                  <span className="sr-only">Step {i + 1}: </span>
                  {label}
                </span>
              </Button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** A text as the recipient's phone shows it. */
export function SmsBubble({ text, meta, testId }: { text: string; meta?: ReactNode; testId?: string }) {
  return (
    <div className="cw-phone">
      <div className="cw-thread">
        <p className={`cw-bubble${text ? '' : ' empty'}`} data-testid={testId}>
          {text || 'Your message appears here.'}
        </p>
        {meta && <p className="cw-bubble-meta">{meta}</p>}
      </div>
    </div>
  );
}
