import { Modal, Table } from '../ui';
import { ALT, MOD } from './keys';
import './shell.css';

/** "?": every keyboard shortcut, in one list. */
export function ShortcutsDialog({ pages, onClose }: { pages: Array<{ label: string }>; onClose(): void }) {
  const rows: Array<[string, string]> = [
    [`${MOD} K`, 'Open the command palette: go to any page or run a main action'],
    ['?', 'Show this list'],
    ...pages.slice(0, 9).map((p, i): [string, string] => [`${ALT} ${i + 1}`, `Go to ${p.label}`]),
    ['Esc', 'Close a dialog or the palette'],
    ['↑ ↓  Enter', 'Choose and run a command in the palette'],
    ['Tab', 'Move to the next field; the first Tab on a page offers “Skip to content”'],
    ['Enter', 'Save a Settings group from any box in it'],
    [`${MOD} Enter`, 'Save a Settings group from a longer text (automatic replies)'],
  ];
  return (
    <Modal title="Keyboard shortcuts" subtitle="They work on every page." size="small" onClose={onClose}>
      <Table
        label="Keyboard shortcuts"
        plain
        className="shortcuts"
        rows={rows}
        rowKey={([keys, what]) => keys + what}
        columns={[
          { header: 'Keys', cell: ([keys]) => <kbd>{keys}</kbd> },
          { header: 'What it does', cell: ([, what]) => what },
        ]}
      />
    </Modal>
  );
}
