// Debian's Chromium, headless, driven by playwright-core: the browser of the account page's tests.
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

function chromiumPath(): string {
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
