// Finds the Chromium every browser test uses. No test tool downloads a browser: we use the system's.
import { existsSync } from 'node:fs';

export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The Chromium executable: `CHROMIUM_PATH` if set, else Debian's `/usr/bin/chromium`; undefined when neither exists. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  return candidates.find((path) => existsSync(path));
}

export const chromiumHelp =
  'No Chromium was found. Broker Kit runs its browser tests in a system Chromium and never downloads one. ' +
  'On Debian or Ubuntu run `sudo apt-get install -y chromium` (it installs /usr/bin/chromium); elsewhere install ' +
  'Chromium or Chrome with your package manager and set CHROMIUM_PATH to its executable, then run `npm test` again.';
