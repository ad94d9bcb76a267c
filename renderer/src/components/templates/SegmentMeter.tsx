import type { SegmentCount } from '../../../../shared/templates';

/** Characters, encoding, segments and room left, for the message as the previewed contact gets it. */
export function SegmentMeter({ count, who }: { count: SegmentCount; who: string }) {
  const parts = Math.max(count.segments, 1);
  const usedInLast = count.perSegment - count.remainingInSegment;
  return (
    <div className="meter" role="group" aria-label="Message length">
      <div className="meter-figures">
        <span
          className={`badge ${count.encoding === 'GSM-7' ? 'good' : 'warn'}`}
          data-testid="encoding"
          title={
            count.encoding === 'GSM-7'
              ? '160 characters per segment (153 when split)'
              : '70 characters per segment (67 when split)'
          }
        >
          {count.encoding}
        </span>
        <span data-testid="char-count">
          <strong>{count.characters.toLocaleString()}</strong> {count.characters === 1 ? 'character' : 'characters'}
        </span>
        <span data-testid="segment-count">
          <strong>{count.segments.toLocaleString()}</strong> {count.segments === 1 ? 'segment' : 'segments'}
        </span>
        <span data-testid="remaining">
          {count.segments === 0 ? (
            <>
              <strong>{count.perSegment}</strong> fit in one segment
            </>
          ) : (
            <>
              <strong>{count.remainingInSegment.toLocaleString()}</strong> left in this segment
            </>
          )}
        </span>
      </div>
      <div className="meter-bar" aria-hidden="true">
        {Array.from({ length: Math.min(parts, 10) }, (_, i) => {
          const fill = count.segments === 0 ? 0 : i < parts - 1 ? 100 : (usedInLast / count.perSegment) * 100;
          return (
            <span key={i} className="meter-part">
              <span
                className={`meter-fill ${count.encoding === 'UCS-2' ? 'ucs2' : ''}`}
                style={{ width: `${fill}%` }}
              />
            </span>
          );
        })}
      </div>
      <p className="muted small meter-who">
        Counted on the message {who} gets, at {count.perSegment} {count.encoding === 'GSM-7' ? 'characters' : 'units'}{' '}
        per segment.
      </p>
    </div>
  );
}
