import type { ReactNode } from 'react';
import type { TagCount } from '../../../../shared/ipc/channels/tags';
import type { SegmentRow } from '../../../../shared/ipc/channels/contacts';
import { isFiltered, NO_FILTERS, type ContactFilterState } from './filters';
import { ReachableByOptions, reachableByValue } from '../channels/ReachableByOptions';
import { BAND_LABEL, ENGAGEMENT_BANDS } from '../../../../shared/analytics/engagement';
import { TextInput, Select, Button } from '../ui';

/** The search box and the filters above the table. */
export function ContactToolbar({
  value,
  tags,
  segments,
  onChange,
  onSaveSegment,
  predictions,
}: {
  value: ContactFilterState;
  /** The predictions' order and filter (PredictionControls), after the other filters. */
  predictions?: ReactNode;
  tags: TagCount[];
  segments: SegmentRow[];
  onChange(next: ContactFilterState): void;
  onSaveSegment(): void;
}) {
  const set = (patch: Partial<ContactFilterState>) => onChange({ ...value, ...patch });
  const filtered = isFiltered(value);
  return (
    <div className="ct-toolbar" role="search">
      <div className="ct-search">
        <svg
          width="16"
          height="16"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          aria-hidden="true"
        >
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4 4" />
        </svg>
        <TextInput
          type="search"
          placeholder="Search name, phone or email"
          aria-label="Search contacts"
          value={value.search}
          onChange={(e) => set({ search: e.target.value })}
        />
      </div>
      <Select
        aria-label="Filter by tag"
        value={value.tag}
        onChange={(e) => set({ tag: e.target.value })}
        className={value.tag ? 'on' : ''}
      >
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name} ({t.count.toLocaleString()})
          </option>
        ))}
      </Select>
      <Select
        aria-label="Filter by status"
        value={value.status}
        onChange={(e) => set({ status: e.target.value as ContactFilterState['status'] })}
        className={value.status ? 'on' : ''}
      >
        <option value="">Any status</option>
        <option value="textable">Textable</option>
        <option value="notTextable">Not textable</option>
        <option value="optedOut">Opted out</option>
      </Select>
      <Select
        aria-label="Can be reached by"
        value={value.reachableBy}
        onChange={(e) => set({ reachableBy: reachableByValue(e.target.value) ?? '' })}
        className={value.reachableBy ? 'on' : ''}
      >
        <ReachableByOptions />
      </Select>
      <Select
        aria-label="Filter by engagement"
        value={value.band}
        onChange={(e) => set({ band: e.target.value as ContactFilterState['band'] })}
        className={value.band ? 'on' : ''}
      >
        <option value="">Any engagement</option>
        {ENGAGEMENT_BANDS.map((b) => (
          <option key={b} value={b}>
            {BAND_LABEL[b]}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Segment"
        value={value.segmentId ?? ''}
        onChange={(e) => set({ segmentId: e.target.value ? Number(e.target.value) : null })}
        className={value.segmentId !== null ? 'on' : ''}
      >
        <option value="">{segments.length ? 'All contacts' : 'No saved segments'}</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      {predictions}
      {filtered && (
        <>
          <Button variant="secondary" size="small" onClick={onSaveSegment}>
            Save as segment
          </Button>
          <Button className="ct-link" onClick={() => onChange(NO_FILTERS)}>
            Clear
          </Button>
        </>
      )}
    </div>
  );
}
