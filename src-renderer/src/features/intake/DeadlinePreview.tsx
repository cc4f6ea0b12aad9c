import { useEffect, useState } from 'react';
import { Alert, Group, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { isRealWallTime, type DeadlinePreview as Preview, type Severity, type Urgency } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useI18n } from '../../app/i18n';

interface Props {
  receivedAt: string;
  severity: Severity;
  urgency: Urgency;
  requestedReplyAt: string;
}

/** The deadlines the complaint will get if saved now (deadlines:preview), shown while typing. */
export function DeadlinePreview(props: Props) {
  const { m } = useI18n();
  const [facts] = useDebouncedValue(props, 300);
  const [preview, setPreview] = useState<Preview | null>(null);
  const key = JSON.stringify(facts);

  useEffect(() => {
    const f = JSON.parse(key) as Props;
    if (!isRealWallTime(f.receivedAt) || (f.requestedReplyAt !== '' && !isRealWallTime(f.requestedReplyAt))) {
      setPreview(null);
      return;
    }
    let current = true;
    call('deadlines:preview', f)
      .then((p) => current && setPreview(p))
      .catch(() => current && setPreview(null));
    return () => {
      current = false;
    };
  }, [key]);

  if (!preview) return null;
  return (
    <Paper withBorder p="xs" bg="gray.0" data-testid="deadline-preview">
      <Group gap="lg">
        <Text size="sm" fw={600}>
          {m.deadline.preview}
        </Text>
        {preview.deadlines.map((d) => (
          <Text size="sm" key={d.kind} data-kind={d.kind}>
            {m.deadline.kind[d.kind]}：{d.dueAt}
          </Text>
        ))}
      </Group>
      {preview.warnings.map((w) => (
        <Alert key={w} color="yellow" mt="xs" p="xs">
          {w}
        </Alert>
      ))}
    </Paper>
  );
}
