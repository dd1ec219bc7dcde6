// Editing the config from the dashboard: the same schema as the config file, field errors beside the
// field (the form's own and the engine's), and a bad edit never replaces the good config.
import { connectTo, expect, feedRow, test, useDashboard } from './fixtures/dashboard';

test.describe.configure({ mode: 'serial' });
const dashboard = useDashboard();

test('an invalid variable edit shows its field errors and changes nothing', async () => {
  const dash = dashboard();
  const { page } = dash;
  await page.getByTestId('edit-cutoff').click();
  const editor = page.getByTestId('variable-editor');
  await expect(editor).toBeVisible();

  await editor.getByTestId('field-max').fill('abc');
  await editor.getByTestId('field-default').fill('500');
  await editor.getByTestId('editor-save').click();
  await expect(editor.getByTestId('field-max-error')).toHaveText('"abc" is not a number');
  await expect(editor.getByTestId('field-default-error')).toHaveText('default must lie within 0..100');
  await dash.shot('variable-editor-errors', editor);

  // Errors follow the draft as it is fixed: a number now, but below min.
  await editor.getByTestId('field-max').fill('-5');
  await editor.getByTestId('field-default').fill('50');
  await expect(editor.getByTestId('field-max-error')).toHaveText('max must be greater than min');
  await editor.getByTestId('field-max').fill('100');
  await expect(editor.getByTestId('field-max-error')).toBeHidden();
  await expect(editor.getByTestId('field-default-error')).toBeHidden();
  await editor.getByTestId('field-max').fill('-5');
  await editor.getByTestId('editor-save').click();
  await expect(editor.getByTestId('field-max-error')).toHaveText('max must be greater than min');

  await editor.getByTestId('editor-cancel').click();
  await expect(editor).toBeHidden();
  // Nothing changed: the card and a fresh editor still show the good config.
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuemax', '100');
  await page.getByTestId('edit-cutoff').click();
  await expect(editor.getByTestId('field-max')).toHaveValue('100');
  await editor.getByTestId('editor-cancel').click();
});

test("the engine's own field errors appear beside the field (a name already in use)", async () => {
  const dash = dashboard();
  const { page } = dash;
  await page.getByTestId('edit-resonance').click();
  const editor = page.getByTestId('variable-editor');
  // Valid on its own, so the form lets it through; only the whole config (the engine's check) refuses it.
  await editor.getByTestId('field-name').fill('cutoff');
  await editor.getByTestId('editor-save').click();
  await expect(editor.getByTestId('field-name-error')).toContainText('"cutoff" is already used');
  await editor.getByTestId('editor-cancel').click();
  await expect(page.getByTestId('variable-resonance')).toBeVisible();
});

test('a valid variable edit applies at once and chat follows the new range', async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  await connectTo(dash, 'config_show');
  await page.getByTestId('edit-resonance').click();
  const editor = page.getByTestId('variable-editor');
  await editor.getByTestId('field-max').fill('20');
  await editor.getByTestId('editor-save').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('meter-resonance')).toHaveAttribute('aria-valuemax', '20');
  peers.twitch.say('config_show', { user: 'knob_twister', text: '!res 15' });
  await expect(feedRow(page, 'knob_twister', '!res 15')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.getByTestId('meter-resonance')).toHaveAttribute('aria-valuenow', '15');
});

test('settings: OSC port 70000 gets its message beside the port field and nothing is saved', async () => {
  const dash = dashboard();
  const { page } = dash;
  await page.getByTestId('tab-settings').click();
  const port = page.getByTestId('settings-osc.0.port');
  const original = await port.inputValue();
  await port.fill('70000');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-osc.0.port-error')).toHaveText('port must be 1–65535');
  await expect(page.getByTestId('settings-status')).toContainText('nothing was changed');
  await dash.shot('settings-port-error', page.getByTestId('settings-panel'));

  await page.getByTestId('settings-revert').click();
  await expect(port).toHaveValue(original);
});

test("settings: a host that does not resolve shows the engine's error beside the host field", async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  await page.getByTestId('tab-settings').click();
  const host = page.getByTestId('settings-osc.0.host');
  await host.fill('no-such-host.invalid');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-osc.0.host-error')).toContainText('no-such-host.invalid');
  await expect(page.getByTestId('settings-status')).toContainText('Not saved');
  await page.getByTestId('settings-revert').click();
  await expect(host).toHaveValue('127.0.0.1');

  // The good target still works: a test value reaches the listener.
  await page.getByTestId('test-address').fill('/cv/test');
  await page.getByTestId('test-value').fill('0.25');
  await page.getByTestId('test-send').click();
  await expect(page.getByTestId('test-result')).toHaveText('Sent 0.25 to /cv/test');
  await peers.osc.waitFor((m) => m.address === '/cv/test' && m.args[0] === 0.25, 5000);
});

test('settings: a valid change is saved, applied and still there after a reload', async () => {
  const dash = dashboard();
  const { page } = dash;
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('settings-rateLimit.global.perSec').fill('400');
  await page.getByTestId('settings-alerts.p95WarnMs').fill('0.001');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Saved.');

  await page.reload();
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('settings-rateLimit.global.perSec')).toHaveValue('400');
  await dash.shot('settings', page.getByTestId('settings-panel'));

  // A P95 warning threshold this low trips as soon as latency is measured.
  await page.getByTestId('tab-live').click();
  dash.peers.twitch.say('config_show', { user: 'knob_twister', text: '!cutoff 10' });
  await expect(page.getByTestId('alert-latency')).toHaveAttribute('data-level', /warning|critical/);
  await dash.shot('alerts');
});
