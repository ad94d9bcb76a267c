import { CONSENT_SOURCE_LABEL, CONSENT_SOURCES, type ConsentSourceName } from '../../../../shared/ipc/channels/optouts';
import './optouts.css';
import { Button, Select, TextInput } from '../ui';

export interface OptOutFilterState {
  since: string;
  until: string;
  source: ConsentSourceName | '';
  state: 'opted_out' | 'opted_in' | '';
  channel: 'sms' | 'email' | 'voice' | '';
  search: string;
}

export const NO_FILTER: OptOutFilterState = { since: '', until: '', source: '', state: '', channel: '', search: '' };

/** The filter as the API takes it: empty fields left out; dates are whole local days. */
export function toApiFilter(f: OptOutFilterState) {
  return {
    ...(f.since ? { since: new Date(`${f.since}T00:00:00`).toISOString() } : {}),
    // The end date is included: up to the start of the next local day.
    ...(f.until ? { until: new Date(new Date(`${f.until}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
  };
}

export function OptOutFilters({
  value,
  onChange,
}: {
  value: OptOutFilterState;
  onChange(next: OptOutFilterState): void;
}) {
  const set = <K extends keyof OptOutFilterState>(key: K, v: OptOutFilterState[K]) => onChange({ ...value, [key]: v });
  const active = JSON.stringify(value) !== JSON.stringify(NO_FILTER);
  return (
    <div className="oo-filters" role="search">
      <label>
        <span>From</span>
        <TextInput
          type="date"
          value={value.since}
          max={value.until || undefined}
          onChange={(e) => set('since', e.target.value)}
        />
      </label>
      <label>
        <span>To</span>
        <TextInput
          type="date"
          value={value.until}
          min={value.since || undefined}
          onChange={(e) => set('until', e.target.value)}
        />
      </label>
      <label>
        <span>How</span>
        <Select value={value.source} onChange={(e) => set('source', e.target.value as OptOutFilterState['source'])}>
          <option value="">Any way</option>
          {CONSENT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {CONSENT_SOURCE_LABEL[s]}
            </option>
          ))}
        </Select>
      </label>
      <label>
        <span>Change</span>
        <Select value={value.state} onChange={(e) => set('state', e.target.value as OptOutFilterState['state'])}>
          <option value="">Opt-outs and opt-ins</option>
          <option value="opted_out">Opt-outs only</option>
          <option value="opted_in">Opt-ins only</option>
        </Select>
      </label>
      <label>
        <span>Channel</span>
        <Select value={value.channel} onChange={(e) => set('channel', e.target.value as OptOutFilterState['channel'])}>
          <option value="">Every channel</option>
          <option value="sms">SMS</option>
          <option value="email">E-mail</option>
          <option value="voice">Calls</option>
        </Select>
      </label>
      <label className="grow">
        <span>Search</span>
        <TextInput
          type="search"
          placeholder="Phone, name or message"
          value={value.search}
          onChange={(e) => set('search', e.target.value)}
        />
      </label>
      {active && (
        <Button variant="secondary" size="small" onClick={() => onChange(NO_FILTER)}>
          Clear
        </Button>
      )}
    </div>
  );
}
