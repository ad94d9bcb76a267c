/**
 * What marks an e-mail sent to the owner to check a template, outside any campaign: its subject starts with
 * "[Test]", and its footer's unsubscribe link is the relay's test page, which changes nothing.
 */
export const TEST_SUBJECT_PREFIX = '[Test] ';

/** The unsubscribe token of a test e-mail: `/u/test` answers a page saying so (a real token is signed). */
export const TEST_UNSUBSCRIBE_TOKEN = 'test';

export function testSubject(subject: string): string {
  return `${TEST_SUBJECT_PREFIX}${subject}`;
}
