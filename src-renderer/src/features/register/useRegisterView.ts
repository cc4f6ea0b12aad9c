import { useEffect, useState } from 'react';
import { parseRegisterView, registerViewHash, type RegisterView } from './register-view';

/** The query part of a register hash ('#/register?text=…' → 'text=…'); '' for any other page. */
const queryOf = (hash: string) => /^#\/register\?(.*)$/.exec(hash)?.[1] ?? '';

/**
 * The register's view, held in the URL (register-view.ts). Changes replace the current history
 * entry rather than add one: Back leaves the register (or returns to it from a complaint, as it
 * was), instead of stepping through every letter typed in the search box.
 */
export function useRegisterView(): [RegisterView, (update: (view: RegisterView) => RegisterView) => void] {
  const [view, setView] = useState(() => parseRegisterView(queryOf(window.location.hash)));
  useEffect(() => {
    // Back/forward between register views, or the 投诉台账 link (the default view).
    const onChange = () => {
      if (window.location.hash.startsWith('#/register')) setView(parseRegisterView(queryOf(window.location.hash)));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  useEffect(() => {
    const hash = registerViewHash(view);
    if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
  }, [view]);
  return [view, setView];
}
