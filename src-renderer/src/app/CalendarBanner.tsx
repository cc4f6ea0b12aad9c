import { useEffect, useState } from 'react';
import { Alert, Anchor } from '@mantine/core';
import { call } from '../lib/api';
import { onDataChanged } from '../lib/data-events';
import { fill, useI18n } from './i18n';
import { hrefOf } from './router';

/** From 1 November: next year's holiday schedule is missing, so day deadlines would skip weekends only. */
export function CalendarBanner() {
  const { m } = useI18n();
  const [missingYear, setMissingYear] = useState<number | null>(null);
  useEffect(() => {
    const load = () => void call('calendar:get', {}).then((c) => setMissingYear(c.missingYear)).catch(() => undefined);
    load();
    return onDataChanged(load);
  }, []);
  if (missingYear === null) return null;
  return (
    <Alert color="yellow" mb="sm" data-testid="calendar-banner">
      {fill(m.calendar.banner, { year: missingYear })} <Anchor href={hrefOf({ page: 'settings' })}>{m.nav.settings}</Anchor>
    </Alert>
  );
}
