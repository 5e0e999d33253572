/**
 * A component whose code is a chunk of its own, fetched the first time it is drawn: what the
 * space's first screen does not show, its first load does not pay for.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazily<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Loaded, setLoaded] = useState(() => loaded);
    useEffect(() => {
      if (Loaded !== undefined) return;
      void load().then((component) => {
        loaded = component;
        setLoaded(() => component);
      });
    }, [Loaded]);
    return Loaded === undefined ? null : <Loaded {...props} />;
  };
}
