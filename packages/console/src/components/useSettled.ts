import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms`: a slider being dragged asks the server once it
 * rests, not at every step.
 */
export function useSettled<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
