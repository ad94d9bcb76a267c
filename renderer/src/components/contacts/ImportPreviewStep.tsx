import type { ImportPreviewView } from '../../../../shared/ipc/channels/contacts';
import { Badge, Table, type Column } from '../ui';
import { ConsentQuestion, type ConsentAnswer } from './ConsentQuestion';
import { ImportCounts, RejectsTable } from './ImportCounts';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { EMAIL_STATE_LABELS } from './import-labels';

type SampleRow = ImportPreviewView['sampleRows'][number];

/** What the file says about e-mail, shown only when it has a column for it. */
const emailConsentColumn: Column<SampleRow> = {
  header: 'E-mails',
  cell: (r) =>
    r.emailConsent ? (
      <Badge tone={EMAIL_STATE_LABELS[r.emailConsent].tone}>{EMAIL_STATE_LABELS[r.emailConsent].text}</Badge>
    ) : (
      <span className="muted">—</span>
    ),
};

const SHOWN_REJECTS = 10;
const SHOWN_CUSTOM = 3;

/** Step 3: the first rows exactly as they will be stored, and a dry run's counts over the whole file. */
export function ImportPreviewStep({
  preview,
  addedTags,
  askConsent,
  consentAnswer,
  onConsent,
}: {
  preview: ImportPreviewView;
  addedTags: string[];
  /** The file has no consent column: ask once, for the whole file, how these people agreed. */
  askConsent: boolean;
  consentAnswer: ConsentAnswer;
  onConsent(answer: ConsentAnswer): void;
}) {
  const phone = usePhoneFormat();
  const counts = preview.counts;
  const custom = preview.customFields.slice(0, SHOWN_CUSTOM);
  const emailColumn = preview.mapping.some(
    (m) => m.target === 'email_consent' || m.target === 'email_unsubscribed' || m.target === 'email_cleaned',
  );
  return (
    <div className="ct-preview">
      {counts && <ImportCounts counts={counts} done={false} />}
      {counts && counts.notTextable > 0 && (
        <p className="ct-callout warn">
          <strong>
            {counts.notTextable.toLocaleString()} {counts.notTextable === 1 ? 'person is' : 'people are'} imported but
            not textable: the file says they did not agree to SMS.
          </strong>{' '}
          They are kept as contacts, and no campaign will text them.
        </p>
      )}
      {askConsent && (
        <div className="ct-import-consent">
          <ConsentQuestion
            legend="This file does not say who agreed to texts. These people agreed to receive texts from us: how?"
            name="import-consent"
            options={[{ value: 'not_stated', label: 'I don’t know: import them, but don’t text them' }]}
            initial={consentAnswer}
            onChange={onConsent}
          />
          {consentAnswer?.kind === 'not_stated' && (
            <p className="ct-callout warn small" role="note">
              They are imported with “consent not stated” on record and no campaign will text them, until you record how
              they agreed.
            </p>
          )}
        </div>
      )}
      <h3 className="ct-subhead">First rows, as they will be imported</h3>
      <div className="ct-table-wrap">
        <Table
          label="Sample rows"
          className="ct-sample"
          rows={preview.sampleRows}
          rowKey={(r) => r.row}
          columns={[
            { header: 'Row', numeric: true, className: 'muted', cell: (r) => r.row },
            {
              header: 'Phone',
              className: 'mono',
              cell: (r) => (
                <>
                  {phone(r.phone)}
                  {r.otherPhones.length > 0 && (
                    <div className="muted small">also {r.otherPhones.map(phone).join(', ')}</div>
                  )}
                </>
              ),
            },
            {
              header: 'Name',
              cell: (r) => [r.firstName, r.lastName].filter(Boolean).join(' ') || <span className="muted">—</span>,
            },
            { header: 'Email', cell: (r) => r.email || <span className="muted">—</span> },
            {
              header: 'Texts',
              cell: (r) =>
                r.consent === 'no' ? (
                  <Badge tone="warn">No consent</Badge>
                ) : r.consent === 'yes' ? (
                  <Badge tone="good">Agreed</Badge>
                ) : (
                  <span className="muted">—</span>
                ),
            },
            ...(emailColumn ? [emailConsentColumn] : []),
            {
              header: 'Tags',
              cell: (r) => (
                <>
                  {r.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                  {addedTags
                    .filter((t) => !r.tags.some((x) => x.toLowerCase() === t.toLowerCase()))
                    .map((t) => (
                      <Badge key={`+${t}`} tone="info">
                        {t}
                      </Badge>
                    ))}
                </>
              ),
            },
            ...custom.map((f): Column<SampleRow> => ({ header: f.label, cell: (r) => r.custom[f.key] ?? '' })),
          ]}
        />
      </div>
      {preview.rejects.length > 0 && (
        <>
          <h3 className="ct-subhead">Rows that will be rejected</h3>
          <RejectsTable
            rejects={preview.rejects.slice(0, SHOWN_REJECTS)}
            total={counts?.invalid ?? preview.rejects.length}
          />
        </>
      )}
    </div>
  );
}
