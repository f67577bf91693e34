// A module loaded the first time it is needed (a dynamic import: its own chunk, not in the code
// that must load before the card can paint).
import { h, type ComponentType, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The module once `wanted` has been true and it has loaded; undefined before (or if it failed to load). */
export function useOnDemand<T>(load: () => Promise<T>, wanted: boolean): T | undefined {
  const [loaded, setLoaded] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (wanted && loaded === undefined) load().then(setLoaded, () => undefined);
  }, [wanted, loaded, load]);
  return loaded;
}

/**
 * A component whose module is loaded after the card's first paint (effects run after paint):
 * nothing is shown in its place until it has loaded. `load` is called once per page.
 */
export function loadedAfterPaint<P extends object, M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): FunctionComponent<P> {
  let loading: Promise<M> | undefined;
  const once = () => (loading ??= load());
  return (props: P) => {
    const module = useOnDemand(once, true);
    return module === undefined ? null : h(pick(module), props);
  };
}
