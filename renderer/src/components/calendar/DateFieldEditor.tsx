import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { dayLabel } from './dates';
import type { RepeatChoice } from './repeat-choice';
import { Radio, Select, TextInput } from '../ui';

/**
 * "On each contact's date": which date field (a birthday, an anniversary), how many days before, and whether the
 * time above is the business's or each recipient's own. The series checks every day from the date above; each
 * contact gets it once a year, and 29 February dates go out on 28 February in common years.
 */
export function DateFieldEditor({
  choice,
  date,
  time,
  onChange,
}: {
  choice: RepeatChoice;
  date: string;
  time: string;
  onChange(c: RepeatChoice): void;
}) {
  const fields = useQuery(() => api.contacts.fields({}), [], ['contacts']);
  const dateFields = (fields.data ?? []).filter((f) => f.type === 'date');
  const set = (patch: Partial<RepeatChoice>) => onChange({ ...choice, ...patch });
  const days = Number(choice.daysBefore);
  const badDays = !/^\d+$/.test(choice.daysBefore) || days > 60;
  const field = dateFields.find((f) => f.key === choice.fieldKey);
  if (fields.data && !dateFields.length) {
    return (
      <p className="warn-text small">
        No contact field holds dates yet. Import a Birthday or Anniversary column, or add a date field (CLI: contacts
        fields add --label Birthday --type date).
      </p>
    );
  }
  return (
    <div className="repeat-date-field">
      <div className="repeat-row">
        <label className="repeat-field">
          <span>Date field</span>
          <Select value={choice.fieldKey} onChange={(e) => set({ fieldKey: e.target.value })} aria-label="Date field">
            <option value="">Choose a date field…</option>
            {dateFields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} ({f.contacts} contact{f.contacts === 1 ? '' : 's'})
              </option>
            ))}
          </Select>
        </label>
        <label className="repeat-field">
          <span>Days before</span>
          <span className="repeat-inline">
            <TextInput
              type="number"
              min={0}
              max={60}
              value={choice.daysBefore}
              onChange={(e) => set({ daysBefore: e.target.value })}
              aria-label="Days before"
              aria-invalid={badDays}
            />{' '}
            (0 = on the day)
          </span>
        </label>
      </div>
      <div className="repeat-row" role="radiogroup" aria-label="Whose time">
        <span className="repeat-label">At {time || '…'}</span>
        <Radio
          name="repeat-date-zone"
          checked={!choice.recipientLocal}
          onChange={() => set({ recipientLocal: false })}
          label="in your business time zone"
        />
        <Radio
          name="repeat-date-zone"
          checked={choice.recipientLocal}
          onChange={() => set({ recipientLocal: true })}
          label="in each recipient’s own time zone"
        />
      </div>
      {badDays && <p className="error-text small">Days before must be a whole number from 0 to 60.</p>}
      <p className="repeat-summary" id="repeat-preview">
        {field
          ? `Every day from ${date ? dayLabel(date, { day: 'numeric', month: 'short', year: 'numeric' }) : 'the date above'} at ${time || '…'}: texts the contacts whose ${field.label} is ${days > 0 && !badDays ? `${days} day${days === 1 ? '' : 's'} later` : 'that day'} — once a year each; 29 February dates go out on 28 February in common years.`
          : 'Choose the date field this campaign follows.'}
      </p>
    </div>
  );
}
