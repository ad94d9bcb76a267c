import { useState, type DragEvent } from 'react';
import { formatBytes } from './format';

const ACCEPT = '.csv,.txt,.tsv,.vcf,.vcard,text/csv,text/plain,text/vcard,text/x-vcard';

/** Step 1: choose (or drop) the file. Sending it to main is the wizard's job; this shows how far it got. */
export function ImportFileStep({
  uploading,
  onFile,
}: {
  uploading: { name: string; size: number; sent: number } | null;
  onFile(file: File): void;
}) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !uploading) onFile(file);
  };
  return (
    <div className="ct-file-step">
      <label
        className={`ct-drop${over ? ' over' : ''}${uploading ? ' busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        {/* Kept raw: the drop zone around it is the visible control; this file picker is laid invisibly over it. */}
        <input
          type="file"
          accept={ACCEPT}
          disabled={!!uploading}
          aria-label="Contacts file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
        <span className="ct-drop-icon" aria-hidden="true">
          <svg
            width="34"
            height="34"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" />
          </svg>
        </span>
        {uploading ? (
          <>
            <strong>
              Reading {uploading.name} · {formatBytes(uploading.size)}
            </strong>
            <div
              className="progress ct-upload-bar"
              role="progressbar"
              aria-label="Reading the file"
              aria-valuemin={0}
              aria-valuemax={uploading.size}
              aria-valuenow={uploading.sent}
            >
              <div style={{ width: `${(100 * uploading.sent) / uploading.size}%` }} />
            </div>
          </>
        ) : (
          <>
            <strong>Choose a file, or drop it here</strong>
            <span className="muted">CSV, TXT or vCard (.vcf), up to 200 MB</span>
            <span className="ct-button-like">Choose file…</span>
          </>
        )}
      </label>
      <ul className="ct-sources">
        <li>
          <strong>Google Contacts</strong> Export → Google CSV
        </li>
        <li>
          <strong>iPhone / Mac</strong> Contacts → Export vCard
        </li>
        <li>
          <strong>Outlook</strong> People → Manage → Export contacts
        </li>
        <li>
          <strong>Shopify, Square, Mailchimp</strong> Customers → Export (CSV)
        </li>
        <li>
          <strong>Excel</strong> Save As → CSV (any encoding; commas, semicolons or tabs)
        </li>
      </ul>
      <p className="muted small">
        Nothing is added until the last step: you will see how every column is read, and what the import would do,
        first.
      </p>
    </div>
  );
}
