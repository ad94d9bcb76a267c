import { Radio } from '../ui';

/** Whether a new template is a text message or an e-mail (a saved template keeps its kind). */
export function ChannelChoice({
  channel,
  onChannel,
  disabled,
}: {
  channel: 'sms' | 'email';
  /** Once something is written the kind stays (save or discard first). */
  disabled: boolean;
  onChannel: (channel: 'sms' | 'email') => void;
}) {
  const options = [
    { value: 'sms', label: 'Text message' },
    { value: 'email', label: 'E-mail' },
  ] as const;
  return (
    <div
      className="tpl-kind"
      role="radiogroup"
      aria-label="Kind of template"
      title={disabled ? 'To write the other kind, save or discard this one first' : undefined}
    >
      {options.map((o) => (
        <Radio
          key={o.value}
          className={channel === o.value ? 'selected' : undefined}
          name="tpl-kind"
          value={o.value}
          checked={channel === o.value}
          disabled={disabled}
          onChange={() => onChannel(o.value)}
          label={o.label}
        />
      ))}
    </div>
  );
}
