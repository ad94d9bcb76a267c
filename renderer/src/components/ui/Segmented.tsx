import type { ReactNode } from 'react';
import { Radio } from './Field';
import './ui.css';

/**
 * A few exclusive choices side by side as one control (Month · Week · Agenda): a radio group drawn as a segmented
 * button, the chosen one raised. `label` names the group for a screen reader.
 */
export function Segmented<V extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: ReactNode; disabled?: boolean }>;
  onChange: (value: V) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <Radio
          key={o.value}
          className={value === o.value ? 'on' : ''}
          name={name}
          checked={value === o.value}
          disabled={o.disabled}
          onChange={() => onChange(o.value)}
          label={o.label}
        />
      ))}
    </div>
  );
}
