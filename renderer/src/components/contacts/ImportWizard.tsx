import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ImportPreviewView } from '../../../../shared/ipc/channels/contacts';
import type { ConsentAnswer } from './ConsentQuestion';
import { ImportFileStep } from './ImportFileStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportResultStep } from './ImportResultStep';
import { ImportRunStep } from './ImportRunStep';
import { CheckNumbersOffer } from './CheckNumbersDialog';
import { splitTags, toImportOptions, type ImportSettings } from './import-settings';
import { formatBytes, plural } from './format';
import { Button, Banner, Modal } from '../ui';
import { refuseFile, uploadFile, type UploadedFile } from './upload';
import { useImportJob } from './useImportJob';
import './contacts.css';

const STEPS = ['File', 'Columns', 'Preview', 'Import', 'Result'] as const;
/** Pause after a change in the mapping step before the file is read again. */
const REREAD_MS = 250;

function Steps({ step }: { step: number }) {
  return (
    <ol className="ct-steps" aria-label="Import steps">
      {STEPS.map((label, i) => (
        <li
          key={label}
          className={i < step ? 'done' : i === step ? 'current' : ''}
          aria-current={i === step ? 'step' : undefined}
        >
          <span className="ct-step-num" aria-hidden="true">
            {i < step ? '✓' : i + 1}
          </span>
          <span>
            <span className="sr-only">Step {i + 1}: </span>
            {label}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The import wizard: file → columns → preview (a dry run) → import with progress → result with rejects and undo.
 * Main does the reading and the writing; the wizard only carries the owner's choices between the steps.
 */
export function ImportWizard({
  defaultCountry,
  onClose,
  onImported,
}: {
  defaultCountry: string;
  onClose(): void;
  onImported(): void;
}) {
  const [step, setStep] = useState(0);
  const [uploading, setUploading] = useState<{ name: string; size: number; sent: number } | null>(null);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [settings, setSettings] = useState<ImportSettings>({
    defaultCountry,
    onDuplicate: 'skip',
    tags: '',
    overrides: {},
  });
  const [inspection, setInspection] = useState<ImportPreviewView | null>(null);
  const [checking, setChecking] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The answer for a file without a consent column, asked once for the whole file. */
  const [consent, setConsent] = useState<ConsentAnswer>(null);
  const { job, start, cancel } = useImportJob();
  const seq = useRef(0);

  const chooseFile = async (chosen: File) => {
    setError(null);
    const refused = refuseFile(chosen);
    if (refused) return setError(refused);
    setUploading({ name: chosen.name, size: chosen.size, sent: 0 });
    try {
      const uploaded = await uploadFile(chosen, (sent) => setUploading((u) => (u ? { ...u, sent } : u)));
      const first = await api.contacts.importPreview({
        fileId: uploaded.fileId,
        options: toImportOptions(settings),
        counts: false,
      });
      setFile(uploaded);
      setInspection(first);
      setStep(1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(null);
    }
  };

  // Every change in the mapping step reads the start of the file again, so the examples follow the choices.
  const optionsKey = JSON.stringify(toImportOptions(settings));
  useEffect(() => {
    if (step !== 1 || !file) return;
    const mine = ++seq.current;
    setChecking(true);
    const timer = setTimeout(() => {
      api.contacts
        .importPreview({
          fileId: file.fileId,
          options: JSON.parse(optionsKey) as ReturnType<typeof toImportOptions>,
          counts: false,
        })
        .then((v) => {
          if (mine !== seq.current) return;
          setInspection(v);
          setError(null);
        })
        .catch((e: Error) => {
          if (mine === seq.current) setError(e.message);
        })
        .finally(() => {
          if (mine === seq.current) setChecking(false);
        });
    }, REREAD_MS);
    return () => clearTimeout(timer);
  }, [optionsKey, step, file]);

  const toPreview = async () => {
    if (!file) return;
    setError(null);
    setPreviewing(true);
    setChecking(false);
    const mine = ++seq.current;
    try {
      const full = await api.contacts.importPreview({
        fileId: file.fileId,
        options: toImportOptions(settings),
        counts: true,
      });
      if (mine !== seq.current) return;
      setPreview(full);
      if (full.problem) setInspection(full);
      else setStep(2);
    } catch (e) {
      if (mine === seq.current) setError((e as Error).message);
    } finally {
      setPreviewing(false);
    }
  };

  const runImport = () => {
    if (!file) return;
    setError(null);
    setNotice(null);
    setStep(3);
    void start(file.fileId, {
      ...toImportOptions(settings),
      ...(askConsent && consent?.kind === 'agreed' ? { consent: consent.how } : {}),
    });
  };

  // The job's end moves the wizard on (once per job): to the result, or back to the preview when cancelled or failed.
  const imported = useRef(onImported);
  useEffect(() => {
    imported.current = onImported;
  });
  useEffect(() => {
    if (job.state === 'done') {
      setStep(4);
      imported.current();
    } else if (job.state === 'cancelled') {
      setStep(2);
      setNotice('The import was cancelled. Nothing was changed.');
    } else if (job.state === 'failed') {
      setStep(2);
      setError(job.message);
    }
  }, [job]);

  const restart = () => {
    setStep(0);
    setFile(null);
    setInspection(null);
    setPreview(null);
    setSettings((s) => ({ ...s, overrides: {}, encoding: undefined, delimiter: undefined }));
  };

  const running = job.state === 'starting' || job.state === 'running';
  const askConsent = !!preview && !preview.mapping.some((m) => m.target === 'sms_consent');
  const count = preview?.counts ? preview.counts.imported + preview.counts.updated : 0;
  const footer = (
    <>
      {step === 1 && (
        <>
          <Button variant="secondary" onClick={restart} disabled={previewing}>
            Choose another file
          </Button>
          <Button onClick={() => void toPreview()} disabled={previewing || !!inspection?.problem}>
            {previewing ? 'Checking every row…' : 'Preview import'}
          </Button>
        </>
      )}
      {step === 2 && (
        <>
          <Button variant="secondary" onClick={() => setStep(1)}>
            Back to columns
          </Button>
          <Button
            onClick={runImport}
            disabled={!preview?.counts || (askConsent && consent === null)}
            title={askConsent && consent === null ? 'Say how these people agreed to texts first' : undefined}
          >
            {count ? `Import ${plural(count, 'contact')}` : 'Import'}
          </Button>
        </>
      )}
      {step === 3 && (
        <Button
          variant="secondary"
          onClick={() => void cancel().catch((e: Error) => setError(e.message))}
          disabled={job.state !== 'running' || job.cancelling}
        >
          Cancel import
        </Button>
      )}
      {step === 4 && <Button onClick={onClose}>Done</Button>}
    </>
  );

  return (
    <Modal
      title="Import contacts"
      subtitle={file ? `${file.name} · ${formatBytes(file.size)}` : 'From a CSV or vCard file'}
      size="large"
      locked={running || !!uploading}
      onClose={onClose}
      footer={step > 0 ? footer : undefined}
    >
      <Steps step={step} />
      <div className="ct-wizard-body">
        {error && <Banner tone="error">{error}</Banner>}
        {notice && <Banner tone="info">{notice}</Banner>}
        {step === 0 && <ImportFileStep uploading={uploading} onFile={(f) => void chooseFile(f)} />}
        {step === 1 && inspection && (
          <ImportMappingStep inspection={inspection} settings={settings} checking={checking} onChange={setSettings} />
        )}
        {step === 2 && preview && (
          <ImportPreviewStep
            preview={preview}
            addedTags={splitTags(settings.tags)}
            askConsent={askConsent}
            consentAnswer={consent}
            onConsent={setConsent}
          />
        )}
        {step === 3 && (
          <ImportRunStep
            fileName={file?.name ?? ''}
            progress={job.state === 'running' ? job.progress : null}
            cancelling={job.state === 'running' && job.cancelling}
          />
        )}
        {step === 4 && job.state === 'done' && <ImportResultStep report={job.report} onUndone={onImported} />}
        {step === 4 && job.state === 'done' && !job.report.dryRun && job.report.counts.imported > 0 && (
          <CheckNumbersOffer importId={job.report.importId} count={job.report.counts.imported} onChecked={onImported} />
        )}
      </div>
    </Modal>
  );
}
