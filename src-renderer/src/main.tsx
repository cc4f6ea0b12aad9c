import '@mantine/core/styles.css';
import { z } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { I18nProvider } from './app/i18n';
import { LookupsProvider } from './app/lookups';
import { App } from './app/App';

// Our CSP has no 'unsafe-eval'; zod would otherwise probe `new Function` and trip it (TOOLCHAIN.md).
z.config({ jitless: true });

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", system-ui, sans-serif',
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <I18nProvider>
        <LookupsProvider>
          <App />
        </LookupsProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
