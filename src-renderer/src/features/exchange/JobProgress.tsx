import { useState } from 'react';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { ExchangeJob } from '../../../../src-preload/contract';
import { useI18n } from '../../app/i18n';

/** The running job: its step (main's words), a progress bar, and 取消. */
export function JobProgress({ job, onCancel }: { job: ExchangeJob | null; onCancel: () => Promise<void> }) {
  const { m } = useI18n();
  const [asked, setAsked] = useState(false);
  const percent = Math.round((job?.fraction ?? 0) * 100);
  const step = job?.step ?? m.exchange.starting;
  return (
    <Stack gap={6} data-testid="exchange-progress">
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">
          {step}
        </Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} animated aria-label={step} />
      <Group>
        <Button
          variant="default"
          disabled={asked || !job}
          onClick={() => {
            setAsked(true);
            void onCancel().catch(() => setAsked(false));
          }}
        >
          {asked ? m.exchange.cancelling : m.exchange.cancel}
        </Button>
      </Group>
    </Stack>
  );
}
