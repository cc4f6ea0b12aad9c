import { keepPreviousData } from '@tanstack/react-query';
import { Alert, Group, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { isRealWallTime, type Severity, type Urgency } from '../../../../src-preload/contract';
import { useApiQuery } from '../../lib/query';
import { fill, useI18n } from '../../app/i18n';

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
  const complete = isRealWallTime(facts.receivedAt) && (facts.requestedReplyAt === '' || isRealWallTime(facts.requestedReplyAt));
  const { receivedAt, severity, urgency, requestedReplyAt } = facts;
  const query = useApiQuery('deadlines:preview', { receivedAt, severity, urgency, requestedReplyAt }, { enabled: complete, placeholderData: keepPreviousData });
  // Half-typed times show nothing rather than the last complete ones' deadlines; a refusal too.
  const preview = complete && !query.isError ? query.data : undefined;

  if (!preview) return null;
  return (
    <Paper withBorder p="xs" bg="gray.0" data-testid="deadline-preview">
      <Group gap="lg">
        <Text size="sm" fw={600}>
          {m.deadline.preview}
        </Text>
        {preview.deadlines.map((d) => (
          <Text size="sm" key={d.kind} data-kind={d.kind}>
            {fill(m.punct.labelled, { label: m.deadline.kind[d.kind], value: d.dueAt })}
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
