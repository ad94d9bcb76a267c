import type { SegmentRow } from '../../../../shared/ipc/channels/contacts';
import { Select } from '../ui';

/**
 * A saved segment (made on the Contacts page or with `segments create`) as the audience, or none. The live count
 * beside it follows the choice.
 */
export function SegmentPicker({
  id,
  segments,
  value,
  onChange,
}: {
  id: string;
  segments: SegmentRow[] | undefined;
  value: number | null;
  onChange(segmentId: number | null): void;
}) {
  const missing = value !== null && segments !== undefined && !segments.some((s) => s.id === value);
  return (
    <div className="cw-field">
      <label htmlFor={id}>Saved segment</label>
      <Select
        id={id}
        value={value === null ? '' : String(value)}
        disabled={segments === undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">{segments?.length === 0 ? 'No saved segments yet' : 'None — use the filters below'}</option>
        {missing && <option value={String(value)}>Segment #{value} (deleted)</option>}
        {(segments ?? []).map((s) => (
          <option key={s.id} value={String(s.id)}>
            {s.name}
          </option>
        ))}
      </Select>
      <p className="muted small">
        {segments?.length === 0
          ? 'Save a search or filter as a segment on the Contacts page to pick it here.'
          : 'Only contacts in the segment get it; tags below narrow it further.'}
      </p>
    </div>
  );
}
