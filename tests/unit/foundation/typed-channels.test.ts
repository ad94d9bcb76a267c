import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { call } from '../../../electron/cli/framework';
import { invokeOk } from '../../helpers/app';
import { isChannel } from '../../../shared/ipc/contract';

/**
 * The CLI's `call`, the tests' `invokeOk` and `app.dispatch` take a channel of the contract by name and infer its
 * input and output: the lines marked `@ts-expect-error` must NOT compile, which `npm run typecheck` checks (an unused
 * expectation is itself an error). The functions are only type-checked here, never called.
 */
export function typeChecks(app: DeskApp): void {
  // @ts-expect-error a misspelt channel
  void call(app, 'campaign:list', {});
  // @ts-expect-error a misspelt channel
  void invokeOk(app, 'templates:lst', {});
  // @ts-expect-error a misspelt channel
  void app.dispatch('contacts:lsit', {});
  // @ts-expect-error an input field of the wrong type
  void call(app, 'campaigns:list', { includeArchived: 'yes' });
  // @ts-expect-error an input field the channel does not have
  void invokeOk(app, 'campaigns:status', { id: 1, verbose: true });
  const rows = async () => {
    const list = await invokeOk(app, 'campaigns:list', {});
    // @ts-expect-error the output is typed: a campaign row has no `colour`
    return list.map((c) => c.colour);
  };
  void rows;
}

describe('typed channels', () => {
  it('the names the type checks use are (or are not) channels of the contract at run time too', () => {
    expect(isChannel('campaigns:list')).toBe(true);
    expect(isChannel('campaign:list')).toBe(false);
    expect(typeof typeChecks).toBe('function');
  });
});
