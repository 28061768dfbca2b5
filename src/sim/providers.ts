// Every provider simulator that src/sim/server.ts can mount: one line each. Mounted under its base
// URL family's name, so `<sim url>/<family><the default base URL's path>` stands for the real API.

import { familySpecs } from '../providers/registry.js';
import { deepseekSim } from './deepseek.js';
import { xaiSim } from './xai.js';
import { groqSim } from './groq.js';
import { mistralSim } from './mistral.js';
import { moonshotSim } from './moonshot.js';
import { openaiCompatibleSim } from './openai-compatible.js';
import { githubCopilotSim } from './github-copilot.js';
import { kimiCodingSim } from './kimi-coding.js';
import { minimaxSim } from './minimax.js';
import { zaiSim } from './zai.js';
import { googleSim } from './google.js';
import { chatgptSim, openaiSim } from './openai.js';
import { openrouterSim } from './openrouter.js';
import type { ProviderSimServer, SimProvider } from './server.js';

export const SIM_PROVIDERS: readonly SimProvider[] = [
  deepseekSim,
  xaiSim,
  groqSim,
  mistralSim,
  moonshotSim,
  openaiCompatibleSim,
  kimiCodingSim,
  zaiSim,
  minimaxSim,
  githubCopilotSim,
  openaiSim,
  chatgptSim,
  openrouterSim,
  googleSim,
];

/**
 * Every base URL family sent to a simulator, as `--base-url` would send it: Anthropic's to its own,
 * the others to their mounts. Nothing can reach a real host, not even a profile's own base URL (a
 * family without a default has only those).
 */
export function simFamilyUrls(anthropicUrl: string, others: Pick<ProviderSimServer, 'baseUrl'>): Record<string, string> {
  return Object.fromEntries([...familySpecs().keys()].map((family) => [family, family === 'anthropic' ? anthropicUrl : others.baseUrl(family)]));
}
