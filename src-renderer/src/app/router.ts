import { useEffect, useState } from 'react';

/** Routes live in the URL hash (#/register, #/complaints/<id>): works the same on app:// and http://. */
export type Route =
  | { page: 'intake' }
  | { page: 'register' }
  | { page: 'complaint'; id: string }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const complaint = /^\/complaints\/([0-9A-Z]{26})$/.exec(path);
  if (complaint) return { page: 'complaint', id: complaint[1]! };
  if (path === '/register') return { page: 'register' };
  if (path === '/settings') return { page: 'settings' };
  return { page: 'intake' };
}

export const hrefOf = (route: Route) => (route.page === 'complaint' ? `#/complaints/${route.id}` : `#/${route.page}`);

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
