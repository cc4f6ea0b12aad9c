import '@mantine/core/styles.css';
import { z } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from './app/i18n';
import { LookupsProvider } from './app/lookups';
import { App } from './app/App';
import { queryClient } from './lib/query-client';

// Our CSP has no 'unsafe-eval'; zod would otherwise probe `new Function` and trip it (TOOLCHAIN.md).
z.config({ jitless: true });

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", system-ui, sans-serif',
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme}>
        <I18nProvider>
          <LookupsProvider>
            <App />
          </LookupsProvider>
        </I18nProvider>
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
