import { countSegments, gsmReplacementFor, gsmReplacements } from '../../../../shared/templates';
import { Button } from '../ui';

function shown(char: string): string {
  // Invisible and space-like characters are named by code point so the owner can see there is something there.
  return /^\s$|^[\u200b\u2060\ufeff\u00ad]$/.test(char)
    ? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
    : char;
}

/** The characters in the template that force UCS-2, and the one-click swap for those with a GSM-7 look-alike. */
export function Ucs2Panel({
  body,
  onReplace,
  onSelect,
}: {
  body: string;
  onReplace: () => void;
  onSelect: (start: number, end: number) => void;
}) {
  const found = countSegments(body).ucs2Characters;
  if (found.length === 0) return null;
  const distinct = new Map<string, { count: number; first: number }>();
  for (const { char, position } of found) {
    const seen = distinct.get(char);
    if (seen) seen.count++;
    else distinct.set(char, { count: 1, first: position });
  }
  const replaceable = gsmReplacements(body).length;
  return (
    <section className="ucs2-panel" aria-label="Characters that force UCS-2">
      <p>
        <strong>
          {found.length === 1 ? 'One character switches' : `${found.length} characters switch`} this message to UCS-2
        </strong>{' '}
        — 70 characters per segment instead of 160, so it can cost two or three times as much.
      </p>
      <ul className="ucs2-chars">
        {[...distinct.entries()].map(([char, { count, first }]) => {
          const swap = gsmReplacementFor(char);
          return (
            <li key={char}>
              <Button
                className="ucs2-char"
                onClick={() => onSelect(first, first + char.length)}
                title="Select the first one in the message"
              >
                <span className="mono">{shown(char)}</span>
                {count > 1 && <span className="muted small"> ×{count}</span>}
                <span className="muted small">
                  {' '}
                  →{' '}
                  {swap
                    ? swap.replacement === ''
                      ? 'remove'
                      : swap.replacement === ' '
                        ? 'space'
                        : swap.replacement
                    : 'no GSM equivalent'}
                </span>
              </Button>
            </li>
          );
        })}
      </ul>
      {replaceable > 0 ? (
        <Button onClick={onReplace}>Replace with GSM equivalents</Button>
      ) : (
        <p className="muted small">
          These have no GSM-7 look-alike (emoji, other alphabets); remove them to go back to 160 characters per segment.
        </p>
      )}
    </section>
  );
}
