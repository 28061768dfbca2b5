import type { SourceType } from '../types.js';

/** The flags of CONTRACT.md, as the commands receive them from yargs. */
export interface CheckArgs {
  json: boolean;
  profile: string[];
  provider: string[];
  source: SourceType[];
  keyStdin: boolean;
  config?: string;
  allowExec: boolean;
  openclawDir?: string;
  claudeDir?: string;
  codexHome?: string;
  offline: boolean;
  quota: boolean;
  inference: boolean;
  /** `--base-url`, validated, by family (`anthropic` for a bare URL). */
  baseUrls: Record<string, string>;
  timeout: number;
  concurrency: number;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 8;
