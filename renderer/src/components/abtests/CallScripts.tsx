import type { AbReport } from '../../../../shared/ipc/channels/abtests';

/**
 * What each variant of a call test says, in full: a call's script is longer than a text and is the whole difference
 * between the variants, so it is not left cut short in the table. Every call also said the identification and the
 * opt-out offer first, and the closing last.
 */
export function CallScripts({ report }: { report: AbReport }) {
  return (
    <section className="card ab-call-scripts" aria-labelledby="ab-call-scripts-title">
      <h3 id="ab-call-scripts-title">What each variant says</h3>
      <dl>
        {report.variants.map((v) => (
          <div key={v.index}>
            <dt>{v.label}</dt>
            <dd data-testid={`ab-call-script-${v.index}`}>
              {v.recordingUrl !== null ? (
                <>
                  Plays the recording <span className="ab-url">{v.recordingUrl}</span>
                </>
              ) : (
                <q>{v.body}</q>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        Around it, every call said who was calling with your number and how to stop the calls first, and the closing
        with the number last.
      </p>
    </section>
  );
}
