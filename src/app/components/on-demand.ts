// A module loaded the first time it is needed (a dynamic import: its own chunk, not in the code
// that must load before the card can paint).
import { h, type ComponentType, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { afterNextPaint } from '../card-painted.ts';

export interface OnDemand<T> {
  /** The module once `wanted` has been true and it has loaded. */
  module?: T;
  /** Its chunk could not be loaded (e.g. the app was updated or the network dropped): say so, never nothing. */
  failed: boolean;
}

export function useOnDemand<T>(load: () => Promise<T>, wanted: boolean): OnDemand<T> {
  const [state, setState] = useState<OnDemand<T>>({ failed: false });
  useEffect(() => {
    if (wanted && state.module === undefined && !state.failed)
      load().then(
        (module) => setState({ module, failed: false }),
        () => setState({ failed: true }),
      );
  }, [wanted, state, load]);
  return state;
}

/**
 * A component whose module is loaded after the card's first paint: nothing is shown in its place
 * until it has loaded, and `failedText` if it cannot be loaded. `load` is called once per page.
 */
export function loadedAfterPaint<P extends object, M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
  failedText: string,
): FunctionComponent<P> {
  let loading: Promise<M> | undefined;
  // Effects run after a paint, but can run before the task that marks the card painted: one more
  // frame puts the chunk's request after it, so the bottom line never waits on it.
  const once = () => (loading ??= new Promise<void>((resolve) => afterNextPaint(resolve)).then(load));
  return (props: P) => {
    const { module, failed } = useOnDemand(once, true);
    if (failed) return h('p', { class: 'note', role: 'status' }, failedText);
    return module === undefined ? null : h(pick(module), props);
  };
}
