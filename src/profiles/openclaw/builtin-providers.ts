// openclaw's own providers that authdoctor has no module for, as openclaw ships them: where it
// sends their requests when its config names no base URL. Data only, each fact from openclaw's
// sources (the file is named beside it). A provider openclaw speaks OpenAI's API to (its `api`
// `openai-completions`) is checked as `openai-compatible` at that URL; one it speaks another API to,
// or that only a cloud SDK can authenticate, is listed with the reason nothing here can test it.

export interface BuiltinProvider {
  baseUrl: string;
  /** Other ids openclaw accepts for it (src/agents/provider-id.ts, manifests' providerAuthAliases). */
  aliases?: readonly string[];
}

export interface UncheckableProvider {
  /** Why no request authdoctor could send would honestly test its credentials. */
  why: string;
  aliases?: readonly string[];
}

const ANTHROPIC_STYLE = 'openclaw speaks Anthropic’s Messages API to it, not OpenAI’s, and authdoctor has no check for that gateway yet';
const OLLAMA_NATIVE = 'openclaw speaks Ollama’s native API to it, not OpenAI’s, and authdoctor has no check for Ollama yet';

const OPENAI_STYLE: Readonly<Record<string, BuiltinProvider>> = {
  // extensions/<id>/openclaw.plugin.json, modelCatalog.providers.<id>.baseUrl (api openai-completions)
  together: { baseUrl: 'https://api.together.xyz/v1' },
  cerebras: { baseUrl: 'https://api.cerebras.ai/v1' },
  huggingface: { baseUrl: 'https://router.huggingface.co/v1' },
  venice: { baseUrl: 'https://api.venice.ai/api/v1' },
  nvidia: { baseUrl: 'https://integrate.api.nvidia.com/v1' },
  deepinfra: { baseUrl: 'https://api.deepinfra.com/v1/openai' },
  featherless: { baseUrl: 'https://api.featherless.ai/v1' },
  fireworks: { baseUrl: 'https://api.fireworks.ai/inference/v1' },
  qianfan: { baseUrl: 'https://qianfan.baidubce.com/v2' },
  chutes: { baseUrl: 'https://llm.chutes.ai/v1' },
  kilocode: { baseUrl: 'https://api.kilo.ai/api/gateway/', aliases: ['kilo'] },
  novita: { baseUrl: 'https://api.novita.ai/openai/v1', aliases: ['novita-ai', 'novitaai'] },
  xiaomi: { baseUrl: 'https://api.xiaomimimo.com/v1' },
  'xiaomi-token-plan': { baseUrl: 'https://token-plan-sgp.xiaomimimo.com/v1' },
  // The aliases: src/agents/provider-id.ts (normalizeProviderId).
  opencode: { baseUrl: 'https://opencode.ai/zen/v1', aliases: ['opencode-zen'] },
  'opencode-go': { baseUrl: 'https://opencode.ai/zen/go/v1', aliases: ['opencode-go-auth'] },
  volcengine: { baseUrl: 'https://ark.cn-beijing.volces.com/api/v3', aliases: ['bytedance', 'doubao'] },
  'volcengine-plan': { baseUrl: 'https://ark.cn-beijing.volces.com/api/coding/v3' },
  byteplus: { baseUrl: 'https://ark.ap-southeast.bytepluses.com/api/v3' },
  'byteplus-plan': { baseUrl: 'https://ark.ap-southeast.bytepluses.com/api/coding/v3' },
  'qwen-oauth': { baseUrl: 'https://portal.qwen.ai/v1', aliases: ['qwen-portal', 'qwen-cli'] },
  // extensions/qwen/models.ts QWEN_BASE_URL (the Coding Plan, global); the manifest lists the ids.
  qwen: { baseUrl: 'https://coding-intl.dashscope.aliyuncs.com/v1', aliases: ['qwencloud', 'modelstudio', 'dashscope'] },
  // Local servers: extensions/lmstudio/src/defaults.ts, src/agents/vllm-defaults.ts,
  // docs/concepts/model-providers.md (SGLang), extensions/copilot-proxy/index.ts.
  lmstudio: { baseUrl: 'http://localhost:1234/v1' },
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1' },
  sglang: { baseUrl: 'http://127.0.0.1:30000/v1' },
  'copilot-proxy': { baseUrl: 'http://localhost:3000/v1' },
};

const UNCHECKABLE: Readonly<Record<string, UncheckableProvider>> = {
  // extensions/vercel-ai-gateway/models.ts and provider-catalog.ts: https://ai-gateway.vercel.sh.
  'vercel-ai-gateway': { why: `${ANTHROPIC_STYLE} (https://ai-gateway.vercel.sh)` },
  // docs/concepts/model-providers.md: https://api.synthetic.new/anthropic.
  synthetic: { why: `${ANTHROPIC_STYLE} (https://api.synthetic.new/anthropic)` },
  // extensions/ollama/src/defaults.ts and openclaw.plugin.json (api "ollama").
  ollama: { why: `${OLLAMA_NATIVE} (http://127.0.0.1:11434)` },
  'ollama-cloud': { why: `${OLLAMA_NATIVE} (https://ollama.com)` },
  // extensions/google/openclaw.plugin.json: the Gemini CLI's Google sign-in, not a Gemini API key.
  'google-gemini-cli': { why: 'a Google sign-in of the Gemini CLI (Cloud Code Assist), not a Gemini API key: authdoctor has no check for it yet' },
  // src/agents/provider-id.ts; openclaw-store.md: Bedrock and Vertex authenticate with their clouds' SDKs.
  'amazon-bedrock': { why: 'Amazon Bedrock authenticates with AWS credentials (the AWS SDK chain), which authdoctor does not check', aliases: ['bedrock', 'aws-bedrock'] },
  'google-vertex': { why: 'Vertex AI authenticates with Google Cloud credentials (ADC), which authdoctor does not check' },
  'anthropic-vertex': { why: 'Claude on Vertex AI authenticates with Google Cloud credentials (ADC), which authdoctor does not check' },
};

function find<T extends { aliases?: readonly string[] }>(table: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(table, id) ? table[id] : Object.values(table).find((p) => p.aliases?.includes(id));
}

/** An openclaw provider (lower-case id) that speaks OpenAI's API at a base URL openclaw knows. */
export function openaiStyleBuiltin(id: string): BuiltinProvider | undefined {
  return find(OPENAI_STYLE, id);
}

/** Why an openclaw provider (lower-case id) cannot be checked, when that is known. */
export function uncheckableBuiltin(id: string): string | undefined {
  return find(UNCHECKABLE, id)?.why;
}
