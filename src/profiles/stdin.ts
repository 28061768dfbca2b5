import { claimingProviders } from '../credentials/shapes.js';
import { trimCredential } from '../credentials/classify.js';
import { providerMeta } from '../providers/registry.js';
import { UsageError, type Source, type SourceContext } from '../types.js';
import { environmentBaseUrls } from './env.js';

/**
 * The provider of a --key-stdin key: --provider when given (one), else the one provider its shape
 * names. When several share the shape, or none claims it, nothing is sent: a usage error names the
 * candidates (CONTRACT.md). With several --provider, the choice is among them: the one the shape
 * names, else (none of them claims it) the first, whose format check then says wrong_provider as
 * with one --provider.
 */
function stdinProvider(text: string, requested: readonly string[] | undefined): string {
  const metas = (requested ?? []).map((id) => {
    const meta = providerMeta(id);
    if (!meta) throw new UsageError(`--provider ${id}: authdoctor has no such provider`);
    return meta;
  });
  if (metas.length === 1) return metas[0]!.id;
  const candidates = claimingProviders(trimCredential(text.replace(/\r?\n$/, '')));
  const among = metas.length ? candidates.filter((c) => metas.some((m) => m.id === c.id)) : candidates;
  if (among.length === 1) return among[0]!.id;
  if (metas.length && among.length === 0) return metas[0]!.id;
  throw new UsageError(
    among.length
      ? `--key-stdin: a key of this shape may belong to ${among.map((c) => c.id).join(', ')}: add --provider <name> to say which; nothing was sent`
      : '--key-stdin: no provider authdoctor knows uses keys of this shape: add --provider <name> to say whose it is; nothing was sent',
  );
}

/** `--key-stdin`: the text was read by the command; here it only becomes a profile. */
export const stdinSource: Source = {
  type: 'stdin',
  async discover(ctx: SourceContext) {
    const text = ctx.options.stdinText;
    // Named in the "nothing found" message too, so that `--source stdin` alone explains itself.
    if (text === undefined) return { profiles: [], problems: [], searched: ['stdin: read only with --key-stdin'] };
    // Nothing piped (`< /dev/null`, an empty variable): a mistake in the command, not a broken credential.
    if (text.trim() === '') {
      throw new UsageError('--key-stdin: nothing was read from stdin: pipe one credential in (pbpaste | authdoctor check --key-stdin), or run it on a terminal to paste one');
    }
    const provider = stdinProvider(text, ctx.options.provider);
    // A key checked in this shell goes where this shell's programs would send it.
    const baseUrls = environmentBaseUrls(providerMeta(provider)!, ctx.env);
    return {
      profiles: [
        {
          id: 'stdin',
          name: 'stdin',
          provider,
          source: { type: 'stdin', location: 'stdin' },
          secret: text,
          // One trailing newline is what `echo key |` adds: normal, not a whitespace warning.
          metadata: { fromFile: true },
          ...(baseUrls ? { baseUrls } : {}),
        },
      ],
      problems: [],
      searched: ['stdin (--key-stdin)'],
    };
  },
};
