import { test, expect } from './fixtures';
import { shots } from './shots';
import { markLandlines, newCampaignToTag, quietSandbox, seedDaytimeContacts } from './campaign-audience';

// Real sends and calls through the Sandbox take a while on a shared machine.
test.setTimeout(240_000);

const TEXT = 'Hi {{first_name|there}}, tulips are in at {{business_name}}: 20% off this week. Reply STOP to opt out';
const SCRIPT = 'Hi {{first_name|there}}, tulips are in this week at 20 percent off. We hope to see you soon!';

test('a text, else a call: the call written in the wizard, launched on the Sandbox, results per channel', async ({
  desk,
  page,
}, testInfo) => {
  const { app } = desk;
  quietSandbox(app);
  // Some calls go to voicemail and some press the opt-out key: the Sandbox picks at random.
  app.settings.set('sandbox.stopRate', 0.3);
  app.settings.set('voice.callbackNumber', '+14155550100');
  app.settings.set('voice.ratePerSecond', 20);
  app.settings.set('business.testPhones', '+14155550177');
  const ids = seedDaytimeContacts(app, 14, { tag: 'regulars' });
  // Eight landlines with written consent to calls; two of the textable ones have it too.
  const consent = app.db.prepare(
    `UPDATE contacts SET voice_consent_at = '2026-01-05T10:00:00.000Z', voice_consent_source = 'signed form' WHERE id = ?`,
  );
  ids.slice(0, 10).forEach((id) => consent.run(id));
  markLandlines(app, ids.slice(0, 8));

  const errors = await newCampaignToTag(desk, page, 'Tulip week', 'regulars');

  // Texts first, else a call.
  await page.getByRole('checkbox', { name: /^Voice call/ }).check();
  await expect(page.getByTestId('channel-sms-count')).toContainText('6 people get it');
  await expect(page.getByTestId('channel-voice-count')).toContainText('8 people get it');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(TEXT);

  // The call: what the app always says, in order, around the script.
  const editor = page.getByTestId('voice-editor');
  await expect(editor.getByTestId('voice-identification')).toContainText(
    'This is a message from Bloom Salon. You can call us back at (415) 555-0100.',
  );
  await expect(editor.getByTestId('voice-offer')).toContainText('To stop these calls, press 9 now.');
  await expect(editor.getByTestId('voice-closing')).toContainText(
    'To stop these calls, press 9, or call (415) 555-0100 and press 9. Goodbye.',
  );
  // An empty call is refused in words.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('The voice channel needs its call', { exact: false }).first()).toBeVisible();
  // Too long for the first minute.
  await editor
    .getByRole('textbox', { name: 'Call script' })
    .fill(Array.from({ length: 110 }, () => 'tulips').join(' '));
  await expect(editor.getByTestId('voice-problem')).toContainText('run past its first minute');
  // A recording must be at an https address.
  await editor.getByRole('radio', { name: 'A recording' }).check();
  await editor.getByLabel('Recording address').fill('http://bloom.example/tulips.mp3');
  await expect(editor.getByTestId('voice-problem')).toContainText('must be at an https:// address');
  await expect(editor.getByTestId('voice-message')).toContainText(
    'The recording plays: http://bloom.example/tulips.mp3',
  );
  await editor.getByRole('radio', { name: 'Script read aloud' }).check();
  await editor.getByRole('textbox', { name: 'Call script' }).fill(SCRIPT);
  await expect(editor.getByTestId('voice-problem')).toHaveCount(0);
  await expect(editor.getByTestId('voice-message')).toContainText('tulips are in this week at 20 percent off');
  await expect(editor.getByTestId('voice-voicemail')).toContainText('waits for the greeting and the beep');
  // "Call my phone" says plainly why it cannot ring while calls are simulated.
  await expect(editor).toContainText('Calls are simulated by the Sandbox, so no phone would ring');
  await editor.getByRole('button', { name: 'Call my phone' }).click();
  await expect(editor.getByTestId('voice-test-result')).toContainText('set the voice provider to Twilio');
  await shots(page, testInfo, 'voice-message');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  const review = page.getByTestId('review-channels');
  await expect(review).toContainText('Text (SMS): 6 people');
  await expect(review).toContainText('Voice call: 8 people');
  await shots(page, testInfo, 'voice-review');

  // Launched from the wizard, through the launch dialog.
  await page.getByRole('button', { name: 'Launch' }).click();
  await page
    .getByTestId('launch-dialog')
    .getByRole('button', { name: /^Send to/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tulip week' })).toBeVisible();
  const id = (app.db.prepare(`SELECT id FROM campaigns WHERE name = 'Tulip week'`).get() as { id: number }).id;
  const stored = app.db.prepare(`SELECT voice_json AS voice, channels_json AS channels FROM campaigns WHERE id = ?`);
  expect(stored.get(id)).toEqual({ voice: JSON.stringify({ script: SCRIPT }), channels: '["sms","voice"]' });
  const calls = () =>
    app.db
      .prepare(
        `SELECT provider, state, body FROM outbox_messages WHERE campaign_id = ? AND channel = 'voice' ORDER BY id`,
      )
      .all(id) as Array<{ provider: string; state: string; body: string }>;
  await expect
    .poll(() => calls().filter((c) => c.state !== 'queued' && c.state !== 'sending' && c.state !== 'sent').length, {
      timeout: 120_000,
    })
    .toBe(8);
  expect(calls().every((c) => c.provider === 'sandbox_voice')).toBe(true);
  expect(calls()[0].body).toMatch(/^This is a message from Bloom Salon\. You can call us back at \(415\) 555-0100\./);

  await desk.open(page, `results/${id}`);
  const byChannel = page.getByRole('region', { name: 'By channel' });
  await expect(byChannel.getByRole('row', { name: /Voice call/ })).toBeVisible();
  await expect(byChannel.getByRole('row', { name: /Text \(SMS\)/ })).toBeVisible();
  const line = page.getByTestId('results-calls');
  await expect(line).toContainText('8 placed');
  const text = (await line.textContent()) ?? '';
  const count = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const answered = count(/(\d+) answered by a person/);
  const voicemail = count(/(\d+) left on voicemail/);
  const missed = count(/(\d+) not answered/);
  expect(answered + voicemail + missed).toBe(8);
  expect(text).toMatch(/\d+ pressed the opt-out key/);
  await shots(page, testInfo, 'voice-results');
  expect(errors).toEqual([]);
});
