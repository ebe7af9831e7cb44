import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { manifestFiles } from '../src/index.ts';

// The generated objects as their JSON, read field by field by the tests.
// biome-ignore lint/suspicious/noExplicitAny: plain JSON of every kind of object
export type Json = Record<string, any>;

export const objects = Object.values(manifestFiles()).flat();
export const ofKind = (kind: string, from: readonly unknown[] = objects): Json[] =>
  (from as Json[]).filter((object) => object.kind === kind).map((object) => JSON.parse(JSON.stringify(object.toJSON?.() ?? object)));
export const named = (kind: string, name: string, from?: readonly unknown[]): Json | undefined => ofKind(kind, from).find((o) => o.metadata.name === name);

/** What a value of a Secret key is, in the environment being built (a placeholder, a test secret). */
export type SecretValue = (secret: string, key: string) => string;

/** The keys of a Secret or ConfigMap (data and stringData alike). */
export const keysOf = (object: Json | undefined): string[] => Object.keys({ ...object?.data, ...object?.stringData });

/**
 * The environment a container of a Deployment or Job sees, as the kubelet would build it:
 * envFrom ConfigMaps, values, Secret and ConfigMap key references; and every file a `…_FILE`
 * variable names, written under `dir` from the volume mounted there (Secret keys through
 * `secretValue`, ConfigMap data as it is), the variable pointing at the copy. A reference that
 * does not resolve (no such object, key, mount or volume) is returned in `broken` instead.
 */
export function podEnvironment(
  workload: Json,
  from: readonly unknown[],
  secretValue: SecretValue,
  dir: string,
): { env: Record<string, string>; broken: string[] } {
  const pod = workload.spec.template.spec;
  const [container] = pod.containers;
  const env: Record<string, string> = {};
  const broken: string[] = [];
  const configMapKey = (name: string, key: string) => {
    const data = named('ConfigMap', name, from)?.data;
    if (data?.[key] === undefined) broken.push(`ConfigMap ${name} has no key ${key}`);
    return data?.[key] ?? '';
  };
  const secretKey = (name: string, key: string) => {
    if (!keysOf(named('Secret', name, from)).includes(key)) broken.push(`Secret ${name} has no key ${key}`);
    return secretValue(name, key);
  };
  for (const source of container.envFrom ?? []) {
    const map = named('ConfigMap', source.configMapRef.name, from);
    if (!map) broken.push(`no ConfigMap ${source.configMapRef.name}`);
    Object.assign(env, map?.data);
  }
  for (const variable of container.env ?? []) {
    const reference = variable.valueFrom;
    if (reference?.secretKeyRef) env[variable.name] = secretKey(reference.secretKeyRef.name, reference.secretKeyRef.key);
    else if (reference?.configMapKeyRef) env[variable.name] = configMapKey(reference.configMapKeyRef.name, reference.configMapKeyRef.key);
    else env[variable.name] = variable.value;
  }
  for (const [name, path] of Object.entries(env).filter(([name]) => name.endsWith('_FILE'))) {
    const mount = (container.volumeMounts ?? []).find((m: Json) => m.mountPath === dirname(path));
    const volume = pod.volumes?.find((v: Json) => v.name === mount?.name);
    const source = volume?.secret ?? volume?.configMap;
    if (!source) {
      broken.push(`${name}: nothing mounted at ${dirname(path)}`);
      continue;
    }
    const items: Json[] | undefined = source.items;
    const key = items ? items.find((item) => item.path === basename(path))?.key : basename(path);
    if (key === undefined) {
      broken.push(`${name}: the volume ${volume.name} has no file ${basename(path)}`);
      continue;
    }
    const text = volume.secret ? secretKey(volume.secret.secretName, key) : configMapKey(volume.configMap.name, key);
    const copy = join(dir, volume.name, basename(path));
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, text);
    env[name] = copy;
  }
  return { env, broken };
}

/** The volumes and mounts of a pod that point at nothing: a mount without its volume, a missing Secret, ConfigMap or key. */
export function brokenVolumes(workload: Json, from: readonly unknown[]): string[] {
  const pod = workload.spec.template.spec;
  const broken: string[] = [];
  for (const container of pod.containers)
    for (const mount of container.volumeMounts ?? [])
      if (!pod.volumes?.some((v: Json) => v.name === mount.name)) broken.push(`${container.name}: no volume ${mount.name}`);
  for (const volume of pod.volumes ?? []) {
    const [kind, name, source] = volume.secret
      ? ['Secret', volume.secret.secretName, volume.secret]
      : volume.configMap
        ? ['ConfigMap', volume.configMap.name, volume.configMap]
        : [undefined, undefined, undefined];
    if (!kind) continue;
    const object = named(kind, name, from);
    if (!object) broken.push(`volume ${volume.name}: no ${kind} ${name}`);
    for (const item of source.items ?? []) if (!keysOf(object).includes(item.key)) broken.push(`volume ${volume.name}: ${kind} ${name} has no key ${item.key}`);
  }
  return broken;
}
