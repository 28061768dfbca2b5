// The pieces the plan providers share (src/providers/plan.ts): errors in 200 bodies mapped as their
// HTTP twins, the quota of a refused call, reset times and window names; and their key shapes, which
// no other provider's slot may send.

import { describe, expect, it } from 'vitest';
import type { Answer, Refusal } from '../../src/providers/exchange.js';
import { httpFailure } from '../../src/net/failure.js';
import { ResponseHeaders } from '../../src/net/http.js';
import { bodyErrorQuota, bodyErrorValidity, durationName, isoTime, type BodyErrorClass } from '../../src/providers/plan.js';
import { quotaFromExchange } from '../../src/providers/quota.js';
import { zaiMeta } from '../../src/providers/zai/meta.js';
import { classifyFor } from '../../src/credentials/classify.js';
import { anthropicMeta } from '../../src/providers/anthropic/meta.js';
import { deepseekMeta } from '../../src/providers/deepseek/meta.js';
import { githubCopilotMeta } from '../../src/providers/github-copilot/meta.js';
import { kimiCodingMeta } from '../../src/providers/kimi-coding/meta.js';
import { minimaxMeta } from '../../src/providers/minimax/meta.js';
import { fakeSecret } from '../helpers/cli.js';

const T = { meta: zaiMeta, family: 'zai' };
const headers = new ResponseHeaders({});
const answer: Answer = { ok: true, status: 200, data: {}, headers, durationMs: 1 };
const refusal = (status: number): Refusal => ({ ok: false, failure: httpFailure(status, headers, { message: 'no' }), durationMs: 1 });
const hints = { invalid: 'new key', billing: 'top up' };

describe('plan providers: shared mapping', () => {
  it('an error in a 200 body fails only when it names the credential', () => {
    const got = (['credential', 'rate_limit', 'billing', 'server', 'other'] as BodyErrorClass[]).map((c) => {
      const o = bodyErrorValidity(answer, { class: c, code: '7', message: 'said' }, 'GET /x', T, hints);
      return `${o.status}/${o.code}`;
    });
    expect(got).toEqual(['fail/invalid_credential', 'warn/rate_limited', 'warn/permission_denied', 'error/provider_unavailable', 'error/unexpected_response']);
    expect(bodyErrorValidity(answer, { class: 'other', code: '4242' }, 'GET /x', T, hints)).toMatchObject({ httpStatus: 200, summary: expect.stringContaining('4242') });
  });

  it('quota of the same answer: throttled is an error, billing is limit_reached', () => {
    expect(bodyErrorQuota(answer, { class: 'rate_limit', code: '1302' }, 'GET /x', hints)).toMatchObject({ status: 'error', code: 'rate_limited' });
    expect(bodyErrorQuota(answer, { class: 'billing', code: '1309' }, 'GET /x', hints)).toMatchObject({ status: 'warn', code: 'limit_reached', hint: 'top up' });
  });

  it('quota of a refused call: 429 rate_limited, 402 limit_reached, 403 scope_missing, else undecided', () => {
    const quota = (ex: Refusal) => quotaFromExchange(ex, 'GET /x', T, () => ({ status: 'pass', code: 'usage', summary: 'read' }));
    expect([429, 402, 403, 404, 500].map((s) => `${quota(refusal(s)).status}/${quota(refusal(s)).code}`)).toEqual([
      'error/rate_limited',
      'warn/limit_reached',
      'unsupported/scope_missing',
      'error/unexpected_response',
      'error/provider_unavailable',
    ]);
    // A bot wall's 403 says nothing about what the credential may read.
    const wall: Refusal = { ok: false, failure: httpFailure(403, headers, '<!DOCTYPE html><title>Just a moment...</title>'), durationMs: 1 };
    expect(quota(wall)).toMatchObject({ status: 'error', code: 'blocked_by_challenge' });
    expect(quotaFromExchange(answer, 'GET /x', T, () => ({ status: 'pass', code: 'balance', summary: 'read' })).code).toBe('balance');
  });

  it('reset times from epoch ms, epoch s, numeric strings and dates; nonsense is null', () => {
    expect(isoTime(1785816000000)).toBe('2026-08-04T04:00:00.000Z');
    expect(isoTime(1785816000)).toBe('2026-08-04T04:00:00.000Z');
    expect(isoTime('1785816000000')).toBe('2026-08-04T04:00:00.000Z');
    expect(isoTime('2026-08-04')).toBe('2026-08-04T00:00:00.000Z');
    expect([isoTime('soon'), isoTime(''), isoTime(null), isoTime(1e20), isoTime({})]).toEqual([null, null, null, null, null]);
  });

  it('window names from minutes', () => {
    expect([300, 10080, 1440, 45].map(durationName)).toEqual(['5h', '7d', '1d', '45m']);
  });

  it('each plan provider’s own shapes are wrong_provider in every other slot, and pass in their own', () => {
    const owners = { 'sk-kimi-': kimiCodingMeta, 'sk-cp-': minimaxMeta, gho_: githubCopilotMeta, ghu_: githubCopilotMeta, github_pat_: githubCopilotMeta, ghp_: githubCopilotMeta };
    const slots = [anthropicMeta, deepseekMeta, kimiCodingMeta, zaiMeta, minimaxMeta, githubCopilotMeta];
    for (const [prefix, owner] of Object.entries(owners)) {
      for (const slot of slots) {
        const c = classifyFor(slot, fakeSecret(prefix, 40));
        expect(`${prefix} in ${slot.id}: ${c.code}`).toBe(`${prefix} in ${slot.id}: ${slot === owner ? 'recognized' : 'wrong_provider'}`);
      }
    }
  });
});
