import type { ColumnMappingView, ImportPreviewView, ImportSampleRow } from '../../../../shared/ipc/channels/contacts';
import { Badge, Banner, Radio, Select, Table, TextInput } from '../ui';
import {
  countryOptions,
  customKeyOf,
  DELIMITER_LABELS,
  EMAIL_STATE_LABELS,
  ENCODING_LABELS,
  FIELD_LABELS,
  targetLabel,
} from './import-labels';
import type { ImportSettings } from './import-settings';

/** How the first rows read this column, as they will be imported. */
function example(col: ColumnMappingView, rows: ImportSampleRow[]): string {
  const first = rows[0];
  if (!first) return '';
  switch (col.target) {
    case 'first_name':
      return first.firstName;
    case 'last_name':
      return first.lastName;
    case 'full_name':
      return [first.firstName, first.lastName].filter(Boolean).join(' ');
    case 'phone':
    case 'mobile_phone':
      return first.phone + (first.otherPhones.length ? ` (+${first.otherPhones.length} more)` : '');
    case 'email':
      return first.email;
    case 'tags':
      return first.tags.join(', ');
    case 'sms_consent':
      return first.consent === 'yes' ? 'agreed' : first.consent === 'no' ? 'did not agree' : 'not stated';
    case 'email_consent':
    case 'email_unsubscribed':
    case 'email_cleaned':
      return first.emailConsent ? EMAIL_STATE_LABELS[first.emailConsent].text.toLowerCase() : 'not stated';
    case 'phone_label':
    case 'country':
      return '';
    default:
      return col.customKey ? (first.custom[col.customKey] ?? '') : '';
  }
}

const HOW: Record<ColumnMappingView['source'], { text: string; tone: 'good' | 'info' | 'neutral' }> = {
  alias: { text: 'Recognised', tone: 'good' },
  user: { text: 'Your choice', tone: 'info' },
  unmapped: { text: 'New custom field', tone: 'neutral' },
};

/** Step 2: what the file is, where each column goes, and the choices that apply to every row. */
export function ImportMappingStep({
  inspection,
  settings,
  checking,
  onChange,
}: {
  inspection: ImportPreviewView;
  settings: ImportSettings;
  checking: boolean;
  onChange(next: ImportSettings): void;
}) {
  const d = inspection.detected;
  const set = (patch: Partial<ImportSettings>) => onChange({ ...settings, ...patch });
  const setTarget = (col: ColumnMappingView, target: string) =>
    set({ overrides: { ...settings.overrides, [col.header]: target as ColumnMappingView['target'] } });
  return (
    <div className="ct-mapping">
      <div className="ct-detected" aria-label="Detected file format">
        <div>
          <span className="ct-label">Format</span>
          <strong>{d.format === 'vcard' ? 'vCard' : 'CSV'}</strong>
        </div>
        <label>
          <span className="ct-label">Encoding</span>
          <Select
            value={settings.encoding ?? ''}
            onChange={(e) => set({ encoding: (e.target.value || undefined) as ImportSettings['encoding'] })}
            aria-label="Encoding"
          >
            <option value="">
              {ENCODING_LABELS[d.encoding]}
              {d.bom ? ' with BOM' : ''} (detected)
            </option>
            {Object.entries(ENCODING_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </label>
        {d.format === 'csv' && (
          <label>
            <span className="ct-label">Columns separated by</span>
            <Select
              value={settings.delimiter ?? ''}
              onChange={(e) => set({ delimiter: (e.target.value || undefined) as ImportSettings['delimiter'] })}
              aria-label="Separator"
            >
              <option value="">{d.delimiter ? `${DELIMITER_LABELS[d.delimiter]} (detected)` : 'Detected'}</option>
              {Object.entries(DELIMITER_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </Select>
          </label>
        )}
        <div>
          <span className="ct-label">Columns</span>
          <strong>{inspection.headers.length}</strong>
        </div>
        {checking && <span className="ct-checking">Reading…</span>}
      </div>

      {inspection.problem && <Banner tone="error">{inspection.problem}</Banner>}

      <div className="ct-map-layout">
        <Table
          label="Column mapping"
          className="ct-map-table"
          rows={inspection.mapping}
          rowKey={(col) => col.index}
          rowClassName={(col) => (col.target === 'drop' ? 'dropped' : undefined)}
          columns={[
            {
              header: 'Column in the file',
              cell: (col) => (
                <div className="ct-map-header">
                  <strong>{col.header || <span className="muted">Column {col.index + 1}</span>}</strong>
                  <Badge tone={HOW[col.source].tone}>{HOW[col.source].text}</Badge>
                </div>
              ),
            },
            {
              header: 'Imported as',
              cell: (col) => {
                const ownCustom = `custom:${col.customKey ?? customKeyOf(col.header, col.index)}`;
                return (
                  <Select
                    aria-label={`Field for ${col.header || `column ${col.index + 1}`}`}
                    value={col.target}
                    onChange={(e) => setTarget(col, e.target.value)}
                  >
                    {FIELD_LABELS.map(([t, label]) => (
                      <option key={t} value={t}>
                        {label}
                      </option>
                    ))}
                    <option value={ownCustom}>{targetLabel(ownCustom, col.customLabel ?? col.header)}</option>
                    <option value="drop">Don&apos;t import</option>
                  </Select>
                );
              },
            },
            {
              header: 'First row, as imported',
              className: 'ct-example',
              cell: (col) =>
                col.target === 'drop' ? (
                  <span className="muted">—</span>
                ) : (
                  example(col, inspection.sampleRows) || <span className="muted">—</span>
                ),
            },
          ]}
        />

        <div className="ct-options">
          <label>
            <span className="ct-label">Numbers without a country code are from</span>
            <Select
              value={settings.defaultCountry}
              onChange={(e) => set({ defaultCountry: e.target.value })}
              aria-label="Default country"
            >
              {countryOptions(settings.defaultCountry).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </Select>
          </label>
          <label>
            <span className="ct-label">Add tags to everyone in this file</span>
            <TextInput
              value={settings.tags}
              onChange={(e) => set({ tags: e.target.value })}
              placeholder="e.g. Spring fair, Walk-in"
              aria-label="Tags to add"
            />
          </label>
          <fieldset>
            <legend className="ct-label">When a number is already a contact</legend>
            <Radio
              className="ct-radio"
              name="onDuplicate"
              checked={settings.onDuplicate === 'skip'}
              onChange={() => set({ onDuplicate: 'skip' })}
              label="Skip it — keep the contact as it is"
            />
            <Radio
              className="ct-radio"
              name="onDuplicate"
              checked={settings.onDuplicate === 'update'}
              onChange={() => set({ onDuplicate: 'update' })}
              label="Update it with names, email, tags and fields from the file"
            />
            <p className="muted small">
              Either way an import never changes who opted out or agreed to texts. E-mail unsubscribes and bounces in
              the file are recorded for every contact; a “yes” to e-mail never overrides a “no”.
            </p>
          </fieldset>
        </div>
      </div>
    </div>
  );
}
