import { useEffect, useState } from 'preact/hooks';

/** Whether the last REST call reached the JobManager: the header's live indicator. */
type Listener = (online: boolean) => void;
const listeners = new Set<Listener>();
let online = true;

export function reportConnection(ok: boolean): void {
  if (ok === online) return;
  online = ok;
  for (const l of listeners) l(ok);
}

export function useConnectionStatus(): boolean {
  const [value, setValue] = useState(online);
  useEffect(() => {
    listeners.add(setValue);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}
