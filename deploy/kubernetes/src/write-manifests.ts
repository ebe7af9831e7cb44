// Writes deploy/kubernetes/manifests/ from the TypeScript; the manifest test fails when they drift apart.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderManifests } from './manifests.ts';

export const manifestsDir = fileURLToPath(new URL('../manifests/', import.meta.url));

if (import.meta.main) {
  const rendered = renderManifests();
  mkdirSync(manifestsDir, { recursive: true });
  for (const file of readdirSync(manifestsDir)) if (!(file in rendered)) rmSync(join(manifestsDir, file));
  for (const [file, text] of Object.entries(rendered)) writeFileSync(join(manifestsDir, file), text);
  process.stdout.write(`wrote ${Object.keys(rendered).length} files to ${manifestsDir}\n`);
}
