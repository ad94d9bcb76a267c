import type { SettingRow } from '../../../../shared/ipc/channels/app';
import { fillReply, type ReplyValues } from '../../../../shared/compliance/replies';
import { Badge, Choice, Select, Textarea, TextInput } from '../ui';
import type { FieldInfo } from './fields';
import type { ControlKind, Draft } from './form-values';
import { TimeZonePicker } from './TimeZonePicker';

/**
 * One setting as a labelled control (switch, list, number, time zone, text) with its help and, when refused, the
 * reason in words. The group around it owns the value and the Save button.
 */
export function SettingControl({
  row,
  info,
  kind,
  draft,
  error,
  replyValues,
  onChange,
  onSubmit,
}: {
  row: SettingRow;
  info: FieldInfo;
  kind: ControlKind;
  draft: Draft;
  error: string | null;
  replyValues?: ReplyValues;
  onChange(draft: Draft): void;
  onSubmit(): void;
}) {
  const id = `setting-${row.key}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${errorId} ${helpId}` : helpId;
  const text = typeof draft === 'string' ? draft : '';
  const invalid = error !== null || undefined;
  let control;
  if (kind === 'switch') {
    control = (
      <Choice
        type="checkbox"
        className="st-switch"
        id={id}
        role="switch"
        checked={draft === true}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.checked)}
        label={
          <>
            <span className="st-switch-track" aria-hidden="true" />
            <span>{draft === true ? 'On' : 'Off'}</span>
          </>
        }
      />
    );
  } else if (kind === 'select') {
    control = (
      <Select
        id={id}
        value={text}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
      >
        {(row.choices ?? []).map((c) => (
          <option key={c} value={c}>
            {info.choices && Object.hasOwn(info.choices, c) ? info.choices[c] : c}
          </option>
        ))}
      </Select>
    );
  } else if (kind === 'timezone') {
    control = (
      <TimeZonePicker id={id} value={text} describedBy={describedBy} invalid={error !== null} onChange={onChange} />
    );
  } else if (kind === 'longText') {
    control = (
      <Textarea
        id={id}
        rows={3}
        value={text}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit()}
      />
    );
  } else {
    control = (
      <span className="st-input-unit">
        <TextInput
          id={id}
          value={text}
          inputMode={kind === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
        {info.unit && <span className="muted small">{info.unit}</span>}
      </span>
    );
  }
  return (
    <div className={`st-field ${kind}`} data-setting={row.key}>
      <div className="st-label">
        <label htmlFor={id}>{info.label}</label>
        {!row.isDefault && <Badge tone="info">changed</Badge>}
      </div>
      {control}
      {error && (
        <p id={errorId} className="error-text small" role="alert">
          {error}
        </p>
      )}
      {kind === 'longText' && replyValues && (
        <p className="small reply-preview">
          Sends: <q>{fillReply(text, replyValues)}</q>
        </p>
      )}
      {info.help && (
        <p id={helpId} className="muted small st-help">
          {info.help}
        </p>
      )}
    </div>
  );
}
