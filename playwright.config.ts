// Browser e2e for the dashboard against the real headless engine.
//   npx vite build --config vite.renderer.config.ts && npx playwright test --project=web
// `web` always runs, in Debian's Chromium (Playwright's own browser download does not work offline);
// `electron` runs the same specs through Playwright's _electron where an Electron binary is installed
// (it also needs `npx electron-vite build`), and otherwise skips every test saying why.
import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (process.env.CHROMIUM_PATH && found !== process.env.CHROMIUM_PATH)
    console.warn(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist; trying the defaults.`);
  return found;
}

const executablePath = systemChromium();
if (!executablePath) {
  console.warn(
    'No system Chromium at /usr/bin/chromium (set CHROMIUM_PATH, or `apt-get install -y chromium`); ' +
      "falling back to Playwright's own browser, which must have been installed with `npx playwright install chromium`.",
  );
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e/output/test-results',
  // The machine is small and shared: one worker, one engine at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'e2e/output/report', open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      use: { browserName: 'chromium' },
    },
  ],
});
