// What is Anthropic's own in mapping its answers; the shared rest is in ../outcomes.ts.

import type { Target } from '../outcomes.js';
import { anthropicMeta } from './meta.js';

export const ANTHROPIC: Target = { meta: anthropicMeta, family: 'anthropic' };

/** Matches the message the API sends for subscription tokens used outside Claude Code. */
export const CLAUDE_CODE_ONLY = /only authorized for use with Claude Code/i;
