import type { EmailIssue } from '../../../../shared/email-templates';
import { Button } from '../ui';

/** The e-mail lint's findings about one part (subject, body or settings), in the same style as a text's checks. */
export function EmailProblems({
  issues,
  label,
  onOpenSettings,
  quietWhenNone = false,
}: {
  issues: readonly EmailIssue[];
  label: string;
  onOpenSettings?: () => void;
  /** Say nothing rather than "No problems found." (next to a field). */
  quietWhenNone?: boolean;
}) {
  if (issues.length === 0) {
    if (quietWhenNone) return null;
    return (
      <p className="problems-ok" role="status">
        <span className="dot good" aria-hidden="true" /> No problems found.
      </p>
    );
  }
  return (
    <ul className="problems" aria-label={label}>
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} className={`problem ${issue.severity}`}>
          <span className="problem-kind" aria-label={issue.severity === 'error' ? 'Error' : 'Warning'}>
            {issue.severity === 'error' ? '!' : 'i'}
          </span>
          <div className="problem-main">
            <span className="problem-text">{issue.message}</span>
            {issue.part === 'settings' && onOpenSettings && (
              <Button variant="secondary" size="small" onClick={onOpenSettings}>
                Open Settings
              </Button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
