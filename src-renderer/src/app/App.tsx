import { useEffect } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import { useLookupsState } from './lookups';
import { useI18n } from './i18n';
import { OperatorProvider } from './operator';
import { Shell } from './Shell';
import { SetupScreen } from '../features/setup/SetupScreen';

export function App() {
  const { m } = useI18n();
  const { lookups, error } = useLookupsState();
  const ready = lookups !== null;
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
  if (!lookups) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (lookups.info.needsSetup) return <SetupScreen />;
  return (
    <OperatorProvider>
      <Shell />
    </OperatorProvider>
  );
}
