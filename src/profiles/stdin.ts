import type { Source } from '../types.js';

/** `--key-stdin`: the text was read by the command; here it only becomes a profile. */
export const stdinSource: Source = {
  type: 'stdin',
  async discover(ctx) {
    const text = ctx.options.stdinText;
    // Named in the "nothing found" message too, so that `--source stdin` alone explains itself.
    if (text === undefined) return { profiles: [], problems: [], searched: ['stdin: read only with --key-stdin'] };
    return {
      profiles: [
        {
          id: 'stdin',
          name: 'stdin',
          provider: 'anthropic',
          source: { type: 'stdin', location: 'stdin' },
          secret: text,
          // One trailing newline is what `echo key |` adds: normal, not a whitespace warning.
          metadata: { fromFile: true },
        },
      ],
      problems: [],
      searched: ['stdin (--key-stdin)'],
    };
  },
};
