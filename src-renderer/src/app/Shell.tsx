import { AppShell, Button, Group, NativeSelect, NavLink, Text, Title } from '@mantine/core';
import { fill, useI18n } from './i18n';
import { useLookups } from './lookups';
import { useOperator } from './operator';
import { hrefOf, useRoute, type Route } from './router';
import { IntakePage } from '../features/intake/IntakePage';
import { RegisterPage } from '../features/register/RegisterPage';
import { ComplaintPage } from '../features/complaint/ComplaintPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { BoardPage } from '../features/board/BoardPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { CalendarBanner } from './CalendarBanner';
import { DeadlineNoticeBar, useDeadlineNotice } from './DeadlineNotice';

const NAV: { route: Route; key: 'intake' | 'register' | 'board' | 'reports' | 'exchange' | 'settings' }[] = [
  { route: { page: 'intake' }, key: 'intake' },
  { route: { page: 'register' }, key: 'register' },
  { route: { page: 'board' }, key: 'board' },
  { route: { page: 'reports' }, key: 'reports' },
  { route: { page: 'exchange' }, key: 'exchange' },
  { route: { page: 'settings' }, key: 'settings' },
];

export function Shell() {
  const { m, locale, setLocale } = useI18n();
  const { settings, staff } = useLookups();
  const { operatorId, setOperatorId } = useOperator();
  const route = useRoute();
  const activeStaff = staff.filter((s) => s.active);
  const notice = useDeadlineNotice();

  return (
    // The deadline notice is the footer: space of its own (the page is never under it), and after
    // the page in the DOM, so Tab reaches the page first.
    <AppShell header={{ height: 56 }} navbar={{ width: 180, breakpoint: 0 }} footer={{ height: 40, collapsed: !notice.shown }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={3}>{m.appName}</Title>
            <Text c="dimmed" size="sm">
              {fill(m.offices.option, { name: settings.officeName, code: settings.officeCode })}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NativeSelect
              aria-label={m.operator.label}
              leftSection={<Text size="xs">{m.operator.label}</Text>}
              leftSectionWidth={80}
              w={300}
              value={operatorId}
              onChange={(e) => setOperatorId(e.currentTarget.value)}
              data={activeStaff.length ? activeStaff.map((s) => ({ value: s.id, label: fill(m.punct.paren, { text: s.name, note: s.departmentName }) })) : [{ value: '', label: m.operator.none }]}
            />
            <Button variant="subtle" size="xs" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
              {m.common.language}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.map((item) => (
          <NavLink
            key={item.key}
            href={hrefOf(item.route)}
            label={m.nav[item.key]}
            active={route.page === item.route.page || (item.key === 'register' && route.page === 'complaint')}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <CalendarBanner />
        {route.page === 'intake' && <IntakePage />}
        {route.page === 'register' && <RegisterPage />}
        {route.page === 'complaint' && <ComplaintPage key={`${route.id}-${route.step ?? ''}`} id={route.id} step={route.step} />}
        {route.page === 'board' && <BoardPage />}
        {route.page === 'reports' && <ReportsPage />}
        {route.page === 'exchange' && <ExchangePage />}
        {route.page === 'settings' && <SettingsPage />}
      </AppShell.Main>
      <AppShell.Footer
        bg={notice.overdue.length > 0 ? 'red.0' : 'orange.0'}
        data-testid="deadline-notice-bar"
        data-loaded={notice.loaded}
        data-overdue={notice.overdue.length}
        data-soon={notice.soon.length}
      >
        {notice.shown && <DeadlineNoticeBar notice={notice} />}
      </AppShell.Footer>
    </AppShell>
  );
}
