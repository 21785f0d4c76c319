/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The candidate closest to `name`, if it is close enough to be a likely typo. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  // A shortened word ("warn" for "warning") is a likely slip however many letters are missing.
  const lower = name.toLowerCase();
  const extended = lower.length >= 3 ? list.filter((c) => c.toLowerCase().startsWith(lower)) : [];
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}

/**
 * The keys written that are a known key misspelt, each with the key it was meant to be:
 * `lastReviewd` for `lastReviewed` when no `lastReviewed` is written. Such a key is one
 * mistake, its name (misspeltField), never also an unknown field and a missing one.
 */
export function misspeltKeys(written: Iterable<string>, known: readonly string[]): Map<string, string> {
  const keys = [...written];
  const misspelt = new Map<string, string>();
  for (const key of keys) {
    if (known.includes(key)) continue;
    const meant = closestMatch(key, known);
    if (meant === undefined || keys.includes(meant) || [...misspelt.values()].includes(meant)) continue;
    // A short key is read as another only one letter away, or with its letters swapped (atl for
    // alt): sv is no misspelt nb, but another language.
    const letters = (word: string) => [...word.toLowerCase()].sort().join('');
    if (key.length <= 3 && editDistance(key.toLowerCase(), meant.toLowerCase()) > 1 && letters(key) !== letters(meant)) continue;
    misspelt.set(key, meant);
  }
  return misspelt;
}

/** The key a field is written under: its name, or the key that misspells it (misspeltKeys); undefined when neither is written. */
export function writtenKey(written: Iterable<string>, name: string, known: readonly string[]): string | undefined {
  const keys = [...written];
  if (keys.includes(name)) return name;
  return [...misspeltKeys(keys, known)].find(([, meant]) => meant === name)?.[0];
}

/** The line for a misspelt key: `lastReviewd is not a field: did you mean lastReviewed?` */
export const misspeltField = (key: string, meant: string) => `${key} is not a field: did you mean ${meant}?`;
