// Key shapes across every provider, collected from each provider's meta.ts. They answer three
// questions without loading any provider module: whose distinctive key is this (wrong_provider),
// which providers could a pasted key belong to (--key-stdin), and which part of it is public (redaction).

import type { KeyShape, ProviderMeta } from '../providers/types.js';
import { PROVIDER_METAS } from '../providers/registry.js';

/**
 * Distinctive shapes of credentials authdoctor has no module for: recognised so that they are never
 * sent to another provider. A provider module that arrives moves its shapes into its meta.ts.
 */
const UNCHECKED: ReadonlyArray<{ owner: string; shape: Pick<KeyShape, 'test' | 'prefix'> & { distinctive?: false } }> = [
  { owner: 'Hugging Face', shape: { test: /^hf_/, prefix: 'hf_' } },
  { owner: 'AWS', shape: { test: /^(AKIA|ASIA)[A-Z0-9]{12,}/, prefix: '' } },
];

interface Owned {
  owner: Pick<ProviderMeta, 'id' | 'displayName'>;
  shape: Pick<KeyShape, 'test' | 'prefix' | 'distinctive'>;
}

let all: Owned[] | undefined;
function allShapes(): Owned[] {
  all ??= [
    ...PROVIDER_METAS.flatMap((p) => p.shapes.map((shape) => ({ owner: p, shape }))),
    ...UNCHECKED.map(({ owner, shape }) => ({ owner: { id: owner, displayName: owner }, shape: { distinctive: true, ...shape } })),
  ];
  return all;
}

/** Providers whose distinctive shape `value` has; the longest matching prefix wins (`sk-or-` over `sk-`). */
export function distinctiveOwners(value: string): Array<Pick<ProviderMeta, 'id' | 'displayName'>> {
  const matches = allShapes().filter((o) => o.shape.distinctive && o.shape.test.test(value));
  const longest = Math.max(0, ...matches.map((o) => o.shape.prefix.length));
  const owners = matches.filter((o) => o.shape.prefix.length === longest).map((o) => o.owner);
  return [...new Map(owners.map((o) => [o.id, o])).values()];
}

/** Providers other than `self` that use a shared shape `value` has (a bare `sk-…` is OpenAI's, DeepSeek's, Moonshot's). */
export function sharedOwners(value: string, self: string): Array<Pick<ProviderMeta, 'id' | 'displayName'>> {
  // Only shapes with a prefix rule anything out: a JWT or a run of hex digits is every provider's format.
  const owners = allShapes()
    .filter((o) => !o.shape.distinctive && o.shape.prefix !== '' && o.owner.id !== self && o.shape.test.test(value))
    .map((o) => o.owner);
  return [...new Map(owners.map((o) => [o.id, o])).values()];
}

/**
 * The providers (with a module) a pasted key could belong to: the owner of its distinctive shape,
 * else every provider that uses a shared shape it matches (a bare `sk-…`).
 */
export function claimingProviders(value: string): ProviderMeta[] {
  const owners = distinctiveOwners(value);
  if (owners.length > 0) return PROVIDER_METAS.filter((p) => owners.some((o) => o.id === p.id));
  return PROVIDER_METAS.filter((p) => p.shapes.some((s) => s.test.test(value)));
}

/** The prefixes that alone say "a credential of this provider" (`sk-ant-`, `ghp_`, `hf_`): none is ''. */
export function distinctivePrefixes(): string[] {
  return [...new Set(allShapes().flatMap((o) => (o.shape.distinctive && o.shape.prefix ? [o.shape.prefix] : [])))];
}

/** The recognisable, non-secret prefix of a credential ('' when the shape is unknown). */
export function knownPrefix(secret: string): string {
  let best = '';
  for (const { shape } of allShapes()) if (shape.prefix.length > best.length && secret.startsWith(shape.prefix) && shape.test.test(secret)) best = shape.prefix;
  return best;
}
