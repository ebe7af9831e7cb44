import { readFileSync } from 'node:fs';
import { ConfigMap } from 'kubernetes-models/v1';
import { labelsOf } from './labels.ts';

export const detectionConfigMap = 'churnwatch-detection';
export const detectionConfigPath = '/etc/churnwatch/detection.json';

/** The thresholds per segment and plan: deploy/config/detection.json, the same file compose mounts. */
export function detectionConfig(): ConfigMap {
  const json = readFileSync(new URL('../../config/detection.json', import.meta.url), 'utf8');
  return new ConfigMap({ metadata: { name: detectionConfigMap, labels: labelsOf('detection-config') }, data: { 'detection.json': json } });
}
