import { anthropic } from './anthropic/index.js';
import type { ProviderModule } from './types.js';

/** Providers authdoctor can check. Profiles of any other provider are listed and reported as skipped. */
export const PROVIDERS: readonly ProviderModule[] = [anthropic];

export function providerFor(id: string): ProviderModule | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
