import { useState } from 'react';
import {
  Badge,
  Banner,
  Button,
  Checkbox,
  ConfirmDialog,
  EmptyState,
  Loading,
  Modal,
  PageHeader,
  Radio,
  Segmented,
  Select,
  Stat,
  Table,
  TextInput,
  Textarea,
  type Column,
} from '../components/ui';
import '../components/ui/design-system.css';

/** The type scale and colours, named as in styles/tokens.css, so a change there shows here. */
/** --space-N is 2N px; the control paddings (--pad-*) are named for their control. */
const SPACES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 20, 24, 28, 32];
const RADII = ['2xs', 'xs', 'sm', 'control', '', 'lg', 'xl', '2xl', 'bubble', 'device', 'pill'];
const TYPE_SCALE = ['display', '3xl', '2xl', 'xl', 'lg', 'md', 'base', 'sm', 'xs', '2xs', '3xs'];
const SWATCHES = [
  'bg',
  'panel',
  'sidebar',
  'text',
  'muted',
  'border',
  'accent',
  'good',
  'warn',
  'bad',
  'info',
  'bubble',
  'sms-in',
  'an-1',
  'an-2',
  'an-3',
  'an-4',
  'an-5',
];

interface SampleRow {
  name: string;
  phone: string;
  sent: number;
  status: 'Delivered' | 'Failed' | 'Sending';
}
const ROWS: SampleRow[] = [
  { name: 'Spring tulip sale', phone: '(415) 555-0100', sent: 1240, status: 'Delivered' },
  { name: 'Mother’s Day reminder', phone: '(415) 555-0142', sent: 86, status: 'Sending' },
  { name: 'Order ready', phone: '(312) 555-0188', sent: 3, status: 'Failed' },
];
const TONE = { Delivered: 'good', Failed: 'bad', Sending: 'info' } as const;
const COLUMNS: Array<Column<SampleRow>> = [
  { header: 'Campaign', cell: (r) => <strong>{r.name}</strong> },
  { header: 'Test number', cell: (r) => r.phone },
  { header: 'Sent', cell: (r) => r.sent.toLocaleString('en-US'), numeric: true },
  { header: 'Status', cell: (r) => <Badge tone={TONE[r.status]}>{r.status}</Badge> },
];

/**
 * Every generic component in every state, for whoever changes a token or a component: reached at #/ui, not in the
 * nav. The two theme buttons switch this window only; the saved theme setting is not touched.
 */
