import type { DraftCheck } from '../../../../shared/ipc/channels/ai';
import { Button } from '../ui';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One suggested text with what the desk's own checks found; only a text without errors can be used. */
export function SuggestionCard({
  check,
  title,
  detail,
  useLabel,
  allowed = true,
  onUse,
}: {
  check: DraftCheck;
  title: string;
  detail?: string;
  useLabel: string;
  /** False when the place it would go has no room (an A/B test with five variants). */
  allowed?: boolean;
  onUse(text: string): void;
}) {
  const errors = check.warnings.filter((w) => w.severity === 'error');
  return (
    <li className={`ai-option${check.usable ? '' : ' blocked'}`} data-testid="ai-option">
      <p className="ai-option-text">{check.text}</p>
      <div className="ai-option-meta">
        <strong>{title}</strong>
        {detail && <span>{detail}</span>}
        <span>
          {plural(check.segments, 'segment')} · {check.characters} characters
        </span>
        <span className={`badge ${check.encoding === 'GSM-7' ? 'good' : 'warn'}`}>{check.encoding}</span>
        {check.warnings.length === 0 && <span className="good-text">Passes every check</span>}
        <Button
          size="small"
          className="ai-use"
          disabled={!check.usable || !allowed}
          onClick={() => onUse(check.text)}
          aria-label={`${useLabel}: ${title}`}
        >
          {useLabel}
        </Button>
      </div>
      {check.warnings.length > 0 && (
        <ul className="ai-findings" aria-label={`Checks for ${title}`}>
          {check.warnings.map((w, i) => (
            <li key={`${w.code}-${i}`} className={w.severity === 'error' ? 'error-text' : 'warn'}>
              {w.severity === 'error' ? 'Must fix: ' : ''}
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && <p className="ai-note">This option cannot be used as it is; pick another or ask again.</p>}
    </li>
  );
}
