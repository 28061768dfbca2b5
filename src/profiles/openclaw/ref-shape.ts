// What openclaw accepts as a SecretRef, recognised the way openclaw does (config/types.secrets.ts
// in openclaw's sources): an object with exactly source/provider/id, an older object without a
// provider (the configured default alias applies), or the legacy marker strings
// `secretref-env:NAME` / `__env__:NAME` and the templates `${NAME}` / `$NAME`.

import { isRecord, nonBlank } from '../files.js';

export interface SecretRef {
  source: string;
  provider: string;
  id: string;
}

/** `secrets.defaults` from openclaw.json: the alias a ref without a provider uses. */
export interface RefDefaults {
  env?: string;
  file?: string;
  exec?: string;
}

const DEFAULT_ALIAS = 'default';
const ENV_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;
const ENV_TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;
const ENV_SHORTHAND = /^\$([A-Z][A-Z0-9_]{0,127})$/;
const LEGACY_MARKERS = ['secretref-env:', '__env__:'];

function defaultAlias(source: string, defaults: RefDefaults | undefined): string {
  const configured = source === 'env' ? defaults?.env : source === 'file' ? defaults?.file : source === 'exec' ? defaults?.exec : undefined;
  return configured?.trim() || DEFAULT_ALIAS;
}

/**
 * The env variable a literal secret string names when it is really a template (`${NAME}`,
 * `$NAME`) or a legacy env marker; openclaw resolves such literals from its environment.
 */
export function envTemplateName(value: string): string | undefined {
  const trimmed = value.trim();
  const template = ENV_TEMPLATE.exec(trimmed) ?? ENV_SHORTHAND.exec(trimmed);
  if (template) return template[1];
  for (const marker of LEGACY_MARKERS) {
    if (trimmed.startsWith(marker) && ENV_NAME.test(trimmed.slice(marker.length))) return trimmed.slice(marker.length);
  }
  return undefined;
}

/** The SecretRef a stored value stands for, or null when it is none. */
export function coerceSecretRef(value: unknown, defaults?: RefDefaults): SecretRef | null {
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 3 && nonBlank(value.source) && nonBlank(value.provider) && nonBlank(value.id)) {
      return { source: value.source, provider: value.provider, id: value.id };
    }
    if (nonBlank(value.source) && nonBlank(value.id) && value.provider === undefined) {
      return { source: value.source, provider: defaultAlias(value.source, defaults), id: value.id };
    }
    return null;
  }
  if (typeof value === 'string') {
    const name = envTemplateName(value);
    if (name) return { source: 'env', provider: defaultAlias('env', defaults), id: name };
  }
  return null;
}

/** `source:provider:id`, the way openclaw names a ref in its own messages (never a secret). */
export function describeRef(ref: SecretRef): string {
  return `${ref.source}:${ref.provider}:${ref.id}`;
}