export function DesignSystemPage() {
  const [theme, setShown] = useState(() => document.documentElement.dataset.theme ?? 'light');
  const setTheme = (next: 'light' | 'dark') => {
    document.documentElement.dataset.theme = next;
    setShown(next);
  };
  const [modal, setModal] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [oneSegment, setOneSegment] = useState(true);
  const [name, setName] = useState('Spring tulip sale');
  const [notes, setNotes] = useState('Send after the Saturday market.');
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [view, setView] = useState<'month' | 'week' | 'agenda'>('month');
  return (
    <section className="page ds-page">
      <PageHeader
        title="Design system"
        subtitle="The tokens and the generic components of components/ui, in the current theme."
        actions={
          <div className="ds-theme" role="group" aria-label="Theme">
            <Button
              variant={theme === 'light' ? 'primary' : 'secondary'}
              aria-pressed={theme === 'light'}
              onClick={() => setTheme('light')}
            >
              Light
            </Button>
            <Button
              variant={theme === 'dark' ? 'primary' : 'secondary'}
              aria-pressed={theme === 'dark'}
              onClick={() => setTheme('dark')}
            >
              Dark
            </Button>
          </div>
        }
      />

      <h2 className="section-title">Colours</h2>
      <ul className="ds-swatches" aria-label="Colour tokens">
        {SWATCHES.map((s) => (
          <li key={s}>
            <span className="ds-swatch" style={{ background: `var(--${s})` }} />
            <code>--{s}</code>
          </li>
        ))}
      </ul>

      <h2 className="section-title">Type scale</h2>
      <ul className="ds-type" aria-label="Type scale">
        {TYPE_SCALE.map((t) => (
          <li key={t} style={{ fontSize: `var(--text-${t})` }}>
            <code className="muted small">--text-{t}</code> Spring sale
          </li>
        ))}
      </ul>

      <h2 className="section-title">Spacing</h2>
      <ul className="ds-spaces" aria-label="Spacing tokens">
        {SPACES.map((n) => (
          <li key={n}>
            <span className="ds-space" style={{ width: `var(--space-${n})` }} />
            <code className="muted small">--space-{n}</code>
          </li>
        ))}
      </ul>

      <h2 className="section-title">Radii</h2>
      <ul className="ds-swatches" aria-label="Radius tokens">
        {RADII.map((r) => (
          <li key={r}>
            <span className="ds-swatch ds-radius" style={{ borderRadius: `var(--radius${r ? `-${r}` : ''})` }} />
            <code>--radius{r ? `-${r}` : ''}</code>
          </li>
        ))}
      </ul>

      <h2 className="section-title">Buttons</h2>
      <div className="ds-row">
        <Button>Launch campaign</Button>
        <Button variant="secondary">Save draft</Button>
        <Button variant="danger">Delete template</Button>
        <Button variant="quiet-danger">Opt out</Button>
        <Button variant="link">Show the messages</Button>
        <Button size="small">Small</Button>
        <Button variant="secondary" size="small">
          Small secondary
        </Button>
        <Button disabled>Disabled</Button>
      </div>

      <h2 className="section-title">Banners</h2>
      <Banner tone="info">The schedule is in your business’s time zone (America/Los_Angeles).</Banner>
      <Banner tone="success">Campaign launched: 1,240 messages are queued.</Banner>
      <Banner tone="warn" role="none">
        3 contacts have no consent on file and will be skipped.
      </Banner>
      <Banner tone="error" role="none">
        The provider refused the API key: check it in Settings.
      </Banner>

      <h2 className="section-title">Badges and figures</h2>
      <div className="ds-row">
        <Badge>Draft</Badge>
        <Badge tone="info">Scheduled</Badge>
        <Badge tone="good">Delivered</Badge>
        <Badge tone="warn">Paused</Badge>
        <Badge tone="bad">Failed</Badge>
      </div>
      <div className="stats ds-stats">
        <Stat label="Sent" value="1,240" />
        <Stat label="Delivered" value="1,198" tone="good" />
        <Stat label="Unknown" value="31" tone="warn" />
        <Stat label="Failed" value="11" tone="bad" />
      </div>

      <h2 className="section-title">Form fields</h2>
      <div className="card ds-form">
        <TextInput
          label="Campaign name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Only you see it."
        />
        <TextInput
          label="Test number"
          placeholder="(415) 555-0100"
          error="That is not a phone number: it has 4 digits."
          defaultValue="5550"
        />
        <Select label="Tone" defaultValue="friendly">
          <option value="friendly">Friendly</option>
          <option value="formal">Formal</option>
        </Select>
        <Textarea
          label="Notes (only you see these)"
          rows={3}
          maxLength={2000}
          counter
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          hint="A line or two for yourself."
        />
        <Textarea label="Reply" rows={2} error="Write something to send." defaultValue="" />
        <div className="ds-row" role="radiogroup" aria-label="Preview width">
          <Radio
            name="ds-width"
            label="Desktop (640 px)"
            checked={width === 'desktop'}
            onChange={() => setWidth('desktop')}
          />
          <Radio
            name="ds-width"
            label="Phone (375 px)"
            checked={width === 'phone'}
            onChange={() => setWidth('phone')}
          />
        </div>
        <Segmented
          label="Calendar view"
          name="ds-view"
          value={view}
          onChange={setView}
          options={[
            { value: 'month', label: 'Month' },
            { value: 'week', label: 'Week' },
            { value: 'agenda', label: 'Agenda' },
          ]}
        />
        <Checkbox
          label="Fits one segment (160 characters)"
          checked={oneSegment}
          onChange={(e) => setOneSegment(e.target.checked)}
        />
        <Checkbox label="Track link clicks" hint="Links are shortened and counted." defaultChecked={false} />
        <Checkbox quiet label="Show archived (quiet, for a filter bar)" defaultChecked={false} />
        <div className="ds-row">
          <TextInput type="search" aria-label="Search (a bare box for a filter bar)" placeholder="Search contacts…" />
          <Select aria-label="Months shown (a bare drop-down)" defaultValue="6">
            <option value="6">6 months</option>
            <option value="12">12 months</option>
          </Select>
        </div>
      </div>

      <h2 className="section-title">Table</h2>
      <Table label="Sample campaigns" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.name} />

      <h2 className="section-title">Empty and loading</h2>
      <div className="ds-split">
        <EmptyState title="No campaigns yet">Create one from a template.</EmptyState>
        <Loading />
      </div>

      <h2 className="section-title">Dialogs</h2>
      <div className="ds-row">
        <Button variant="secondary" onClick={() => setModal(true)}>
          Open a dialog
        </Button>
        <Button variant="secondary" onClick={() => setConfirm(true)}>
          Ask a question
        </Button>
      </div>
      {modal && (
        <Modal
          title="Save as segment"
          subtitle="The filters you chose, under a name."
          onClose={() => setModal(false)}
          footer={
            <>
              <Button variant="secondary" onClick={() => setModal(false)}>
                Cancel
              </Button>
              <Button onClick={() => setModal(false)}>Save segment</Button>
            </>
          }
        >
          <TextInput label="Segment name" defaultValue="Regulars in Oakland" />
          <Checkbox label="Only people who can be texted" defaultChecked />
        </Modal>
      )}
      {confirm && (
        <ConfirmDialog
          title="Delete this template?"
          confirmLabel="Delete template"
          danger
          onConfirm={() => setConfirm(false)}
          onClose={() => setConfirm(false)}
        >
          Campaigns already sent keep their text. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
