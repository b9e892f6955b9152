/**
 * Binary search over a list sorted so that `isAfter` is false for a prefix and true for the rest: the index
 * of the first item for which it is true (`list.length` when none is). Lookups by offset into spans kept in
 * text order use it, so that long articles do not scan every span for every lookup.
 */
export function firstIndexWhere<T>(list: readonly T[], isAfter: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isAfter(list[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
