/** Creates a value on first use and reuses it: keeps rarely used SDK clients out of the cold start. */
export function lazy<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= create().catch((error) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
