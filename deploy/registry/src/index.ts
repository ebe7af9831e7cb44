export { ensureApicurio, pinnedApicurioVersion } from './distribution.ts';
export { CCOMPAT_PATH, LocalRegistry, type LocalRegistryOptions } from './local-registry.ts';
