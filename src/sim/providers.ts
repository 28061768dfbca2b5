// Every provider simulator that src/sim/server.ts can mount: one line each. Mounted under its base
// URL family's name, so `<sim url>/<family><the default base URL's path>` stands for the real API.

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
import type { SimProvider } from './server.js';

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

/** The simulator's stand-in for a family's default base URL: same path, under the family's mount. */
export function simBaseUrl(simUrl: string, family: string, defaultUrl: string): string {
  return `${simUrl}/${family}${new URL(defaultUrl).pathname.replace(/\/+$/, '')}`;
}
