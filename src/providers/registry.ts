// Every provider authdoctor can check: one line each. A provider's meta.ts is small and loaded with
// every run; its module (index.ts) only when a profile of that provider is found.

import { anthropicMeta } from './anthropic/meta.js';
import { deepseekMeta } from './deepseek/meta.js';
import { xaiMeta } from './xai/meta.js';
import { groqMeta } from './groq/meta.js';
import { mistralMeta } from './mistral/meta.js';
import { moonshotMeta } from './moonshot/meta.js';
import { openaiCompatibleMeta } from './openai-compatible/meta.js';
import { githubCopilotMeta } from './github-copilot/meta.js';
import { kimiCodingMeta } from './kimi-coding/meta.js';
import { minimaxMeta } from './minimax/meta.js';
import { zaiMeta } from './zai/meta.js';
import { googleMeta } from './google/meta.js';
import { openaiMeta } from './openai/meta.js';
import { openrouterMeta } from './openrouter/meta.js';
import type { Family, ProviderMeta, ProviderModule } from './types.js';

export const PROVIDER_METAS: readonly ProviderMeta[] = [
  anthropicMeta,
  deepseekMeta,
  xaiMeta,
  groqMeta,
  mistralMeta,
  moonshotMeta,
  openaiCompatibleMeta,
  kimiCodingMeta,
  zaiMeta,
  minimaxMeta,
  githubCopilotMeta,
  openaiMeta,
  openrouterMeta,
  googleMeta,
];

/** The provider a profile id names, also under openclaw's ids for it (`openai-codex` → `openai`). */
export function providerMeta(id: string): ProviderMeta | undefined {
  return PROVIDER_METAS.find((p) => p.id === id) ?? PROVIDER_METAS.find((p) => p.openclawIds?.includes(id));
}

const loaded = new Map<string, Promise<ProviderModule>>();

function loadProvider(meta: ProviderMeta): Promise<ProviderModule> {
  let m = loaded.get(meta.id);
  if (!m) {
    m = meta.load();
    loaded.set(meta.id, m);
  }
  return m;
}

/** Loads the modules of these providers (once each); unknown ids are left out. */
export async function loadProviders(ids: Iterable<string>): Promise<Map<string, ProviderModule>> {
  const metas = [...new Set(ids)].map(providerMeta).filter((m): m is ProviderMeta => m !== undefined);
  const modules = await Promise.all(metas.map(loadProvider));
  return new Map(modules.map((m) => [m.meta.id, m]));
}

/** Every base URL family by name, with what the provider that uses it knows of it. */
export function familySpecs(): Map<string, Family> {
  return new Map(PROVIDER_METAS.flatMap((p) => Object.entries(p.families)));
}
