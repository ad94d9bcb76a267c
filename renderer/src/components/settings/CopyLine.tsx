import { useState } from 'react';
import { Button } from '../ui';
import './settings.css';

/** A command or URL to copy exactly. */
export function CopyLine({ label, text }: { label?: string; text: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions); the text is selectable either way.
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className="wh-line">
      {label && <span className="wh-line-label">{label}</span>}
      <code>{text}</code>
      <Button variant="secondary" size="small" onClick={() => void copy()} aria-label={`Copy ${label ?? text}`}>
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select to copy' : 'Copy'}
      </Button>
    </div>
  );
}
