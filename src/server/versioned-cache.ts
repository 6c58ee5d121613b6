/**
 * Values derived from the index, kept while `version` stays the same (the index generation, plus the day where a
 * value counts overdue items) and all dropped when it changes. At most `limit` are kept, the oldest dropped first.
 */
export function versionedCache<V>(version: () => string | number, limit = Number.POSITIVE_INFINITY) {
  let current: string | number | undefined;
  const values = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const now = version();
      if (now !== current) {
        values.clear();
        current = now;
      }
      return values.get(key);
    },
    /** Keeps `value` under `key` (call `get` first, so it is kept for the current version) and returns it. */
    set(key: string, value: V): V {
      if (values.size >= limit) values.delete(values.keys().next().value as string);
      values.set(key, value);
      return value;
    },
  };
}
