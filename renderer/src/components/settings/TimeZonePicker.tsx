import { useMemo } from 'react';
import { isValidTimeZone } from './form-values';
import { TextInput } from '../ui';

/** Every IANA zone this computer knows (the browser's own list), read once. */
let zones: string[] | null = null;
function allZones(): string[] {
  zones ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter((z, i, all) => all.indexOf(z) === i).sort();
  return zones;
}

/** "It is 14:05 there now (EST)", so the owner sees the choice is right. */
function clockIn(zone: string): string | null {
  if (!isValidTimeZone(zone)) return null;
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date());
}

/** A search box over the time-zone list: type "new y", "paris" or "chicago" and pick. */
export function TimeZonePicker({
  id,
  value,
  describedBy,
  invalid,
  onChange,
}: {
  id: string;
  value: string;
  describedBy: string;
  invalid: boolean;
  onChange(value: string): void;
}) {
  const listId = `${id}-zones`;
  const options = useMemo(() => allZones(), []);
  const clock = clockIn(value);
  return (
    <div className="st-tz">
      <TextInput
        id={id}
        list={listId}
        value={value}
        spellCheck={false}
        autoComplete="off"
        placeholder="Search, e.g. New York or Europe/Paris"
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </datalist>
      {clock && <span className="muted small st-tz-clock">Now {clock} there</span>}
    </div>
  );
}
