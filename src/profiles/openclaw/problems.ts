// Collects store problems for the report. Several agents share one store, so the same problem
// would otherwise be reported once per agent.

import type { Problem, ProblemCode } from '../../types.js';

export class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  add(code: ProblemCode, location: string, message: string): void {
    const key = `${code}\0${location}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ source: 'openclaw', location, code, message });
  }
}
