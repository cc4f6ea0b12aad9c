import { Alert, Anchor } from '@mantine/core';
import { useApiQuery } from '../lib/query';
import { fill, useI18n } from './i18n';
import { hrefOf } from './router';

/** From 1 November: next year's holiday schedule is missing, so day deadlines would skip weekends only. */
export function CalendarBanner() {
  const { m } = useI18n();
  const missingYear = useApiQuery('calendar:get', {}).data?.missingYear ?? null;
  if (missingYear === null) return null;
  return (
    <Alert color="yellow" mb="sm" data-testid="calendar-banner">
      {fill(m.calendar.banner, { year: missingYear })} <Anchor href={hrefOf({ page: 'settings' })}>{m.nav.settings}</Anchor>
    </Alert>
  );
}
