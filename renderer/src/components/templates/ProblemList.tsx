import type { TemplateIssue } from '../../../../shared/templates';
import { fixFor, type Fix } from './fixes';
import { Button } from '../ui';

/**
 * Every finding about the template: errors first. A finding about one place selects it in the message when
 * clicked; one with an obvious fix offers it.
 */
export function ProblemList({
  issues,
  onSelect,
  onFix,
  onOpenSettings,
}: {
  issues: readonly TemplateIssue[];
  onSelect: (start: number, end: number) => void;
  onFix: (fix: Fix) => void;
  onOpenSettings: () => void;
}) {
  if (issues.length === 0) {
    return (
      <p className="problems-ok" role="status">
        <span className="dot good" aria-hidden="true" /> No problems found.
      </p>
    );
  }
  return (
    <ul className="problems" aria-label="Problems">
      {issues.map((issue, i) => {
        const fix = fixFor(issue);
        const at = issue.position;
        return (
          <li key={`${issue.code}-${at?.start ?? 'x'}-${i}`} className={`problem ${issue.severity}`}>
            <span className="problem-kind" aria-label={issue.severity === 'error' ? 'Error' : 'Warning'}>
              {issue.severity === 'error' ? '!' : 'i'}
            </span>
            <div className="problem-main">
              {at ? (
                <Button
                  className="problem-text"
                  onClick={() => onSelect(at.start, at.end)}
                  title="Select it in the message"
                >
                  {issue.message}
                </Button>
              ) : (
                <span className="problem-text">{issue.message}</span>
              )}
              {fix && (
                <Button variant="secondary" size="small" onClick={() => onFix(fix)}>
                  {fix.label}
                </Button>
              )}
              {issue.code === 'business_name_not_set' && (
                <Button variant="secondary" size="small" onClick={onOpenSettings}>
                  Open Settings
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
