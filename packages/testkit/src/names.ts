import { randomBytes } from 'node:crypto';

/** A topic or group name no other test uses: `<prefix>-<random hex>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
