import { useEffect } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import { useLookupsState } from './lookups';
import { useI18n } from './i18n';
import { OperatorProvider } from './operator';
import { Shell } from './Shell';
import { SetupScreen } from '../features/setup/SetupScreen';
import { usePulse } from '../lib/query';
import { useNowWall } from '../lib/main-clock';

export function App() {
  const { m } = useI18n();
  const { lookups, error } = useLookupsState();
  // Main's clock and change counters, every few seconds: pages wait for the clock before showing times.
  const pulse = usePulse();
  const ready = lookups !== null && pulse.isSuccess;
  useEffect(() => {
    // Tests wait for this instead of sleeping (Signal's SignalCI pattern).
    document.body.dataset.ready = ready ? 'true' : 'false';
  }, [ready]);

  if (error && !lookups) {
    return (
      <Center h="100vh">
        <Alert color="red" title={m.errors.startup}>
          {error}
        </Alert>
      </Center>
    );
  }
  if (!lookups || !pulse.isSuccess) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (lookups.info.needsSetup) return <SetupScreen />;
  return (
    <OperatorProvider>
      <ClockMark timeZone={lookups.settings.timeZone} />
      <Shell />
    </OperatorProvider>
  );
}

/** `data-now` on the body: main's clock to the minute as this window shows it (tests wait for a tick with it). */
function ClockMark({ timeZone }: { timeZone: string }) {
  const now = useNowWall(timeZone);
  useEffect(() => {
    document.body.dataset.now = now;
  }, [now]);
  return null;
}
