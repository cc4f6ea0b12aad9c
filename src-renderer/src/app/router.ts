import { useEffect, useState } from 'react';
import { LIFECYCLE_ACTIONS, type LifecycleAction } from '../../../src-preload/contract/enums';

/** Routes live in the URL hash (#/register, #/complaints/<id>): works the same on app:// and http://. */
export type Route =
  | { page: 'intake' }
  | { page: 'register' }
  | { page: 'complaint'; id: string; step?: LifecycleAction }
  | { page: 'board' }
  | { page: 'reports' }
  | { page: 'exchange' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const complaint = /^\/complaints\/([0-9A-Z]{26})(?:\?step=(\w+))?$/.exec(path);
  if (complaint) {
    const step = LIFECYCLE_ACTIONS.find((a) => a === complaint[2]);
    return step ? { page: 'complaint', id: complaint[1]!, step } : { page: 'complaint', id: complaint[1]! };
  }
  // The register keeps its filters, page and sort after '?' (features/register/register-view.ts).
  if (path === '/register' || path.startsWith('/register?')) return { page: 'register' };
  if (path === '/board') return { page: 'board' };
  if (path === '/reports') return { page: 'reports' };
  if (path === '/exchange') return { page: 'exchange' };
  if (path === '/settings') return { page: 'settings' };
  return { page: 'intake' };
}

export const hrefOf = (route: Route) =>
  route.page === 'complaint' ? `#/complaints/${route.id}${route.step ? `?step=${route.step}` : ''}` : `#/${route.page}`;

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
