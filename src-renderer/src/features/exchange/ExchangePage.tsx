import { useState } from 'react';
import { Stack, Tabs, Title } from '@mantine/core';
import { useI18n } from '../../app/i18n';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { ImportHistory } from './ImportHistory';

/**
 * USB exchange with head office (数据交换, issue 5): an office exports its register to an
 * encrypted file on a stick; head office imports the files of many offices and merges them.
 * The three tabs stay mounted, so a running job keeps its progress while another tab is open.
 */
export function ExchangePage() {
  const { m } = useI18n();
  const [tab, setTab] = useState<string | null>('export');
  return (
    <Stack gap="md" data-page="exchange">
      <Title order={2}>{m.exchange.title}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="export">{m.exchange.tabExport}</Tabs.Tab>
          <Tabs.Tab value="import">{m.exchange.tabImport}</Tabs.Tab>
          <Tabs.Tab value="history">{m.exchange.tabHistory}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="export" pt="md">
          <ExportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <ImportHistory />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
