// A module loaded the first time it is needed (a dynamic import: its own chunk, not in the code
// that must load before the card can paint).
import { useEffect, useState } from 'preact/hooks';

/** The module once `wanted` has been true and it has loaded; undefined before (or if it failed to load). */
export function useOnDemand<T>(load: () => Promise<T>, wanted: boolean): T | undefined {
  const [loaded, setLoaded] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (wanted && loaded === undefined) load().then(setLoaded, () => undefined);
  }, [wanted, loaded, load]);
  return loaded;
}
