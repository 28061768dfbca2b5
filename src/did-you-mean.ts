// "Did you mean …": for a mistyped command, flag or field, the one known word close enough to be
// the one meant.

/** Edits needed to turn a into b (Levenshtein). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The one word of `known` within two edits of `word` (case, `-` and `_` aside), quoted; '' when none or several. */
export function didYouMean(word: string, known: readonly string[]): string {
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const close = known.filter((k) => plain(k) === plain(word) || distance(word.toLowerCase(), k.toLowerCase()) <= 2);
  return close.length === 1 ? `"${close[0]}"` : '';
}
