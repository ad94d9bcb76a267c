import type { ContactSort } from '../../../../shared/ipc/channels/contacts';
import type { PredictionsView, TargetSummary } from '../../../../shared/analytics/insights/predictions';
import './prediction-controls.css';
import { Select, Checkbox } from '../ui';

export type PredictionSort = 'replyChance' | 'optOutRisk';

/** Why a prediction cannot order or filter the list yet, in the owner's words; null when it can. */
function whyNot(what: string, model: TargetSummary | null | undefined, trained: boolean): string | null {
  if (model?.usable) return null;
  if (!trained || !model)
    return `${what} needs predictions: train them on the Analytics page (Who will reply, who may opt out).`;
  return `${what} is not offered: ${model.reason}`;
}

/**
 * The predictions in the Contacts toolbar (issue 14 point 6): order the list by chance to reply or by opt-out risk,
 * and leave out high opt-out risk — each only while its model beats the base rate on recent texts; otherwise a note
 * whose tooltip says why.
 */
export function PredictionControls({
  view,
  sort,
  onSort,
  excludeHighRisk,
  onExcludeHighRisk,
}: {
  view: PredictionsView | null;
  sort: ContactSort;
  onSort(by: PredictionSort | null): void;
  excludeHighRisk: boolean;
  onExcludeHighRisk(on: boolean): void;
}) {
  if (!view) return null;
  const trained = view.trainedAt !== null;
  const replyWhy = whyNot('Sorting by chance to reply', view.reply, trained);
  const riskWhy = whyNot('Sorting and filtering by opt-out risk', view.optOut, trained);
  const current = sort.by === 'replyChance' || sort.by === 'optOutRisk' ? sort.by : '';
  const why = [replyWhy, riskWhy].filter((w): w is string => w !== null);
  return (
    <>
      {(!replyWhy || !riskWhy) && (
        <Select
          aria-label="Order by prediction"
          value={current}
          onChange={(e) => onSort(e.target.value ? (e.target.value as PredictionSort) : null)}
          className={current ? 'on' : ''}
          title="Only the contacts the model scored (those with a history) are listed, highest first."
        >
          <option value="">Table order</option>
          {!replyWhy && <option value="replyChance">Most likely to reply</option>}
          {!riskWhy && <option value="optOutRisk">Highest opt-out risk</option>}
        </Select>
      )}
      {!riskWhy && (
        <Checkbox
          quiet
          className="ct-risk"
          title={`Leaves out ${view.highRisk.toLocaleString()} contacts rated high risk of opting out.`}
          label="Leave out high opt-out risk"
          checked={excludeHighRisk}
          onChange={(e) => onExcludeHighRisk(e.target.checked)}
        />
      )}
      {why.length > 0 && (
        <span
          className="ct-predict-note muted small"
          tabIndex={0}
          role="note"
          title={why.join('\n')}
          aria-label={why.join(' ')}
          data-testid="prediction-note"
        >
          {why.length === 2 ? 'No prediction sort yet' : replyWhy ? 'No reply-chance sort' : 'No opt-out risk sort'}
          <span aria-hidden="true"> ⓘ</span>
        </span>
      )}
    </>
  );
}
